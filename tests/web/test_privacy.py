"""Privacy: every URL and API route, walked as an anonymous visitor, as the owner and as somebody
else, shows that nobody but the owner reads or changes a person's data.

The routes are enumerated from Django's URL resolver, so a new page or API route is covered
automatically; a route with a parameter this test does not know how to fill fails the test
until it is taught (PARAMETERS below).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from ownpath.accounts.models import ApiToken
from ownpath.accounts.services import create_token
from ownpath.journal.models import Episode

pytestmark = pytest.mark.django_db

MARKER = "PRIVATE-MARKER-7f3a"
MARKER_PAY = 123457
# Pages anybody may open: they show no personal data.
PUBLIC = {"web:home", "web:login", "web:signup", "api:openapi-json", "api:openapi-view",
          "api:api-root", "web:manifest", "web:service_worker"}
METHODS = ("get", "post", "patch", "delete")
FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"
# Route parameters naming shared reference data, not anybody's object (an item slug; an invitation
# token is a capability whoever holds it may use).
REFERENCE_PARAMETERS = {"path", "code", "item", "token"}
# Capability links: the secret in the URL is the key (calendar apps cannot log in). Whoever holds
# it reads the reminders, never journal data; a revoked or wrong secret answers 404.
CAPABILITY = {"web:reminders_calendar"}
CAPABILITY_PARAMETERS = {"secret"}


def _walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}:{entry.name}", list(entry.pattern.regex.groupindex)


def all_routes() -> list[tuple[str, str, list[str]]]:
    """(route pattern, name, parameter names) of every route, one per distinct pattern."""
    seen, routes = set(), []
    for route, name, params in _walk(get_resolver().url_patterns):
        if route not in seen:
            seen.add(route)
            routes.append((route, name, params))
    return routes


@pytest.fixture
def owners_data(user):
    """The owner's objects, each carrying the marker somewhere a leak would show it."""
    episode = Episode.objects.create(user=user, date=dt.date(2026, 1, 5), activity_id=_activity_id("research"),
                                     hours=2, energy=2, note=MARKER)
    token, _ = create_token(user, MARKER)
    data = {"episode": episode, "token": token}
    # Occupations are shared reference data (for logged-in people only): load the small release
    # so their pages, the add-as-option form and the person's fit all render for real.
    from ownpath.occupations.services import load_onet_release

    load_onet_release([FIXTURE_RELEASE], with_pay=False)
    from ownpath.imports.models import PendingEvent, PendingUpload

    # An imported calendar event waiting for a rating, and an upload waiting for its confirm.
    data["pending_event"] = PendingEvent.objects.create(
        user=user, date=dt.date(2026, 1, 6), hours=1, title=MARKER, source="ics", external_id="marker@x",
        series_id="ics:marker@x")
    data["upload"] = PendingUpload.objects.create(
        user=user, filename="journal.csv", options={},
        data=f"date,activity,hours,energy,note\n2026-01-07,research,1,1,{MARKER}\n".encode())
    # A big upload the background worker has not imported yet; its file name carries the marker.
    from ownpath.imports.models import ImportRun

    data["import_run"] = ImportRun.objects.create(
        user=user, filename=f"{MARKER}.csv", entries=6, options={},
        data=f"date,activity,hours,energy,note\n2026-01-08,research,1,1,{MARKER}\n".encode())
    from ownpath.options.services import add_option, set_values

    # An option's only free text is its name, which is in its URL; its pay carries the marker.
    data["option"] = add_option(user, "Offer-A", mix={"research": 20}, pay=MARKER_PAY, current=True)
    set_values(user, ratings={"learning": 5}, baseline=MARKER_PAY - 1)
    # The owner's organisation (admin and people lead), a team they manage, an invitation and a share.
    from ownpath.sharing.services import share
    from ownpath.teams import services as teams
    from ownpath.teams.models import Membership, OrganisationRole

    data["organisation"] = teams.create_organisation(user, "Owner's organisation")
    OrganisationRole.objects.create(organisation=data["organisation"], person=user, role="people_lead")
    data["team"] = teams.create_team(user, data["organisation"], "Owner's team")
    Membership.objects.create(team=data["team"], person=user, role="manager")
    data["invitation"] = teams.invite(user, data["organisation"], team=data["team"])
    data["share"] = share(user, "growth_share", "team")
    from ownpath.team_planning.models import RoleProfile

    # A role profile of the owner's organisation, imported from a ladder (its expectations carry the marker).
    data["role"] = RoleProfile.objects.create(
        organisation=data["organisation"], name="Owner's ladder role", track="expert", weekly_hours={"research": 40},
        ladder="Owner's ladder", expectations=[{"area": "", "text": f"Researches {MARKER}", "activity": "research",
                                                "probability": 0.9, "sure": True}])
    # The token in /join/<token>/ lets whoever holds it join: it invites into a separate organisation,
    # so a visitor who uses it stays outside the owner's.
    elsewhere = teams.create_organisation(user, "Elsewhere")
    data["join_token"] = teams.invite(user, elsewhere, team=teams.create_team(user, elsewhere, "Lobby")).token
    from ownpath.reminders.services import new_calendar_link

    data["calendar_secret"] = new_calendar_link(user)
    return data


def _activity_id(slug: str) -> int:
    from ownpath.journal.models import Activity

    return Activity.objects.get(owner=None, slug=slug).id


def _conversation(data: dict):
    """A career conversation of the owner with their manager, the owner's private answer carrying the marker."""
    if "conversation" not in data:
        from django.contrib.auth import get_user_model

        from ownpath.conversations import services as conversations
        from ownpath.teams.models import Membership, Organisation, Team

        owner = data["episode"].user
        team = Team.objects.create(organisation=Organisation.objects.create(name="Privacy Org"), name="Privacy")
        manager = get_user_model().objects.create_user("privacy-manager", password="long enough passphrase 1")
        Membership.objects.create(team=team, person=manager, role="manager")
        Membership.objects.create(team=team, person=owner, role="member")
        found = conversations.open_conversation(manager, owner, "2026-01-20")
        data["agenda_item"] = found.agenda.first()
        conversations.answer(owner, found.pk, data["agenda_item"].pk, MARKER)
        data["agreement"] = conversations.agree(owner, found.pk, "Less admin", hour_changes={"admin": -2})
        data["conversation"] = found
    return data["conversation"]


def _forecast(data: dict):
    """A forecast ownpath keeps for the owner, the change it is about named with the marker."""
    if "forecast" not in data:
        from ownpath.options.models import ForecastRecord

        data["forecast"] = ForecastRecord.objects.create(
            user=data["episode"].user, name=MARKER, started_on=dt.date(2026, 1, 5), recorded_on=dt.date(2026, 1, 5),
            mix={"research": 20}, energy=0.5, energy_sd=0.2, energy_low=0.17, energy_high=0.83, p_better=0.6)
    return data["forecast"]


# How to fill each route parameter with one of the owner's objects.
PARAMETERS = {
    "forecast_id": lambda data: _forecast(data).id,
    "conversation_id": lambda data: _conversation(data).id,
    "item_id": lambda data: (_conversation(data), data["agenda_item"].id)[1],
    "agreement_id": lambda data: (_conversation(data), data["agreement"].id)[1],
    "file_format": lambda data: "markdown",
    "episode_id": lambda data: data["episode"].id,
    "token_id": lambda data: data["token"].id,
    "path": lambda data: "web/app.css",
    "name": lambda data: data["option"].name,
    "slug": lambda data: data["option"].slug,
    "key": lambda data: data["option"].slug,
    "code": lambda data: "11-2022.00",
    "share_id": lambda data: data["share"].id,
    "item": lambda data: "growth_share",
    "person_id": lambda data: data["episode"].user_id,
    "organisation_id": lambda data: data["organisation"].id,
    "team_id": lambda data: data["team"].id,
    "invitation_id": lambda data: data["invitation"].id,
    "token": lambda data: data["join_token"],
    "secret": lambda data: data["calendar_secret"],
    "run_id": lambda data: data["import_run"].id,
    "role_id": lambda data: data["role"].id,
    "change_id": lambda data: _relation_change(data).id,
}


def _relation_change(data: dict):
    """A change of the owner's teammates, the other person's name carrying the marker."""
    if "relation_change" not in data:
        from django.contrib.auth import get_user_model

        from ownpath.teams.models import RelationChange

        other = get_user_model().objects.create_user(f"mate-{MARKER}"[:150], password="long enough passphrase 1")
        data["relation_change"] = RelationChange.objects.create(
            person=data["episode"].user, other=other, kind=RelationChange.TEAMMATE, change=RelationChange.ADDED,
            team_name="Owner's team")
    return data["relation_change"]


def concrete_url(route: str, params: list[str], data: dict) -> str:
    """The route with every parameter filled with the owner's object."""
    url = route
    for param in params:
        assert param in PARAMETERS, f"teach test_privacy.PARAMETERS how to fill {param!r} (route {route})"
        value = str(PARAMETERS[param](data))
        url = re.sub(r"<(?:\w+:)?%s>" % param, value, url)
        url = re.sub(r"\(\?P<%s>[^)]*\)" % param, value, url)
    return "/" + url.lstrip("^").rstrip("$")


def _call(client: Client, method: str, url: str):
    if method in ("get", "delete"):
        return getattr(client, method)(url)
    if method == "patch":
        return client.patch(url, "{}", content_type="application/json")
    return client.post(url, {})


def _snapshot(data) -> tuple:
    owner = data["episode"].user
    episode = Episode.objects.filter(pk=data["episode"].pk).values().first()
    state = [episode, ApiToken.objects.filter(pk=data["token"].pk).exists(), Episode.objects.filter(user=owner).count()]
    from ownpath.imports.models import ImportRun, PendingEvent, PendingUpload

    state += [list(PendingEvent.objects.filter(user=owner).values()),
              list(PendingUpload.objects.filter(user=owner).values_list("filename", "data", "options")),
              list(ImportRun.objects.filter(user=owner).values_list("pk", "status", "data", "summary"))]
    if "option" in data:
        from ownpath.options.services import option_as_dict, options_for, values_summary

        state += [[option_as_dict(o) for o in options_for(owner)], values_summary(owner)]
    return tuple(state)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_every_route_is_known_to_this_test():
    names = [name for _, name, _ in all_routes()]
    assert "web:journal" in names and "api:list_entries" in names
    for route, _, params in all_routes():
        for param in params:
            assert param in PARAMETERS, f"route {route}: unknown parameter {param}"


def test_an_anonymous_visitor_reads_and_changes_nothing(owners_data):
    before = _snapshot(owners_data)
    visitor = Client()
    for route, name, params in all_routes():
        url = concrete_url(route, params, owners_data)
        for method in METHODS:
            response = _call(visitor, method, url)
            body = _body(response)
            assert MARKER not in body and str(MARKER_PAY) not in body, f"{method.upper()} {url} leaked data"
            assert response.status_code < 500, f"{method.upper()} {url} failed with {response.status_code}"
            if name in PUBLIC or name in CAPABILITY:
                continue
            if url.startswith(("/api/", "/scim/")):  # SCIM: only a directory's provisioning token
                assert response.status_code in (401, 405), f"{method.upper()} {url}: {response.status_code}"
            else:
                assert response.status_code in (302, 405), f"{method.upper()} {url}: {response.status_code}"
                if response.status_code == 302:
                    assert response["Location"].startswith("/login/"), f"{method.upper()} {url}"
    assert _snapshot(owners_data) == before


def test_somebody_else_gets_404_for_the_owners_objects_and_never_sees_their_data(owners_data, other_user):
    before = _snapshot(owners_data)
    intruder = Client()
    intruder.force_login(other_user)
    for route, _name, params in all_routes():
        url = concrete_url(route, params, owners_data)
        owns_object = any(p in params for p in PARAMETERS
                          if p not in REFERENCE_PARAMETERS | CAPABILITY_PARAMETERS)
        for method in METHODS:
            intruder.force_login(other_user)  # walking /logout/ must not end the visit
            response = _call(intruder, method, url)
            body = _body(response)
            assert MARKER not in body and str(MARKER_PAY) not in body, f"{method.upper()} {url} leaked data"
            assert response.status_code != 403 or not owns_object, f"{method.upper()} {url}: 403 reveals it exists"
            if owns_object:
                # 400 "Cannot parse request body": the API refused the form body before any lookup.
                unparsed = response.status_code == 400 and "Cannot parse request body" in body
                assert response.status_code in (404, 405) or unparsed, f"{method.upper()} {url}: {response.status_code}"
    assert _snapshot(owners_data) == before


def test_the_owner_reads_every_page_of_their_own(owners_data, user):
    owner = Client()
    owner.force_login(user)
    for route, name, params in all_routes():
        url = concrete_url(route, params, owners_data)
        response = owner.get(url)
        allowed = (200, 302, 405, 404) if name == "api:api-root" else (200, 302, 405)  # the API root is no page
        if url.startswith("/scim/"):  # the directory's endpoint: a person's session is no provisioning token
            allowed = (401,)
        if "person_id" in params:  # a route about another person: on oneself it may answer 404
            allowed += (404,)
        if url.startswith("/api/") and response.status_code == 422:  # "what is missing" for one's own thin data
            assert "detail" in response.json(), f"GET {url}: 422 without a message"
            continue
        assert response.status_code in allowed, f"GET {url}: {response.status_code}"
    assert MARKER in owner.get("/journal/").content.decode()
    assert MARKER in owner.get("/api/journal").content.decode()
    assert MARKER in owner.get(f"/journal/{owners_data['episode'].id}/edit/").content.decode()
    assert MARKER in owner.get("/account/").content.decode()
    assert MARKER in owner.get("/rate/?week=all").content.decode()
    assert MARKER in owner.get("/import/").content.decode()
    assert MARKER in owner.get(f"/import/runs/{owners_data['import_run'].id}/status/").content.decode()
    if "option" in owners_data:
        assert str(MARKER_PAY) in owner.get("/api/options").content.decode()
        assert "123,457" in owner.get("/options/").content.decode() or "123457" in owner.get("/options/").content.decode()


def test_somebody_else_cannot_rate_dismiss_or_confirm_the_owners_imports(owners_data, other_user):
    before = _snapshot(owners_data)
    intruder = Client()
    intruder.force_login(other_user)
    key = owners_data["pending_event"].series_id
    for url in ("/rate/save/", "/rate/dismiss/"):
        response = intruder.post(url, {"key": key, "week": "all", "energy": "1", "activity": "research"})
        assert response.status_code == 404, url
    # The intruder has nothing of their own waiting: told so (409), nothing about the owner's upload.
    confirm = intruder.post("/import/confirm/")
    assert confirm.status_code == 409 and MARKER not in confirm.content.decode()
    assert intruder.post("/import/daylio/", {"name_1": "work", "slug_1": ""}).status_code == 404
    assert MARKER not in intruder.get("/import/").content.decode()
    assert _snapshot(owners_data) == before
