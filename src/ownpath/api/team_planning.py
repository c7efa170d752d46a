"""JSON API for team decisions: your track fit and mentorship; role profiles; proposals for teams.

Registered on the main API with one line (``api.add_router("/team-planning", router)``). Every
permission check is in ``team_planning.services``; other people's objects answer 404.
"""

from __future__ import annotations

from ninja import Router
from ninja.responses import Status

from ownpath.api import answers as A
from ownpath.api.strict import StrictSchema
from ownpath.errors import UserInputError
from ownpath.inputs import as_id
from ownpath.team_planning import services as planning
from ownpath.team_planning.presenting import present_track_fit
from ownpath.teams import services as teams

router = Router(tags=["team planning"])


class RoleIn(StrictSchema):
    """A role profile: name, track (expert/manager), level, weekly hours per activity or an O*NET code."""

    name: str
    track: str
    level: int = 1
    weekly_hours: dict[str, float] | None = None
    onet_code: str | None = None


class LadderIn(StrictSchema):
    """A career ladder's text (YAML, JSON or Markdown) and its file name (its extension picks the shape)."""

    text: str
    filename: str = ""


class CorrectionIn(StrictSchema):
    """Corrected activities of a ladder role's expectations: {index from 0: activity}, and its hours a week."""

    activities: dict[str, str]
    hours: float | None = None


class OptInIn(StrictSchema):
    """Your mentorship opt-in."""

    as_mentor: bool = False
    mentor_activities: list[str] = []
    capacity: int = 1
    as_mentee: bool = False
    learning_wishes: list[str] = []
    prefer_other_teams: bool = False


class NeedIn(StrictSchema):
    """One need of the team next quarter (0 hours removes it)."""

    activity: str
    hours: float
    min_skill: float | None = None


class HoursIn(StrictSchema):
    """A member's hours a week for the team next quarter."""

    person: str
    hours: float


def _role_json(role) -> dict:
    return {"id": role.pk, "name": role.name, "track": role.track, "level": role.level,
            "weekly_hours": role.weekly_hours, "onet_code": role.onet_code or None,
            "ladder": role.ladder or None, "expectations": role.expectations}


@router.get("/track-fit", summary="Your track fit", response=A.answers(A.TrackFit))
def my_track_fit(request, expert: int | None = None, manager: int | None = None, current: int | None = None):
    """Expert vs manager track on your own journal: P(better than now), thin evidence, a trial.

    ``words`` is the same track fit in sentences, as the web pages show it. ``current`` names the
    role profile you hold now (default: the one closest to your week), for the next rung on each track.
    """
    fit = planning.track_fit_for(request.user, expert_role_id=expert, manager_role_id=manager,
                                 current_role_id=current)
    return fit | {"words": present_track_fit(fit)}


@router.get("/track-fit/{person_id}", summary="A colleague's track fit, if shared with you",
            response=A.answers(A.TrackFit))
def their_track_fit(request, person_id: int):
    """404 unless the person shares their track fit with you (the read is logged for them); ``words`` as on the page."""
    shared = planning.track_fit_of(request.user, teams.colleague(request.user, person_id))
    return shared | {"words": present_track_fit(shared["content"])}


@router.post("/track-fit/{person_id}/agreement",
             summary="Record a report's proposed trial as an agreement", response=A.answers(A.TrialAgreement, 201))
def record_trial_agreement(request, person_id: int):
    """The person's manager, while the track fit is shared with them: into the next planned conversation."""
    made = planning.record_trial_agreement(request.user, teams.colleague(request.user, person_id))
    return Status(201, {"id": made.pk, "conversation_id": made.conversation_id,
                        "conversation_date": made.conversation.date.isoformat(), "text": made.text,
                        "owner": made.owner.username, "due_date": made.due_date.isoformat() if made.due_date else None,
                        "hour_changes": {c.activity: c.hours_per_week for c in made.changes.all()}})


@router.get("/organisations/{organisation_id}/roles", summary="Role profiles of an organisation",
            response=A.answers(list[A.Role]))
def list_roles(request, organisation_id: int):
    """The organisation's expert- and manager-track role profiles."""
    organisation = teams.get_organisation(request.user, organisation_id)
    return [_role_json(r) for r in planning.role_profiles(request.user, organisation)]


@router.post("/organisations/{organisation_id}/roles", summary="Add a role profile", response=A.answers(A.Role, 201))
def add_role(request, organisation_id: int, data: RoleIn):
    """Admins add a role profile (hours typed in, or prefilled from an O*NET occupation)."""
    organisation = teams.get_organisation(request.user, organisation_id)
    return Status(201, _role_json(planning.add_role_profile(
        request.user, organisation, data.name, data.track, level=data.level, weekly_hours=data.weekly_hours,
        onet_code=data.onet_code)))


@router.post("/organisations/{organisation_id}/ladder", response=A.answers(list[A.Role], 201),
             summary="Import a career ladder as role profiles")
def import_ladder(request, organisation_id: int, data: LadderIn):
    """Admins: one role profile per level and track, each expectation classified into an activity."""
    organisation = teams.get_organisation(request.user, organisation_id)
    return Status(201, [_role_json(r) for r in planning.import_ladder(request.user, organisation, data.text,
                                                                      data.filename)])


@router.post("/roles/{role_id}/expectations", summary="Correct a ladder role's classified expectations",
             response=A.answers(A.Role))
def correct_expectations(request, role_id: int, data: CorrectionIn):
    """Admins: the corrected activities; the role's weekly mix follows them."""
    indexes = {key: as_id(key) for key in data.activities}
    wrong = [key for key, index in indexes.items() if index is None]
    if wrong:
        raise UserInputError(f"activities: '{wrong[0]}' is not the number of an expectation (0, 1, 2, …)")
    activities = {indexes[key]: activity for key, activity in data.activities.items()}
    return _role_json(planning.correct_role_expectations(request.user, role_id, activities, data.hours))


@router.put("/organisations/{organisation_id}/mentorship", summary="Your mentorship opt-in",
            response=A.answers(A.Mentorship))
def put_opt_in(request, organisation_id: int, data: OptInIn):
    """Opt in (or out) as mentor and/or mentee."""
    organisation = teams.get_organisation(request.user, organisation_id)
    planning.set_mentorship_opt_in(request.user, organisation, **data.dict())
    return planning.mentorship_of(request.user)


@router.get("/mentorship", summary="Your mentorship", response=A.answers(A.Mentorship))
def my_mentorship(request):
    """Your opt-ins, the pairs proposed for you, and what team planning used of your data."""
    return planning.mentorship_of(request.user) | {"uses": planning.planning_uses_of(request.user)}


@router.post("/organisations/{organisation_id}/mentorship/proposal", summary="Propose mentorship pairs",
             response=A.answers(A.Proposal))
def propose_pairs(request, organisation_id: int):
    """Admins: a maximum-weight matching of consenting, opted-in people."""
    organisation = teams.get_organisation(request.user, organisation_id)
    return planning.propose_mentorship(request.user, organisation)


@router.get("/organisations/{organisation_id}/mentorship/proposal", summary="The latest mentorship proposal",
            response=A.answers(list[A.Proposal]))
def get_pairs(request, organisation_id: int):
    """Admins: the pairs of the latest proposal, each with why."""
    organisation = teams.get_organisation(request.user, organisation_id)
    return planning.mentorship_proposals(request.user, organisation)


@router.get("/teams/{team_id}/needs", summary="The team's needs next quarter", response=A.answers(list[A.Proposal]))
def list_needs(request, team_id: int):
    """The team's manager: hours a week per activity the team needs."""
    return planning.team_needs(request.user, team_id)


@router.put("/teams/{team_id}/needs", summary="Set one need", response=A.answers(list[A.Proposal]))
def put_need(request, team_id: int, data: NeedIn):
    """The team's manager: set (or with 0 hours remove) one need."""
    planning.set_team_need(request.user, team_id, data.activity, data.hours, data.min_skill)
    return planning.team_needs(request.user, team_id)


@router.put("/teams/{team_id}/hours", summary="A member's available hours", response=A.answers(A.Hours))
def put_hours(request, team_id: int, data: HoursIn):
    """The team's manager, or the member: hours a week for the team next quarter."""
    found = planning.set_available_hours(request.user, team_id, teams.colleague(request.user, data.person)
                                         if data.person != request.user.username else request.user, data.hours)
    return {"person": found.person.username, "hours": found.hours}


@router.post("/teams/{team_id}/allocation", summary="Propose an allocation of the team's work",
             response=A.answers(A.Proposal))
def propose_team_allocation(request, team_id: int, margin: float = 0.2, sub_teams: bool = True):
    """The team's manager: moves, each person's predicted change with interval, or why it cannot be done.

    ``sub_teams=false`` plans the team's own members only (by default its sub-teams' members are included).
    """
    return planning.propose_team_allocation(request.user, team_id, margin=margin, include_sub_teams=sub_teams)
