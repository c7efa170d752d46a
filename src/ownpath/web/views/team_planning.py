"""Team decisions pages: my track fit, my mentorship; role profiles and mentorship proposals for admins,
the allocation proposal for a team's manager. Views only call ``team_planning.services``
(which checks who may ask and uses consented estimates only); others' objects answer 404.
"""

from __future__ import annotations

import math

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ownpath.analytics.forecast import activity_label
from ownpath.errors import NotFound, UserInputError
from ownpath.journal.services import activity_labels
from ownpath.team_planning import services as planning
from ownpath.team_planning.presenting import present_track_fit
from ownpath.teams import services as teams
from ownpath.web.present import error_html
from ownpath.web.views.common import person_view


def _split(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _number(value: str, field: str) -> float | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        raise UserInputError(f"{field}: '{value}' is not a number") from None


def _whole_number(value: str, field: str, default: int) -> int:
    """A whole number from a form field ("3", "3.0"); anything else is a UserInputError naming the field."""
    number = _number(value, field)
    if number is None:
        return default
    if not math.isfinite(number) or number != int(number) or abs(number) > 1_000_000_000:
        raise UserInputError(f"{field}: '{value}' is not a whole number")
    return int(number)


@person_view
def track_fit_page(request):
    """The person's own track fit: both tracks against now, the evidence, thin spots and a trial."""
    fit, missing = None, None
    try:
        fit = planning.track_fit_for(request.user)
    except UserInputError as exc:
        missing = error_html(exc)
    return render(request, "web/team_planning/track_fit.html", {
        "fit": fit, "words": present_track_fit(fit), "missing": missing,
        # No role profile yet: link the form where they are added (never a command on a page).
        "missing_roles": bool(missing and "role profile" in missing),
        "organisation_for_roles": teams.organisations_of(request.user).first()})


def _their_track_fit(request, person, status: int = 200):
    """The colleague's shared track fit page (read through the gate), with the record button for their manager."""
    shared = planning.track_fit_of(request.user, person)
    return render(request, "web/team_planning/track_fit.html",
                  {"fit": shared["content"] if "recommended" in shared["content"] else None,
                   "words": present_track_fit(shared["content"]),
                   "missing": shared["content"].get("missing"), "person": person, "shared": shared,
                   "may_record_trial": planning.may_record_trial(request.user, person)}, status=status)


@person_view
def their_track_fit_page(request, person_id: int):
    """A colleague's track fit, only if they share it with the viewer (404 otherwise; the read is logged)."""
    return _their_track_fit(request, teams.colleague(request.user, person_id))


@require_POST
@person_view
def record_trial_agreement(request, person_id: int):
    """The person's manager records the proposed trial as an agreement, then sees it in the conversation."""
    person = teams.colleague(request.user, person_id)
    try:
        agreement = planning.record_trial_agreement(request.user, person)
    except NotFound:
        raise  # not their manager, or the track fit is not shared with them: 404, not a form error
    except UserInputError as exc:
        messages.error(request, error_html(exc))
        return _their_track_fit(request, person, status=400)
    messages.success(request, f"The trial is recorded as an agreement in your conversation with {person.username} "
                              f"on {agreement.conversation.date}.")
    return redirect("web:conversation", agreement.conversation_id)


@person_view
def my_mentorship_page(request):
    """The person's opt-ins (one form per organisation), their proposed pairs and what was used."""
    status = 200
    if request.method == "POST":
        try:
            organisation = teams.get_organisation(request.user, _whole_number(request.POST.get("organisation", ""), "organisation", 0))
            capacity = _whole_number(request.POST.get("capacity", "1"), "capacity", 0)
            planning.set_mentorship_opt_in(
                request.user, organisation, as_mentor=bool(request.POST.get("as_mentor")),
                mentor_activities=_split(request.POST.get("mentor_activities", "")), capacity=capacity,
                as_mentee=bool(request.POST.get("as_mentee")),
                learning_wishes=_split(request.POST.get("learning_wishes", "")),
                prefer_other_teams=bool(request.POST.get("prefer_other_teams")))
            messages.success(request, "Your mentorship choices are saved.")
            return redirect("web:my_mentorship")
        except NotFound:
            raise  # another person's or organisation's object: 404, not a form error
        except UserInputError as exc:
            messages.error(request, error_html(exc))
            status = 400
    mine = planning.mentorship_of(request.user)
    by_org = {o["organisation_id"]: o for o in mine["opt_ins"]}
    organisations = [{"organisation": o, "opt_in": by_org.get(o.pk)} for o in teams.organisations_of(request.user)]
    return render(request, "web/team_planning/mentorship.html", {
        "organisations": organisations, "pairs": mine["pairs"], "consents": mine["consents_to_team_planning"],
        "activity_names": activity_labels(request.user),
        "uses": planning.planning_uses_of(request.user)}, status=status)


def _read_upload(request) -> tuple[str, str]:
    """The ladder's text and file name from the form: an uploaded file, or text pasted in."""
    upload = request.FILES.get("ladder_file")
    if upload is not None:
        if upload.size > 512 * 1024:
            raise UserInputError("file: a ladder of at most 512 KB")
        try:
            return upload.read().decode("utf-8"), upload.name
        except UnicodeDecodeError:
            raise UserInputError(f"file: {upload.name} is not UTF-8 text") from None
    text = request.POST.get("ladder_text", "")
    if not text.strip():
        raise UserInputError("file: choose a ladder file or paste its text")
    return text, request.POST.get("ladder_format", "")


def _roles_action(request, organisation) -> str:
    """Carry out the roles page's form (add a role, import a ladder, correct expectations); the success words."""
    action = request.POST.get("action", "role")
    if action == "ladder":
        text, filename = _read_upload(request)
        made = planning.import_ladder(request.user, organisation, text, filename)
        return (f"Imported {len(made)} role profiles from the ladder. Check each expectation's activity below "
                "and correct any the classifier got wrong.")
    if action == "correct":
        role_id = _whole_number(request.POST.get("role", ""), "role", 0)
        changes = {}
        for key, value in request.POST.items():
            if key.startswith("expectation_") and value.strip():
                changes[_whole_number(key[len("expectation_"):], "expectation", 0)] = value
        planning.correct_role_expectations(request.user, role_id, changes)
        return "The role's activities are corrected; its weekly hours follow them."
    level = _whole_number(request.POST.get("level", "1"), "level", 1)
    planning.add_role_profile(request.user, organisation, request.POST.get("name", ""),
                              request.POST.get("track", ""), level=level,
                              weekly_hours=request.POST.get("weekly_hours", "").strip() or None,
                              onet_code=request.POST.get("onet_code", "").strip() or None)
    return "Role profile added."


@person_view
def roles_page(request, organisation_id: int):
    """The organisation's role profiles; its admins add them, import a career ladder and correct it here."""
    from ownpath.journal.services import activity_labels

    organisation = teams.get_organisation(request.user, organisation_id)
    status = 200
    if request.method == "POST":
        try:
            messages.success(request, _roles_action(request, organisation))
            return redirect("web:planning_roles", organisation.pk)
        except NotFound:
            raise  # another person's or organisation's object: 404, not a form error
        except UserInputError as exc:
            messages.error(request, error_html(exc))
            status = 400
    labels = activity_labels(request.user)
    roles = [{"role": r, "hours": [(activity_label(a), h) for a, h in r.weekly_hours.items()],
              "expectations": [e | {"label": labels.get(e.get("activity"), e.get("activity") or "not placed")}
                               for e in r.expectations]}
             for r in planning.role_profiles(request.user, organisation)]
    return render(request, "web/team_planning/roles.html", {
        "organisation": organisation, "roles": roles, "admin": teams.is_admin(request.user, organisation),
        "activities": sorted(labels.items(), key=lambda kv: kv[1]), "activity_names": labels,
        "posted": request.POST if status == 400 else {}}, status=status)


@person_view
def mentorship_proposals_page(request, organisation_id: int):
    """Admins: the latest proposal, and the button that computes a new one."""
    organisation = teams.get_organisation(request.user, organisation_id)
    result = None
    if request.method == "POST":
        result = planning.propose_mentorship(request.user, organisation)
    pairs = planning.mentorship_proposals(request.user, organisation)
    return render(request, "web/team_planning/mentorship_proposals.html",
                  {"organisation": organisation, "pairs": pairs, "result": result})


@person_view
def allocation_page(request, team_id: int):
    """The team's manager: the team's needs next quarter, and a proposed allocation to discuss."""
    needs = planning.team_needs(request.user, team_id)  # 404 for anyone else
    status, result = 200, None
    if request.method == "POST":
        try:
            if request.POST.get("action") == "hours":
                member = teams.colleague(request.user, request.POST.get("person", ""))
                hours = _number(request.POST.get("member_hours", ""), "hours")
                if hours is None:
                    raise UserInputError("hours: give the member's hours a week for the team")
                planning.set_available_hours(request.user, team_id, member, hours)
                messages.success(request, f"{member.username} has {hours:g} h a week for the team.")
                return redirect("web:planning_allocation", team_id)
            if request.POST.get("action") == "need":
                planning.set_team_need(request.user, team_id, request.POST.get("activity", ""),
                                       _number(request.POST.get("hours", ""), "hours") or 0.0,
                                       _number(request.POST.get("min_skill", ""), "min_skill"))
                return redirect("web:planning_allocation", team_id)
            result = planning.propose_team_allocation(
                request.user, team_id, margin=_number(request.POST.get("margin", ""), "margin") or 0.2,
                include_sub_teams=request.POST.get("sub_teams", "include") != "exclude")
        except NotFound:
            raise  # another person's or organisation's object: 404, not a form error
        except UserInputError as exc:
            messages.error(request, error_html(exc))
            status = 400
        needs = planning.team_needs(request.user, team_id)
    from ownpath.teams.models import Team

    team = Team.objects.get(pk=team_id)
    return render(request, "web/team_planning/allocation.html", {
        "team": team, "members": planning.members_to_plan(request.user, team_id),
        "needs": [n | {"label": activity_label(n["activity"])} for n in needs], "result": result,
        "margin": request.POST.get("margin", "0.2") if request.method == "POST" else "0.2",
        "team_only": request.POST.get("sub_teams") == "exclude"}, status=status)
