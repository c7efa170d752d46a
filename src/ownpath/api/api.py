"""The JSON API: token (Bearer) or session auth; every route calls the same services as the pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema
from ninja.responses import Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer, SessionAuth
from pydantic import AliasChoices

from ownpath.accounts import services as token_services
from ownpath.api import answers as A
from ownpath.api.strict import StrictSchema
from ownpath.errors import NotFound, UserInputError
from ownpath.insights.cache import insights_for
from ownpath.journal import services as journal
from ownpath.journal.transfer import episode_to_dict
from ownpath.journal.validation import EpisodeInvalid, FieldError, parse_date
from ownpath.occupations import services as occupations
from ownpath.options import services as options


class TokenAuth(HttpBearer):
    """`Authorization: Bearer op_…` with a token from `ownpath token create` or the account page."""

    def authenticate(self, request: HttpRequest, token: str):
        user = token_services.user_for_token(token)
        if user is not None:
            request.user = user
        return user


class LoggedInSession(SessionAuth):
    """The web session; its CSRF check only matters once a session is logged in.

    Without one (a bad or missing token, no session) the answer is 401, not 403 "CSRF check failed".
    """

    def _get_key(self, request: HttpRequest):
        if not request.user.is_authenticated:
            return None
        return super()._get_key(request)


class Page(LimitOffsetPagination):
    """``?limit=`` (default 100, at most 1000) and ``?offset=``; the answer has ``items`` and ``count``."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000)
        offset: int = Field(0, ge=0, le=2**31)


api = NinjaAPI(
    title="ownpath API",
    version="1",
    description="Your own journal, insights, values and options. Authenticate with a personal token "
                "(`Authorization: Bearer …`) or the web session.",
    auth=[TokenAuth(), LoggedInSession()],
    urls_namespace="api",
)


@api.exception_handler(NotFound)
def _not_found(request, exc: NotFound):
    return api.create_response(request, {"detail": exc.message}, status=404)


@api.exception_handler(UserInputError)
def _user_error(request, exc: UserInputError):
    return api.create_response(request, {"detail": exc.message}, status=422)


@api.exception_handler(EpisodeInvalid)
def _invalid_entry(request, exc: EpisodeInvalid):
    # Each bad field by name, as the service found it: a client marks its inputs without re-validating.
    return api.create_response(request, {"detail": exc.message, "fields": exc.fields}, status=422)


# The journal's field names; the keys this API published first (with, where, start) are read too.
_WITH = AliasChoices("with_whom", "with")
_PLACE = AliasChoices("place", "where")
_START = AliasChoices("start_time", "start")


class EpisodeIn(StrictSchema):
    """A new entry; fields are validated like the CLI's `ownpath log`."""

    date: str | None = None
    activity: str
    hours: float
    energy: int
    skill: int | None = None
    engagement: int | None = None
    growth: bool | None = None
    off_clock: bool = False
    with_whom: str = Field("", validation_alias=_WITH)
    note: str = ""
    start_time: str | None = Field(None, validation_alias=_START)
    place: str = Field("", validation_alias=_PLACE)
    tools: str = ""
    flow: bool = False


class EpisodePatch(StrictSchema):
    """Fields to change on an entry; the rest stay as they are."""

    date: str | None = None
    activity: str | None = None
    hours: float | None = None
    energy: int | None = None
    skill: int | None = None
    engagement: int | None = None
    growth: bool | None = None
    off_clock: bool | None = None
    with_whom: str | None = Field(None, validation_alias=_WITH)
    note: str | None = None
    start_time: str | None = Field(None, validation_alias=_START)
    place: str | None = Field(None, validation_alias=_PLACE)
    tools: str | None = None
    flow: bool | None = None


def _episode_json(episode) -> dict[str, Any]:
    return {"id": episode.id} | episode_to_dict(episode)


def _raw(data: Schema, *, only_set: bool) -> dict[str, Any]:
    return data.dict(exclude_unset=only_set)


def _date_or_none(value: str | None, name: str) -> dt.date | None:
    if not value:
        return None
    try:
        return parse_date(value, field_name=name)
    except FieldError as exc:
        raise UserInputError(f"{exc.field}: {exc.message}") from None


class _EpisodesAsJson:
    """A query of episodes that the paginator slices and counts in the database, as JSON rows."""

    def __init__(self, episodes):
        self.episodes = episodes

    def all(self):
        return self

    def count(self) -> int:
        return self.episodes.count()

    def __getitem__(self, window: slice) -> list[dict[str, Any]]:
        return [_episode_json(e) for e in self.episodes[window]]


@api.get("/journal", tags=["journal"], summary="Your entries, oldest first, a page at a time",
         response=A.answers(list[A.Entry]), by_alias=True)
@paginate(Page)
def list_entries(request, since: str | None = None, until: str | None = None, activity: str | None = None):
    """The person's entries, optionally from/until a date and for one activity: ``items`` of one page
    (``?limit=``, ``?offset=``) and ``count``, the number of all matching entries."""
    episodes = journal.episodes_for(request.user, _date_or_none(since, "since"), _date_or_none(until, "until"),
                                    activity)
    return _EpisodesAsJson(episodes)


@api.post("/journal", tags=["journal"], summary="Log an entry", response=A.answers(A.Entry, 201), by_alias=True)
def create_entry(request, data: EpisodeIn):
    """Log one entry; any bad field refuses it (422, naming the field)."""
    raw = _raw(data, only_set=False)
    raw["date"] = raw.get("date") or dt.date.today().isoformat()
    return Status(201, _episode_json(journal.log_episode(request.user, raw)))


@api.get("/journal/{episode_id}", tags=["journal"], summary="One entry", response=A.answers(A.Entry), by_alias=True)
def get_entry(request, episode_id: int):
    """One of the person's entries (404 for anybody else's)."""
    return _episode_json(journal.get_episode(request.user, episode_id))


@api.patch("/journal/{episode_id}", tags=["journal"], summary="Change an entry",
           response=A.answers(A.Entry), by_alias=True)
def update_entry(request, episode_id: int, data: EpisodePatch):
    """Change the given fields of an entry, validated like a new one."""
    return _episode_json(journal.update_episode(request.user, episode_id, _raw(data, only_set=True)))


@api.delete("/journal/{episode_id}", tags=["journal"], summary="Delete an entry", response=A.answers(None, 204))
def delete_entry(request, episode_id: int):
    """Delete one of the person's entries."""
    journal.delete_episode(request.user, episode_id)
    return Status(204, None)


@api.get("/activities", tags=["journal"], summary="Activities you can log", response=A.answers(list[A.Activity]))
def list_activities(request):
    """The built-in activities and the person's own."""
    return [{"activity": a.slug, "label": a.label, "description": a.description, "builtin": a.is_builtin}
            for a in journal.activities_for(request.user)]


@api.get("/insights", tags=["insights"], summary="What energizes and drains you", response=A.answers(A.Insights))
def get_insights(request, since: str | None = None):
    """The same JSON as `ownpath insights --json`."""
    return insights_for(request.user, _date_or_none(since, "since"))


class OptionIn(StrictSchema):
    """An option: weekly hours per activity, pay, hours, 1–5 ratings on values, who set it.
    With an O*NET ``occupation`` code the mix and pay are prefilled from it (given ones win)."""

    name: str
    mix: dict[str, float] | None = None
    occupation: str | None = None
    pay: float | None = None
    hours: float | None = None
    ratings: dict[str, int] | None = None
    current: bool = False
    target: bool = False
    set_by: str = "me"


class OptionPatch(StrictSchema):
    """Fields to change on an option; a mix given here replaces the old one."""

    name: str | None = None
    mix: dict[str, float] | None = None
    pay: float | None = None
    hours: float | None = None
    ratings: dict[str, int] | None = None
    current: bool | None = None
    target: bool | None = None
    set_by: str | None = None


class ValuesIn(StrictSchema):
    """The card sort (``order``: the values that matter, most important first), direct 1–5 ratings
    (merged into earlier ones) and/or the pay baseline."""

    order: list[str] | None = None
    ratings: dict[str, int] | None = None
    baseline: float | None = None


class AnswerIn(StrictSchema):
    """One paired-comparison answer; choice is one of the pair, or null for about equal."""

    first: str
    second: str
    choice: str | None = None


@api.get("/occupations", tags=["occupations"], summary="Search O*NET occupations by job title",
         response=A.answers(A.OccupationSearch))
def search_occupations(request, q: str = "", limit: int = 10):
    """The same JSON as `ownpath occupations search TITLE --json` (no title: no matches)."""
    results = occupations.search_occupations(q, limit=limit) if q.strip() else []
    return {"query": q, "matches": results, "credit": occupations.onet_credit()}


@api.get("/occupations/fit", tags=["occupations"], summary="Roles that pay for what you love",
         response=A.answers(A.OccupationFit))
def occupation_fit(request, min_pay: float | None = None, job_zone: int | None = None, limit: int = 20):
    """The same JSON as `ownpath occupations fit --json`, from your own journal."""
    return occupations.occupation_fit(request.user, min_pay=min_pay, job_zone=job_zone, limit=limit)


@api.get("/occupations/{code}", tags=["occupations"], summary="One occupation", response=A.answers(A.Occupation))
def get_occupation(request, code: str):
    """The same JSON as `ownpath occupations show CODE --json`: pay, job zone, activity profile, values."""
    return occupations.occupation_detail(code)


@api.get("/values", tags=["values"], summary="Your values profile", response=A.answers(A.ValuesSummary))
def get_values(request):
    """Weights with intervals, how they were set, the pay baseline, contradictions."""
    return options.values_summary(request.user)


@api.put("/values", tags=["values"], summary="Set value ratings and the pay baseline",
         response=A.answers(A.ValuesSummary))
def put_values(request, data: ValuesIn):
    """Set the order, direct ratings and/or the baseline (all checked before any is saved)."""
    with transaction.atomic():
        if data.order is not None:
            options.set_ranking(request.user, data.order)
        options.set_values(request.user, ratings=data.ratings, baseline=data.baseline)
    return options.values_summary(request.user)


@api.get("/values/question", tags=["values"], summary="The next question to answer", response=A.answers(A.Question))
def next_question(request):
    """The next pair of values to compare (null once the order is settled), and the count so far."""
    plan = options.value_question_plan(request.user)
    first, second = plan.next or (None, None)
    return {"first": first, "second": second, "settled": plan.settled, "number": plan.asked + 1 if plan.next else None,
            "expected": plan.expected_total}


@api.post("/values/answers", tags=["values"], summary="Answer a question", response=A.answers(A.ValuesSummary, 201))
def answer_question(request, data: AnswerIn):
    """Record one answer; returns the new summary."""
    options.record_value_answer(request.user, data.first, data.second, data.choice)
    return Status(201, options.values_summary(request.user))


@api.get("/options", tags=["options"], summary="Your options", response=A.answers(list[A.Option]))
def list_options(request):
    """Every option of the person, the current role first."""
    return [options.option_as_dict(o) for o in options.options_for(request.user)]


@api.post("/options", tags=["options"], summary="Add an option", response=A.answers(A.Option, 201))
def create_option(request, data: OptionIn):
    """Add an option; any bad field refuses it (422, naming the field)."""
    option = occupations.add_option_from_occupation(
        request.user, data.name, mix=data.mix, pay=data.pay, hours=data.hours, ratings=data.ratings,
        current=data.current, set_by=data.set_by, target=data.target, occupation=data.occupation)
    return Status(201, options.option_as_dict(option))


@api.get("/options/{key}", tags=["options"], summary="One option", response=A.answers(A.Option))
def get_option(request, key: str):
    """One of the person's options by its slug (or id; 404 for anybody else's)."""
    return options.option_as_dict(options.find_option(request.user, key))


@api.patch("/options/{key}", tags=["options"], summary="Change an option", response=A.answers(A.Option))
def update_option(request, key: str, data: OptionPatch):
    """Change the given fields; a mix replaces the old mix. The slug stays when it is renamed."""
    option = options.edit_option(request.user, options.find_option(request.user, key).name, new_name=data.name,
                                 mix=data.mix, replace_mix=data.mix is not None, pay=data.pay, hours=data.hours,
                                 ratings=data.ratings, current=data.current, set_by=data.set_by,
                                 target=data.target)
    return options.option_as_dict(option)


@api.delete("/options/{key}", tags=["options"], summary="Remove an option", response=A.answers(None, 204))
def delete_option(request, key: str):
    """Remove one of the person's options (by its slug or id)."""
    options.remove_option(request.user, options.find_option(request.user, key).name)
    return Status(204, None)


class TookIn(StrictSchema):
    """The first day of the option you took (YYYY-MM-DD; default today)."""

    on: str | None = None


@api.post("/options/{key}/took", tags=["forecasts"], response=A.answers(A.Forecasts, 201),
          summary="You took this option")
def took_option(request, key: str, data: TookIn):
    """Keep ownpath's forecast of the option (it becomes your current role); returns your forecasts."""
    from ownpath.options import forecasts

    forecasts.took_option(request.user, key, data.on)
    return Status(201, forecasts.forecasts_for(request.user))


@api.get("/forecasts", tags=["forecasts"], summary="ownpath's forecasts against what you lived",
         response=A.answers(A.Forecasts))
def list_forecasts(request):
    """The same JSON as `ownpath forecasts --json`: each kept forecast, scored or what is missing, and calibration."""
    from ownpath.options import forecasts

    return forecasts.forecasts_for(request.user)


@api.delete("/forecasts/{forecast_id}", tags=["forecasts"], response=A.answers(None, 204),
            summary="Forget a kept forecast")
def forget_forecast(request, forecast_id: int):
    """Remove one of your kept forecasts (another person's looks missing)."""
    from ownpath.options import forecasts

    forecasts.forget_forecast(request.user, forecast_id)
    return Status(204, None)


@api.get("/compare", tags=["options"], summary="Compare your options", response=A.answers(A.Comparison))
def compare(request):
    """The same JSON as `ownpath compare --json`."""
    return options.compare_json(request.user)


from ownpath.api.paths import router as paths_router  # noqa: E402  (its own module, registered here)

api.add_router("/path", paths_router)
api.add_router("/sharing", "ownpath.api.sharing.router")
api.add_router("/conversations", "ownpath.api.conversations.router")
api.add_router("/team-planning", "ownpath.api.team_planning.router")
