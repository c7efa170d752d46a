"""What each API operation answers, as schemas: the OpenAPI document shows every shape and every
refusal (400/401/404/422 with ``detail``), and schemathesis checks each answer against it.

Analyses (insights, comparisons, figures) declare their top-level fields and allow more, so a new
field in an analysis is an addition, never a server error; records (entries, shares, conversations)
are exact.
"""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import ConfigDict, ValidationInfo, model_validator


class Error(Schema):
    """A refused request: ``detail`` says why, in a sentence naming the field, or for a body that
    does not fit its schema, one entry per field (``loc``, ``msg``, ``type``)."""

    detail: str | list[dict[str, Any]]


ERRORS: dict[int, Any] = {400: Error, 401: Error, 404: Error, 422: Error}


def answers(ok: Any, status: int = 200) -> dict[int, Any]:
    """``response=`` for an operation: its success shape at ``status``, and the refusals."""
    return {status: ok} | ERRORS


class Analysis(Schema):
    """An analysis: the fields listed, and possibly more (documented with the CLI's ``--json``)."""

    model_config = ConfigDict(extra="allow")

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        # Replaces ninja's own (same name): a dict is validated as a dict, so its other fields are kept.
        return handler(data)


# --- journal, options, values, occupations ------------------------------------------------------

class Entry(Schema):
    """One journal entry (the lossless export row, with its id)."""

    id: int
    uuid: str
    date: str
    start: str | None
    activity: str
    hours: float
    energy: int
    skill: int | None
    engagement: int | None
    growth: bool | None
    off_clock: bool
    with_whom: str = Field(alias="with")
    where: str
    tools: str
    flow: bool
    note: str
    source: str
    external_id: str


class Activity(Schema):
    """An activity one can log: built in, or the person's own."""

    activity: str
    label: str
    description: str
    builtin: bool


class Option(Schema):
    """An option: weekly hours per activity, pay, hours, ratings, whether current or target, who set it."""

    id: int
    slug: str
    name: str
    mix: dict[str, float]
    pay: float | None
    hours: float | None
    ratings: dict[str, Any]
    current: bool
    target: bool
    set_by: str


class Insights(Analysis):
    """What energizes and drains the person (as `ownpath insights --json`)."""


class ValuesSummary(Analysis):
    """Value weights with intervals, how they were set, the pay baseline, contradictions."""

    method: str | None
    answers: int
    pay_baseline: float | None
    ratings: dict[str, Any]
    weights: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]


class Question(Schema):
    """The next pair of values to compare (null once the order is settled), and the count so far."""

    first: str | None
    second: str | None
    settled: bool = False
    number: int | None = None
    expected: int | None = None


class Forecasts(Analysis):
    """ownpath's kept forecasts against what was lived, and its calibration for you (as `ownpath forecasts --json`)."""


class Comparison(Analysis):
    """Every option against the current role (as `ownpath compare --json`)."""


class OccupationSearch(Schema):
    """Occupations matching a job title, with the O*NET credit line."""

    query: str
    matches: list[dict[str, Any]]
    credit: Any


class OccupationFit(Analysis):
    """Roles that pay for what the person loves (as `ownpath occupations fit --json`)."""


class Occupation(Analysis):
    """One occupation: pay, job zone, activity profile, values."""


class PathSummary(Analysis):
    """The path to a target role (as `ownpath path show --json`); absent when none is set."""


class PathCandidate(Analysis):
    """An occupation a job title may mean: code, title, how its title matched, whether it is a move from your work."""


class PathAmbiguous(Schema):
    """A target title that means several occupations: choose one of ``candidates`` (or send a mix)."""

    detail: str
    candidates: list[PathCandidate]


# --- sharing ------------------------------------------------------------------------------------

class Item(Schema):
    """A shareable item."""

    item: str
    label: str
    description: str
    audiences: list[str]
    sensitive: bool


class Share(Schema):
    """One share of the person's: an item, to an audience, live or a snapshot; revoked_at once ended."""

    id: int
    item: str
    audience: str
    person: str | None
    mode: str
    created_at: str
    revoked_at: str | None


class Read(Schema):
    """One read of the person's shared item by someone else."""

    viewer: str | None
    item: str
    viewed_at: str


class RelationChange(Schema):
    """A change of who manages you or works beside you; a new manager asks whether to keep sharing."""

    id: int
    kind: str
    change: str
    other: str
    team: str
    made_by: str | None
    created_at: str
    seen_at: str | None
    asks_keep_sharing: bool
    keep_sharing: bool | None
    words: str


class Words(Schema):
    """The person's own words."""

    want_from_role: str
    five_year_wish: str


class SharedItem(Analysis):
    """One shared item as its audience sees it (``content`` holds the item itself)."""


class SharedProfile(Schema):
    """Every item a person shares with the reader."""

    person: str
    items: list[SharedItem]


class TeamFigures(Analysis):
    """A team's anonymous figures, each resting on at least the minimum number of contributors."""


# --- conversations ------------------------------------------------------------------------------

class ConversationSummary(Schema):
    """A conversation in a list."""

    id: int
    date: str
    person: str
    manager: str
    status: str


class Conversation(Analysis):
    """A conversation as the reader's side sees it: agenda, answers, agreements, earlier reviews, notes."""

    id: int
    date: str
    status: str
    person: str
    manager: str
    side: str
    agenda: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    earlier_agreements: list[dict[str, Any]]
    notes: list[dict[str, Any]]


class AgendaItem(Schema):
    """An agenda item just added."""

    id: int
    text: str


class AnswerOut(Schema):
    """An answer and whether the manager sees it."""

    item: int
    text: str
    shared_with_manager: bool


class AnswerShared(Schema):
    """Whether the manager sees an answer now."""

    item: int
    shared_with_manager: bool


class Agreement(Schema):
    """An agreement: text, owner, due date, weekly hour changes per activity."""

    id: int
    text: str
    owner: str
    due_date: str | None
    hour_changes: dict[str, float]


class TrialAgreement(Agreement):
    """A report's proposed trial, recorded in the next planned conversation."""

    conversation_id: int
    conversation_date: str


class AgreementStatus(Schema):
    """An agreement's status."""

    id: int
    status: str


class ReviewShared(Schema):
    """Whether the manager sees an agreement's journal review."""

    id: int
    review_shared_with_manager: bool


class Note(Schema):
    """A note in a conversation (a private one is its author's alone)."""

    id: int
    author: str
    text: str
    private: bool = False


class Export(Analysis):
    """A conversation exported: its JSON, or ``{"markdown": "..."}``."""


# --- team planning ------------------------------------------------------------------------------

class Role(Schema):
    """A role profile of an organisation."""

    id: int
    name: str
    track: str
    level: int
    weekly_hours: dict[str, float]
    onet_code: str | None
    ladder: str | None = None
    expectations: list[Any] = []


class TrackFit(Analysis):
    """Expert vs manager track: P(better than now), thin evidence, a trial."""


class Mentorship(Analysis):
    """Mentorship opt-ins and proposed pairs."""


class Proposal(Analysis):
    """A proposal (mentorship pairs or an allocation of a team's work), each with why."""


class Needs(Analysis):
    """A team's needs next quarter."""


class Hours(Schema):
    """A member's hours a week for a team next quarter."""

    person: str
    hours: float
