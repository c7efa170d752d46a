"""The demo's "act as" switch: in local mode, look at the demo workplace as the person or as their manager.

Only in local mode (`ownpath serve --local`, loopback requests, which LocalUserMiddleware marks
with ``request.ownpath_local``), and only between the people of the demo organisation: the local
user and the demo's generated colleagues, who have no password and cannot log in. On a real
server, or for any other account, the switch does nothing.
"""

from __future__ import annotations

from django.conf import settings

SESSION_KEY = "ownpath_demo_act_as"
DEMO_ORGANISATION = "Northwind Research (demo)"


def _local_request(request) -> bool:
    return bool(settings.OWNPATH_LOCAL_MODE and getattr(request, "ownpath_local", False))


def demo_people(local_user) -> list:
    """The local user and the demo organisation's generated people (none outside a demo workplace)."""
    from ownpath.teams.models import Organisation
    from ownpath.teams.services import people_of

    organisation = Organisation.objects.filter(name=DEMO_ORGANISATION).first()
    if organisation is None or not people_of(organisation).filter(pk=local_user.pk).exists():
        return []
    others = [p for p in people_of(organisation).exclude(pk=local_user.pk).order_by("username")
              if not p.has_usable_password()]
    return [local_user, *others]


def may_act_as(request, person_id) -> object | None:
    """The demo person `person_id` if this request may act as them, else None."""
    if not _local_request(request):
        return None
    from ownpath.journal.services import local_user

    for person in demo_people(local_user()):
        if str(person.pk) == str(person_id):
            return person
    return None


def people_to_act_as(request) -> list[dict]:
    """For the switch on the page: the person and their manager(s) in the demo, marked who is acting now."""
    if not _local_request(request):
        return []
    from ownpath.journal.services import local_user
    from ownpath.teams.services import managers_of

    me = local_user()
    people = demo_people(me)
    if not people:
        return []
    managers = {m.pk for m in managers_of(me)}
    shown = [me] + [p for p in people if p.pk in managers]
    return [{"id": p.pk, "username": p.username, "role": "the person" if p.pk == me.pk else "their manager",
             "current": p.pk == request.user.pk} for p in shown]


class DemoActAsMiddleware:
    """After LocalUserMiddleware: act as the demo person chosen with the switch (local mode only)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.session.get(SESSION_KEY) if _local_request(request) else None
        if chosen is not None:
            person = may_act_as(request, chosen)
            if person is not None:
                request.user = person
            else:
                request.session.pop(SESSION_KEY, None)
        return self.get_response(request)
