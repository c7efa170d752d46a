"""The authorization matrix: every route × every relation to a person's data × each method.

Routes are read from the URL configuration (every web route, HTMX partial and API operation);
a route missing from ROUTES fails ``test_every_route_is_classified``, so no new route escapes.
Each route is then requested by the person, their manager, another team's manager, a team peer,
a people lead, the admin, someone outside the organisation, someone whose share was revoked and
an anonymous visitor, with GET and POST (API: its own methods). Whatever the route:

- the person's private words and entries never appear in anyone else's response, except the one
  item they shared with their manager, and only to their manager;
- nothing of the person's changes when anyone else calls the route;
- no route answers 500; denied relations get 404 (or 405/302/401), never a page.

To add routes: add one line per route to ROUTES with its access class (see ACCESS).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Access classes: who may get a page from the route (everyone else: 404 / 405 / log-in).
PUBLIC = "public"            # no personal data (log-in, sign-up, static files, API schema)
OWN = "own"                  # the caller's own data only: any logged-in person, never someone else's
OWNER_OBJECT = "owner_object"  # the URL names one of the person's objects: the person only, others 404
SHARED = "shared"            # another person's items through the read gate: only whom a live share reaches
MANAGER = "manager"          # the caller's team page: what reports shared with them, figures (k >= 5)
TEAM_MANAGER = "team_manager"  # a team named in the URL: its manager only
ORG_ADMIN = "org_admin"      # administering the organisation named in the URL: its admins only
ORG_PEOPLE_LEAD = "org_people_lead"  # organisation-wide aggregates: its people leads only
ORG_MEMBER = "org_member"    # acting on one's own membership of the organisation named in the URL
INVITATION = "invitation"    # whoever holds the invitation token
CONVERSATION = "conversation"  # a career conversation named in the URL: the person and their current manager only
REPORT_MANAGER = "report_manager"  # acting on a report named in the URL: their current manager only (not the person)
PROVISIONING = "provisioning"  # SCIM: only a directory's provisioning token; sessions and personal tokens get 401
ACCESS = {PUBLIC, OWN, OWNER_OBJECT, SHARED, MANAGER, TEAM_MANAGER, ORG_ADMIN, ORG_PEOPLE_LEAD, ORG_MEMBER,
          INVITATION, CONVERSATION, REPORT_MANAGER, PROVISIONING}

# The one table: web routes by "namespace:name", API operations by "METHOD /api/path".
ROUTES = {
    "web:home": OWN, "web:signup": PUBLIC, "web:login": PUBLIC, "web:logout": PUBLIC,
    "web:account": OWN, "web:revoke_token": OWNER_OBJECT, "web:export_journal": OWN, "web:delete_account": OWN,
    "web:add_activity": OWN,
    "web:welcome": OWN, "web:yesterday": OWN,
    "web:journal": OWN, "web:log_entry": OWN, "web:edit_entry": OWNER_OBJECT, "web:delete_entry": OWNER_OBJECT,
    "web:insights": OWN, "web:report": OWN,
    "web:occupations": OWN, "web:occupation_fit": OWN, "web:occupation": OWN, "web:occupation_add_option": OWN,
    "web:import": OWN, "web:import_confirm": OWN, "web:import_cancel": OWN, "web:import_daylio": OWN,
    "web:import_assign": OWN, "web:import_run": OWNER_OBJECT, "web:import_run_status": OWNER_OBJECT,
    "web:rate_week": OWN, "web:rate_save": OWN, "web:rate_dismiss": OWN, "web:rate_remembered": OWN,
    "web:values": OWN, "web:options": OWN, "web:option_new": OWN, "web:option_from_journal": OWN, "web:option_edit": OWNER_OBJECT,
    "web:option_delete": OWNER_OBJECT, "web:compare": OWN,
    # forecasts ownpath keeps score of: the person's own, never shared
    "web:option_took": OWNER_OBJECT, "web:forecasts": OWN, "web:forecast_forget": OWNER_OBJECT,
    "web:sharing": OWN, "web:share_add": OWN, "web:share_revoke": OWNER_OBJECT, "web:career_wish": OWN,
    "web:share_preview": OWN,
    "web:team_home": OWN, "web:team_manage": MANAGER, "web:person_profile": SHARED,
    "web:join_with_token": INVITATION, "web:join": INVITATION, "web:organisation_create": OWN,
    "web:organisation_admin": ORG_ADMIN, "web:team_create": ORG_ADMIN, "web:invitation_create": ORG_ADMIN,
    "web:invitation_revoke": ORG_ADMIN, "web:member_role": ORG_ADMIN, "web:organisation_leave": ORG_MEMBER,
    "web:people_lead": ORG_PEOPLE_LEAD,
    "api:openapi-json": PUBLIC, "api:openapi-view": PUBLIC,
    "GET /api/journal": OWN, "POST /api/journal": OWN,
    "GET /api/journal/{episode_id}": OWNER_OBJECT, "PATCH /api/journal/{episode_id}": OWNER_OBJECT,
    "DELETE /api/journal/{episode_id}": OWNER_OBJECT,
    "GET /api/activities": OWN, "GET /api/insights": OWN,
    "GET /api/occupations": OWN, "GET /api/occupations/fit": OWN, "GET /api/occupations/{code}": OWN,
    "GET /api/values": OWN, "PUT /api/values": OWN, "GET /api/values/question": OWN,
    "POST /api/values/answers": OWN,
    "GET /api/options": OWN, "POST /api/options": OWN, "GET /api/options/{key}": OWNER_OBJECT,
    "PATCH /api/options/{key}": OWNER_OBJECT, "DELETE /api/options/{key}": OWNER_OBJECT,
    "GET /api/compare": OWN,
    "POST /api/options/{key}/took": OWNER_OBJECT, "GET /api/forecasts": OWN,
    "DELETE /api/forecasts/{forecast_id}": OWNER_OBJECT,
    "GET /api/sharing/items": OWN, "GET /api/sharing/shares": OWN, "POST /api/sharing/shares": OWN,
    "POST /api/sharing/shares/{share_id}/revoke": OWNER_OBJECT, "GET /api/sharing/log": OWN,
    "GET /api/sharing/preview/{item}": OWN, "PUT /api/sharing/words": OWN,
    "GET /api/sharing/people/{person_id}": SHARED, "GET /api/sharing/people/{person_id}/{item}": SHARED,
    "GET /api/sharing/teams/{team_id}/figures": TEAM_MANAGER,
    # changes of one's manager or teammates: the person's own notices and answers
    "web:relation_change_answer": OWNER_OBJECT, "GET /api/sharing/changes": OWN,
    "POST /api/sharing/changes/{change_id}": OWNER_OBJECT,
    "web:reflection": OWN,
    "web:reminders": OWN, "web:manifest": PUBLIC, "web:service_worker": PUBLIC,
    # A capability link (calendar apps cannot log in): whoever holds the secret reads the reminder
    # times and nothing of the journal, which this matrix checks like any public page.
    "web:reminders_calendar": PUBLIC,
    # path to a target role (the person's own), classified at the merge of main
    "web:path": OWN, "web:path_set": OWN, "web:path_clear": OWN,
    "GET /api/path": OWN, "PUT /api/path": OWN, "DELETE /api/path": OWN, "GET /api/path/candidates": OWN,
    # team decisions (team_planning)
    "web:my_track_fit": OWN, "web:their_track_fit": SHARED, "web:my_mentorship": OWN,
    "web:planning_roles": ORG_MEMBER, "web:mentorship_proposals": ORG_ADMIN, "web:planning_allocation": TEAM_MANAGER,
    "GET /api/team-planning/track-fit": OWN, "GET /api/team-planning/track-fit/{person_id}": SHARED,
    # recording a report's proposed trial as an agreement: their manager, while the track fit is shared
    "web:record_trial_agreement": REPORT_MANAGER,
    "POST /api/team-planning/track-fit/{person_id}/agreement": REPORT_MANAGER,
    "GET /api/team-planning/organisations/{organisation_id}/roles": ORG_MEMBER,
    "POST /api/team-planning/organisations/{organisation_id}/roles": ORG_ADMIN,
    "POST /api/team-planning/organisations/{organisation_id}/ladder": ORG_ADMIN,
    "POST /api/team-planning/roles/{role_id}/expectations": ORG_ADMIN,
    "PUT /api/team-planning/organisations/{organisation_id}/mentorship": ORG_MEMBER,
    "GET /api/team-planning/mentorship": OWN,
    "POST /api/team-planning/organisations/{organisation_id}/mentorship/proposal": ORG_ADMIN,
    "GET /api/team-planning/organisations/{organisation_id}/mentorship/proposal": ORG_ADMIN,
    "GET /api/team-planning/teams/{team_id}/needs": TEAM_MANAGER,
    "PUT /api/team-planning/teams/{team_id}/needs": TEAM_MANAGER,
    "PUT /api/team-planning/teams/{team_id}/hours": TEAM_MANAGER,
    "POST /api/team-planning/teams/{team_id}/allocation": TEAM_MANAGER,
    "web:conversations": OWN, "web:conversation_open": OWN, "web:demo_act_as": OWN,
    "web:conversation": CONVERSATION, "web:conversation_status": CONVERSATION,
    "web:conversation_cadence": CONVERSATION,
    "web:conversation_agenda_add": CONVERSATION, "web:conversation_answer": CONVERSATION,
    "web:conversation_note_add": CONVERSATION, "web:conversation_agreement_add": CONVERSATION,
    "web:conversation_export": CONVERSATION, "web:agreement_status": CONVERSATION,
    "web:agreement_review_share": CONVERSATION,
    "GET /api/conversations": OWN, "POST /api/conversations": OWN,
    "GET /api/conversations/{conversation_id}": CONVERSATION,
    "POST /api/conversations/{conversation_id}/status": CONVERSATION,
    "POST /api/conversations/{conversation_id}/agenda": CONVERSATION,
    "PUT /api/conversations/{conversation_id}/agenda/{item_id}/answer": CONVERSATION,
    "POST /api/conversations/{conversation_id}/agenda/{item_id}/share": CONVERSATION,
    "POST /api/conversations/{conversation_id}/agreements": CONVERSATION,
    "POST /api/conversations/agreements/{agreement_id}/status": CONVERSATION,
    "POST /api/conversations/agreements/{agreement_id}/review-share": CONVERSATION,
    "POST /api/conversations/{conversation_id}/notes": CONVERSATION,
    "GET /api/conversations/{conversation_id}/export": CONVERSATION,
    "scim:endpoint": PROVISIONING, "sso:login": PUBLIC, "sso:callback": PUBLIC,
    "web:directory": ORG_ADMIN, "web:provisioning_token_create": ORG_ADMIN,
    "web:provisioning_token_revoke": ORG_ADMIN, "web:org_chart_preview": ORG_ADMIN, "web:org_chart_apply": ORG_ADMIN,
    "web:audit_log": ORG_ADMIN, "web:my_audit": OWN,
}

# API routes that are not operations (schema, docs); they are classified above by URL name.
API_INFRASTRUCTURE = {"openapi-json", "openapi-view", "api-root"}

RELATIONS = ("manager", "other_manager", "peer", "people_lead", "admin", "outsider", "revoked", "anonymous",
             "owner")  # the owner last: their own POSTs may delete what the others tried to reach

WISH = "SECRET-WISH-9c2"  # shared with the manager (live)
PRIVATE = ("SECRET-NOTE-1f3a", "SecretOption-77", "SECRET-DREAM-4d1",  # shared with nobody
           "SECRET-ANSWER-5e8")  # a conversation answer the person keeps private
ALLOWED_STATUS = {
    # relation -> which access classes give that relation a page (the owner: their own routes)
    "owner": {PUBLIC, OWN, OWNER_OBJECT, SHARED, MANAGER, INVITATION, ORG_MEMBER, CONVERSATION},  # SHARED: their own items
    "manager": {PUBLIC, OWN, SHARED, MANAGER, INVITATION, ORG_MEMBER, TEAM_MANAGER, CONVERSATION,
                REPORT_MANAGER},
    "people_lead": {PUBLIC, OWN, MANAGER, INVITATION, ORG_MEMBER, ORG_PEOPLE_LEAD},
    "admin": {PUBLIC, OWN, MANAGER, INVITATION, ORG_MEMBER, ORG_ADMIN},
}
# 400/422: the hostile body was refused before any lookup (the state check above proves nothing changed).
DENIED = {400, 404, 405, 422}
ANONYMOUS_DENIED = {302, 401, 403, 404, 405}


def _web_routes() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns, prefix: str, namespace: str | None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern), pattern.namespace or namespace)
            else:
                key = f"{namespace}:{pattern.name}"
                found[key] = SimpleNamespace(pattern=pattern, route=prefix + str(pattern.pattern), key=key)

    walk(get_resolver().url_patterns, "", None)
    return found


def _api_operations() -> dict[str, str]:
    from ownpath.api.api import api

    operations = {}
    for path, methods in api.get_openapi_schema()["paths"].items():
        for method in methods:
            operations[f"{method.upper()} {path}"] = path
    return operations


def _all_routes() -> list[str]:
    web = [key for key, found in _web_routes().items()
           if not found.key.startswith("api:") or found.pattern.name in API_INFRASTRUCTURE - {"api-root"}]
    return sorted(web) + sorted(_api_operations())


def test_every_route_is_classified():
    routes = _web_routes()
    unnamed = [r.route for r in routes.values() if r.key.endswith(":None")]
    assert not unnamed, f"name these routes so they can be classified: {unnamed}"
    missing = [key for key in _all_routes() if key not in ROUTES]
    assert not missing, f"classify these routes in ROUTES ({', '.join(sorted(ACCESS))}): {missing}"
    assert set(ROUTES.values()) <= ACCESS
    stale = [key for key in ROUTES if key not in _all_routes()]
    assert not stale, f"these classified routes no longer exist: {stale}"


def test_every_api_url_is_an_operation_in_the_schema():
    # A route hidden from the OpenAPI schema would escape the matrix: every API URL must be in it.
    api_paths = {"/" + r.route.replace("<", "{").replace(">", "}") for r in _web_routes().values()
                 if r.key.startswith("api:") and r.pattern.name not in API_INFRASTRUCTURE}
    assert api_paths <= set(_api_operations().values())


@pytest.fixture
def world(org, django_user_model, episode_factory):
    """The person (alex) with private data, one item shared with their manager, one share revoked."""
    from ownpath.accounts.services import create_token
    from ownpath.options.services import add_option, set_values
    from ownpath.sharing import services as sharing
    from ownpath.teams import services as teams
    from ownpath.teams.models import Membership

    owner = org.owner
    episode = episode_factory(note=PRIVATE[0])
    add_option(owner, PRIVATE[1], mix="research=30", pay=80000)
    set_values(owner, baseline=55000)
    # A forecast kept for the person (private to them): a change they made, their option's name.
    from ownpath.options.forecasts import took_option

    add_option(owner, "Taken-role", mix="research=10", current=True)
    add_option(owner, f"{PRIVATE[2]}-role", mix="research=20")
    forecast = took_option(owner, f"{PRIVATE[2]}-role")
    sharing.set_career_wish(owner, want_from_role=WISH, five_year_wish=PRIVATE[2])
    sharing.share(owner, "want_from_role", "manager")
    revoked = django_user_model.objects.create_user("rita")
    Membership.objects.create(team=org.sales, person=revoked)
    gone = sharing.share(owner, "want_from_role", "person", person=revoked)
    sharing.revoke(owner, gone.pk)
    token, _ = create_token(owner, "matrix")
    people = {"owner": owner, "manager": org.manager, "other_manager": org.other_manager, "peer": org.peer,
              "people_lead": org.people_lead, "admin": org.admin, "outsider": org.outsider, "revoked": revoked,
              "anonymous": None}
    keys = {name: create_token(person, "matrix")[1] for name, person in people.items() if person is not None}
    invitation = teams.invite(org.admin, org.acme, team=org.sales)
    # A career conversation with the manager: one answer shared with them (the WISH), one private.
    from ownpath.conversations import services as conversations

    conversation = conversations.open_conversation(org.manager, owner, "2026-12-15")
    shared_item, private_item = conversation.agenda.all()[:2]
    conversations.answer(owner, conversation.pk, shared_item.pk, WISH, shared_with_manager=True)
    conversations.answer(owner, conversation.pk, private_item.pk, PRIVATE[3])
    agreement = conversations.agree(org.manager, conversation.pk, "Less admin", hour_changes={"admin": -2})
    # A choice of the person's own that nobody else's request may flip back.
    from ownpath.reminders.services import set_conversation_emails

    set_conversation_emails(owner, False)
    # A big import of the person's, finished by the worker, its file name private.
    from ownpath.imports.models import ImportRun

    import_run = ImportRun.objects.create(user=owner, filename=f"{PRIVATE[0]}.csv", status="done", entries=6,
                                          summary={"imported": 6, "pending": 0, "skipped_duplicates": 0})
    # A change of the person's manager, not answered yet: only they may see or answer it.
    from ownpath.teams.models import RelationChange

    change = RelationChange.objects.create(person=owner, other=org.other_manager, kind=RelationChange.MANAGER,
                                           change=RelationChange.ADDED, team=org.sales, team_name="Sales",
                                           made_by=org.admin)
    return SimpleNamespace(org=org, owner=owner, people=people, keys=keys, episode=episode, token=token,
                           invitation=invitation, conversation=conversation, agenda_item=private_item,
                           agreement=agreement, import_run=import_run, forecast=forecast, change=change)


def _kwargs(world, names) -> dict:
    from ownpath.sharing.models import Share
    from ownpath.teams import services as teams

    share = Share.objects.filter(owner=world.owner, revoked_at__isnull=True).first()
    fresh = teams.invite(world.org.admin, world.org.acme, team=world.org.sales)
    from ownpath.options.models import Option

    option = Option.objects.filter(user=world.owner, name=PRIVATE[1]).first()
    from ownpath.team_planning.models import RoleProfile

    role, _ = RoleProfile.objects.get_or_create(
        organisation=world.org.acme, name="Matrix role",
        defaults={"track": "expert", "weekly_hours": {"building": 40},
                  "expectations": [{"area": "", "text": "Builds things", "activity": "building", "probability": 0.9,
                                    "sure": True}]})
    values = {"role_id": role.pk, "episode_id": world.episode.pk, "key": option.slug if option else "gone",
              "slug": option.slug if option else "gone", "token_id": world.token.pk, "name": PRIVATE[1],
              "code": "11-2022.00", "path": "web/app.css", "share_id": share.pk if share else 0,
              "item": "want_from_role", "person_id": world.owner.pk, "organisation_id": world.org.acme.pk,
              "team_id": world.org.engineering.pk, "invitation_id": world.invitation.pk, "token": fresh.token,
              "conversation_id": world.conversation.pk, "item_id": world.agenda_item.pk,
              "agreement_id": world.agreement.pk, "file_format": "markdown", "run_id": world.import_run.pk,
              "forecast_id": world.forecast.pk, "change_id": world.change.pk}
    if "secret" in names:
        from ownpath.reminders.services import new_calendar_link

        values["secret"] = new_calendar_link(world.owner)
    return {name: values[name] for name in names}


def _hostile_form(world) -> dict:
    """One POST body with every field a route might read, aimed at the person's data."""
    return {"note": "HACKED", "want_from_role": "HACKED", "five_year_wish": "HACKED", "name": "HACKED",
            "item": "want_from_role", "audience": "team", "mode": "live", "activity": "research", "hours": "1",
            "energy": "-2", "date": "2026-11-02", "person": str(world.owner.pk), "change": "remove",
            "team": str(world.org.engineering.pk), "role": "member", "email": "", "token": world.invitation.token,
            "target_hours": "10", "action": "settings", "mix": "research=1", "pay": "1"}


def _owner_state(owner) -> dict:
    from ownpath.accounts.models import ApiToken
    from ownpath.conversations.models import Agreement, Answer
    from ownpath.imports.models import ImportRun
    from ownpath.journal.models import Episode, PersonSettings
    from ownpath.options.models import ForecastRecord, Option, ValueAnswer, ValuesProfile
    from ownpath.reminders.models import ReminderSettings
    from ownpath.sharing.models import CareerWish, Share
    from ownpath.teams.models import RelationChange

    return {
        "episodes": list(Episode.objects.filter(user=owner).order_by("pk").values_list(
            "pk", "note", "energy", "hours", "date", "activity_id")),
        "options": list(Option.objects.filter(user=owner).order_by("pk").values_list("pk", "name", "pay")),
        "values": list(ValuesProfile.objects.filter(user=owner).values_list("pay_baseline", "ratings")),
        "answers": ValueAnswer.objects.filter(user=owner).count(),
        "settings": list(PersonSettings.objects.filter(user=owner).values_list("target_hours_per_week")),
        "wish": list(CareerWish.objects.filter(person=owner).values_list("want_from_role", "five_year_wish")),
        "shares": list(Share.objects.filter(owner=owner).order_by("pk").values_list("pk", "item", "revoked_at")),
        "tokens": list(ApiToken.objects.filter(user=owner).order_by("pk").values_list("pk")),
        "conversation_answers": list(Answer.objects.filter(item__conversation__person=owner).order_by("pk")
                                     .values_list("pk", "text", "shared_with_manager")),
        "conversation_agreements": list(Agreement.objects.filter(conversation__person=owner).order_by("pk")
                                        .values_list("pk", "text", "status")),
        "conversation_emails": list(ReminderSettings.objects.filter(user=owner).values_list("conversation_emails")),
        "import_runs": list(ImportRun.objects.filter(user=owner).order_by("pk").values_list("pk", "status", "summary")),
        "forecasts": list(ForecastRecord.objects.filter(user=owner).order_by("pk").values_list(
            "pk", "name", "energy", "started_on")),
        # Only the person answers their notices (an admin's change may add new, unanswered ones).
        "relation_changes": list(RelationChange.objects.filter(person=owner).exclude(seen_at=None, keep_sharing=None)
                                 .order_by("pk").values_list("pk", "seen_at", "keep_sharing")),
    }


def _requests(world, key: str):
    """(method, url, is_api) for each way to call the route."""
    from django.urls import reverse

    if key.startswith(("GET ", "POST ", "PUT ", "PATCH ", "DELETE ")):
        method, path = key.split(" ", 1)
        names = [part[1:-1] for part in path.split("/") if part.startswith("{")]
        url = path.format(**_kwargs(world, names))
        return [(method, url, True)]
    found = _web_routes()[key]
    names = list(found.pattern.pattern.converters)
    url = reverse(key, kwargs=_kwargs(world, names)) if names else reverse(key)
    return [("GET", url, key.startswith("api:")), ("POST", url, key.startswith("api:"))]


def _call(world, relation: str, method: str, url: str, is_api: bool):
    person = world.people[relation]
    if is_api:
        headers = {"HTTP_AUTHORIZATION": f"Bearer {world.keys[relation]}"} if person else {}
        client = Client(**headers)
        body = json.dumps(_hostile_form(world))
        return getattr(client, method.lower())(url, body, content_type="application/json") \
            if method in ("POST", "PUT", "PATCH") else getattr(client, method.lower())(url)
    client = Client()
    if person is not None:
        client.force_login(person)
    return client.post(url, _hostile_form(world)) if method == "POST" else client.get(url)


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("key", _all_routes())
def test_route_reveals_and_changes_nothing_that_was_not_shared(world, key):
    access = ROUTES[key]
    for relation in RELATIONS:
        for method, url, is_api in _requests(world, key):
            before = _owner_state(world.owner)
            response = _call(world, relation, method, url, is_api)
            where = f"{relation} {method} {url} ({access})"
            assert response.status_code < 500, where
            body = _body(response)
            if PRIVATE[1] in url:  # a "not found" that repeats the caller's own URL reveals nothing
                body = body.replace(PRIVATE[1], "")
            if relation != "owner":
                for secret in PRIVATE:
                    assert secret not in body, f"{where} shows the person's unshared {secret}"
                if relation != "manager":
                    assert WISH not in body, f"{where} shows an item shared with the manager only"
                assert _owner_state(world.owner) == before, f"{where} changed the person's data"
            if access == PROVISIONING:
                assert response.status_code == 401, f"{where} answered {response.status_code}"
                continue
            if relation == "anonymous":
                if access != PUBLIC:
                    assert response.status_code in ANONYMOUS_DENIED, where
                continue
            allowed = ALLOWED_STATUS.get(relation, {PUBLIC, OWN, MANAGER, INVITATION, ORG_MEMBER})
            if access not in allowed and access != PUBLIC:
                assert response.status_code in DENIED, f"{where} answered {response.status_code}"


@pytest.mark.parametrize("key", [key for key in _all_routes() if key.startswith("web:")])
def test_an_anonymous_htmx_request_is_refused_or_sent_to_log_in_and_sees_nothing(world, key):
    # HTMX requests take their own path when nobody is logged in (a client-side redirect to log-in).
    for method, url, _is_api in _requests(world, key):
        client = Client(HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{url}")
        response = client.post(url, _hostile_form(world)) if method == "POST" else client.get(url)
        where = f"anonymous HTMX {method} {url}"
        body = _body(response)
        assert not any(secret in body for secret in (*PRIVATE, WISH)), where
        if ROUTES[key] != PUBLIC:
            redirected = response.get("HX-Redirect", "").startswith("/login/")
            assert response.status_code in ANONYMOUS_DENIED or redirected, f"{where} answered {response.status_code}"
