"""Team decisions as services: track fit, mentorship matching, work allocation, the pooled prior.

Every computation about other people uses only the estimates of people who consent to team
planning right now (a live ``team_planning`` share, ``sharing.services.consented``): their
estimates are read through the sharing read gate as their own read (``read_shared(person,
person, "team_planning")``), never from their journal rows, and each use is written to
:class:`PlanningUse`, which the person sees ("what was used"). Withdrawing consent (revoking
the share) leaves the person out of the next computation. Results are proposals; nothing is
applied. The analytics live in ``ownpath.analytics`` (track_fit, mentorship_matching,
work_allocation, pooled_prior); this module gathers the inputs and checks who may ask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum

from ownpath.analytics import forecast as fc
from ownpath.analytics.mentorship_matching import Mentee, Mentor, match_mentors, reason_words
from ownpath.analytics.pooled_prior import TooFewContributors, pool_estimates
from ownpath.analytics.track_fit import PersonEvidence, RoleProfile as TrackRole, assess_tracks
from ownpath.analytics.work_allocation import DEFAULT_MARGIN, Member, Need, propose_allocation
from ownpath.errors import NotFound, UserInputError
from ownpath.inputs import visible_name
from ownpath.sharing import services as sharing
from ownpath.sharing.items import ALL_AUDIENCES
from ownpath.team_planning.models import (
    AvailableHours,
    MentorshipOptIn,
    MentorshipPair,
    PlanningUse,
    RoleProfile,
    TeamNeed,
)
from ownpath.teams import services as teams
from ownpath.teams.models import Membership

CURRENT_WEEK_DAYS = 84  # today's week is the average of the last 12 weeks
TEAM_PLANNING = "team_planning"
MAX_CAPACITY = 10


# --- consent and what is used ----------------------------------------------------------------

def planning_consent(person) -> bool:
    """True while the person has a live ``team_planning`` share (any audience)."""
    return sharing.consented(person, TEAM_PLANNING, ALL_AUDIENCES)


def _planning_estimates(person, purpose: str, requested_by, estimates: str = "energy and skill") -> dict | None:
    """The person's team-planning estimates if they consent (read through the gate), use logged; else None."""
    if not planning_consent(person):
        return None
    content = sharing.read_shared(person, person, TEAM_PLANNING)["content"]
    activities = content.get("activities", {})
    PlanningUse.objects.create(person=person, purpose=purpose, requested_by=requested_by,
                               used={"activities": sorted(activities), "estimates": estimates,
                                     "entries": content.get("episodes", 0)})
    return content


def _skill_detail(person) -> dict[str, dict]:
    """Skill estimates per activity from the person's own insights (part of their team-planning profile)."""
    from ownpath.sharing.profile import insights_of

    insights = insights_of(person)
    mean = ((insights.get("model") or {}).get("skill") or {}).get("mean")
    return {"mean": mean, "activities": {a["activity"]: a["skill"] for a in insights["activities"] if a.get("skill")}}


def planning_uses_of(person, limit: int = 50) -> list[dict]:
    """What team planning used of the person's data, newest first (for the person only)."""
    return [{"purpose": u.get_purpose_display(), "used": u.used, "used_at": u.used_at.isoformat(),
             "requested_by": u.requested_by.username if u.requested_by_id else None}
            for u in PlanningUse.objects.filter(person=person).select_related("requested_by")[:limit]]


def _posterior(activities: Mapping[str, Mapping[str, Any]], activity_sd: float = 0.8,
               mean: float = 0.0) -> fc.SimplePosterior:
    return fc.SimplePosterior({a: fc.SimpleEffect(float(e["estimate"]), float(e["sd"]), int(e.get("episodes", 10)),
                                                  e.get("p_positive"))
                               for a, e in activities.items()}, activity_sd, mean)


def _organisation_for(person, organisation=None):
    if organisation is not None:
        if not teams.belongs_to(person, organisation):
            raise NotFound("no such organisation")
        return organisation
    return teams.organisations_of(person).first()


# --- the organisation's pooled prior ----------------------------------------------------------

PRIOR_CACHE_SECONDS = 60 * 60


def _consent_state(organisation) -> str:
    """Changes whenever anyone in the organisation gives or withdraws team-planning consent."""
    from django.db.models import Count, Max

    from ownpath.sharing.models import Share

    state = (Share.objects.filter(item=TEAM_PLANNING, owner__in=teams.people_of(organisation).values("pk"))
             .aggregate(n=Count("id"), last=Max("id"), revoked=Max("revoked_at")))
    revoked = state["revoked"].timestamp() if state["revoked"] else 0
    return f"{state['n']}-{state['last']}-{revoked:.6f}"


def organisation_prior(person, organisation=None):
    """The pooled prior for ``person`` from their consenting colleagues (never themself), or None below 5.

    Cached for an hour per person and organisation, keyed on the organisation's consent state,
    so a withdrawn consent is out of the very next computation.
    """
    from django.core.cache import cache

    organisation = _organisation_for(person, organisation)
    if organisation is None:
        return None
    key = f"ownpath:pooled-prior:{organisation.pk}:{person.pk}:{_consent_state(organisation)}"
    found = cache.get(key, "missing")
    if found == "missing":
        found = _pool_colleagues(person, organisation)
        cache.set(key, found, PRIOR_CACHE_SECONDS)
    return found


def _pool_colleagues(person, organisation):
    estimates = []
    for colleague in teams.people_of(organisation).exclude(pk=person.pk):
        if not planning_consent(colleague):
            continue
        # Anonymous: who asked for a pooled prior is not told to the contributors.
        content = _planning_estimates(colleague, PlanningUse.POOLED_PRIOR, None, "energy")
        estimates.append({a: (e["estimate"], e["sd"]) for a, e in content["activities"].items()
                          if e.get("episodes", 0) > 0})
    try:
        return pool_estimates(estimates)
    except TooFewContributors:
        return None


# --- role profiles ------------------------------------------------------------------------------

def role_profiles(actor, organisation) -> list[RoleProfile]:
    """The organisation's role profiles (any member may read them: they describe roles, not people)."""
    if not teams.belongs_to(actor, organisation):
        raise NotFound("no such organisation")
    return list(RoleProfile.objects.filter(organisation=organisation))


def add_role_profile(actor, organisation, name: str, track: str, *, level: int = 1,
                     weekly_hours: str | Mapping[str, Any] | None = None, onet_code: str | None = None,
                     hours: float = 40.0) -> RoleProfile:
    """An admin adds a role profile: hours typed in, or prefilled from an O*NET occupation."""
    from ownpath.options.services import parse_mix

    if not teams.is_admin(actor, organisation):
        raise NotFound("no such organisation")
    name = (name or "").strip()
    if not name or len(name) > 120:
        raise UserInputError("name: give the role a name of at most 120 characters")
    name = visible_name(name, "name")
    if track not in (RoleProfile.EXPERT, RoleProfile.MANAGER):
        raise UserInputError(f"track: must be 'expert' or 'manager', not {track!r}")
    if not isinstance(level, int) or not 1 <= level <= 20:
        raise UserInputError("level: must be a whole number from 1 to 20")
    code = ""
    if weekly_hours:
        mix = parse_mix(actor, weekly_hours)
    elif onet_code:
        from ownpath.occupations.services import occupation_option_prefill

        prefill = occupation_option_prefill(onet_code, hours=hours)
        mix, code = prefill["mix"], prefill["code"]
    else:
        raise UserInputError("hours: give weekly hours per activity (e.g. managing=12,coaching=6) or an O*NET code")
    TrackRole(name, track, level, mix)  # the analytics' own checks (no output measures)
    try:
        with transaction.atomic():
            return RoleProfile.objects.create(organisation=organisation, name=name, track=track, level=level,
                                              weekly_hours=mix, onet_code=code)
    except IntegrityError:
        raise UserInputError(f"name: the organisation already has a role profile named '{name}'") from None


def delete_role_profile(actor, role_id: int) -> None:
    """An admin removes a role profile."""
    role = RoleProfile.objects.filter(pk=role_id).select_related("organisation").first()
    if role is None or not teams.is_admin(actor, role.organisation):
        raise NotFound("no such role profile")
    role.delete()


# --- track fit --------------------------------------------------------------------------------

def current_week(person, today: dt.date | None = None) -> dict[str, float]:
    """Average hours a week per activity over the last 12 weeks of the person's own journal."""
    from ownpath.journal.models import Episode

    today = today or dt.date.today()
    since = today - dt.timedelta(days=CURRENT_WEEK_DAYS)
    rows = (Episode.objects.filter(user=person, date__gt=since, date__lte=today)
            .values("activity__slug").annotate(total=Sum("hours")))
    return {r["activity__slug"]: round(r["total"] / (CURRENT_WEEK_DAYS / 7), 2) for r in rows if r["total"]}


def _similarity(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(h * b.get(k, 0.0) for k, h in a.items())
    norm = (sum(h * h for h in a.values()) * sum(h * h for h in b.values())) ** 0.5
    return dot / norm if norm else 0.0


def _pick_role(person, track: str, role_id: int | None, week: Mapping[str, float]) -> RoleProfile:
    """The chosen role, or the track's role closest to the person's current week (then the lowest level)."""
    orgs = teams.organisations_of(person)
    found = RoleProfile.objects.filter(organisation__in=orgs, track=track)
    if role_id is not None:
        role = found.filter(pk=role_id).first()
        if role is None:
            raise NotFound(f"no {track}-track role profile {role_id}")
        return role
    roles = list(found.order_by("level", "name"))
    if not roles:
        raise UserInputError(f"no {track}-track role profile yet: an admin of your organisation adds one "
                             "(`ownpath tracks role-add`)")
    return max(roles, key=lambda r: (round(_similarity(week, r.weekly_hours), 6), -r.level))


def track_fit_for(person, *, expert_role_id: int | None = None, manager_role_id: int | None = None,
                  today: dt.date | None = None) -> dict:
    """The person's own track fit: expert vs manager track on their journal (with the pooled prior if any)."""
    from ownpath.insights.services import energy_effects_for
    from ownpath.journal.services import activity_labels

    week = current_week(person, today)
    if not week:
        raise UserInputError("track fit needs your journal: log a few weeks of work first")
    expert = _pick_role(person, RoleProfile.EXPERT, expert_role_id, week)
    manager = _pick_role(person, RoleProfile.MANAGER, manager_role_id, week)
    prior = organisation_prior(person)
    energy = energy_effects_for(person, prior_means=prior.prior_means() if prior else None)
    skill = _skill_detail(person)
    evidence = PersonEvidence(week, energy, _posterior(skill["activities"]) if skill["activities"] else None)
    labels = activity_labels(person)
    fit = assess_tracks(evidence, TrackRole(expert.name, expert.track, expert.level, expert.weekly_hours),
                        TrackRole(manager.name, manager.track, manager.level, manager.weekly_hours), labels)

    def track_json(t, role):
        return {"role": t.role, "role_id": role.pk, "track": t.track, "level": t.level,
                "p_better_than_now": round(t.p_better_than_now, 3), "chance": fc.chance_words(t.p_better_than_now),
                "energy_change": _interval(t.energy_change),
                "skill_change": _interval(t.skill_change) if t.skill_change else None, "sentence": t.sentence}

    return {
        "expert": track_json(fit.expert, expert), "manager": track_json(fit.manager, manager),
        "p_manager_better_than_expert": round(fit.p_manager_better_than_expert, 3),
        "recommended": fit.recommended,
        "signals": [{"activity": s.activity, "label": s.label, "energy": _interval(s.energy),
                     "p_energizes": round(s.p_energizes, 3), "entries": s.entries, "thin": s.thin, "words": s.words}
                    for s in fit.signals],
        "thin_evidence": list(fit.thin_evidence),
        "trial": None if fit.trial is None else {
            "activity": fit.trial.activity, "title": fit.trial.title, "weeks": fit.trial.weeks,
            "hours_per_week": fit.trial.hours_per_week, "entries_to_log": fit.trial.entries_to_log,
            "what_to_log": fit.trial.what_to_log, "how_judged": fit.trial.how_judged},
        "explanation": fit.explanation,
        "verdict": fit.verdict,
        "used": {"entries": energy.n_episodes, "current_week": week,
                 "organisation_prior": None if prior is None else {"contributors": prior.contributors,
                                                                   "activities": len(prior.activities)}},
    }


def _interval(i) -> dict:
    return {"estimate": round(i.estimate, 3), "low": round(i.low, 3), "high": round(i.high, 3), "sd": round(i.sd, 3)}


def track_fit_of(viewer, person) -> dict:
    """Someone's track fit as they shared it with ``viewer`` (404 unless a live ``track_fit`` share reaches them)."""
    return sharing.read_shared(viewer, person, "track_fit")


def trial_agreement(person, fit: dict, today: dt.date | None = None) -> dict | None:
    """The agreement a proposed trial becomes, as keyword arguments of ``conversations.services.agree``.

    ``agree(viewer, conversation_id, **trial_agreement(person, fit))`` records it in a
    conversation (text with what to log and how it is judged, owner, due date at the trial's
    end, the hours a week it adds). None when no trial is proposed. The conversations area
    reviews it against the journal at its due date.
    """
    trial = fit.get("trial")
    if not trial:
        return None
    today = today or dt.date.today()
    text = f"Trial: {trial['title']}. {trial['what_to_log']} {trial['how_judged']}"
    return {"text": text[:500], "owner": person, "due_date": today + dt.timedelta(weeks=trial["weeks"]),
            "hour_changes": {trial["activity"]: trial["hours_per_week"]}}


def may_record_trial(manager, person) -> bool:
    """True when ``manager`` manages ``person`` directly right now (who sees the record-trial button).

    Recording also needs the person's live ``track_fit`` share; that is checked when recording.
    """
    return person is not None and teams.is_manager_of(manager, person)


def record_trial_agreement(manager, person, today: dt.date | None = None):
    """The manager records the trial of a report's shared track fit as an agreement in a conversation.

    Only the person's current manager, and only while the person shares their track fit with them
    (the same read gate as the page showing it; NotFound otherwise). The fit is read again now (a
    live share recomputes it) and the trial goes into the next planned conversation with the person,
    or one opened today. The same trial still open in one of their conversations is refused
    (UserInputError), not copied.
    """
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from ownpath.conversations import services as conversations
    from ownpath.conversations.models import Agreement, Conversation

    if not may_record_trial(manager, person):
        raise NotFound("no report of yours by that name")
    shared = track_fit_of(manager, person)  # NotFound unless the person shares their track fit with the manager
    today = today or timezone.localdate()
    proposed = trial_agreement(person, shared["content"], today=today)
    if proposed is None:
        raise UserInputError(f"trial: {person.username}'s track fit proposes no trial to record")
    with transaction.atomic():
        # Serialise recordings for this person (a double click, two tabs): the duplicate check
        # below then sees the other request's agreement instead of racing it.
        list(get_user_model().objects.select_for_update().filter(pk=person.pk).values_list("pk", flat=True))
        # The same trial still open in any of their conversations is the trial already under way
        # (a conversation opened today for it is in the past by next week): not a second copy.
        already = (Agreement.objects.filter(conversation__manager=manager, conversation__person=person,
                                            text=proposed["text"], status=Agreement.OPEN)
                   .select_related("conversation").first())
        if already is not None:
            raise UserInputError(f"trial: already an open agreement in your conversation with {person.username} "
                                 f"on {already.conversation.date}")
        conversation = (Conversation.objects.filter(manager=manager, person=person, status=Conversation.PLANNED,
                                                    date__gte=today).order_by("date", "id").first()
                        or conversations.open_conversation(manager, person, today))
        return conversations.agree(manager, conversation.pk, **proposed)


# --- mentorship -------------------------------------------------------------------------------

def _activity_list(person, values, field: str) -> list[str]:
    from ownpath.journal.services import activity_labels
    from ownpath.journal.validation import FieldError, parse_activity

    labels = activity_labels(person)
    out = []
    for raw in values or []:
        raw = str(raw).strip()
        if not raw:
            continue
        try:
            slug = parse_activity(raw, labels, labels)
        except FieldError as exc:
            raise UserInputError(f"{field}: {exc.message}") from None
        if slug not in out:
            out.append(slug)
    return out


def set_mentorship_opt_in(person, organisation, *, as_mentor: bool = False, mentor_activities=(),
                          capacity: int = 1, as_mentee: bool = False, learning_wishes=(),
                          prefer_other_teams: bool = False) -> MentorshipOptIn:
    """Opt in (or out) as mentor and/or mentee: activities you would mentor, capacity, what you want to learn."""
    if not teams.belongs_to(person, organisation):
        raise NotFound("no such organisation")
    if not isinstance(capacity, int) or not 0 <= capacity <= MAX_CAPACITY:
        raise UserInputError(f"capacity: must be a whole number from 0 to {MAX_CAPACITY}")
    activities = _activity_list(person, mentor_activities, "activities")
    wishes = _activity_list(person, learning_wishes, "wishes")
    if as_mentor and not activities:
        raise UserInputError("activities: name at least one activity you would mentor")
    opt_in, _ = MentorshipOptIn.objects.update_or_create(
        person=person, organisation=organisation,
        defaults=dict(as_mentor=as_mentor, mentor_activities=activities, capacity=capacity, as_mentee=as_mentee,
                      learning_wishes=wishes, prefer_other_teams=prefer_other_teams))
    return opt_in


def _may_run_organisation(actor, organisation) -> bool:
    # Proposing pairs administers the organisation: its admins (the authorization matrix's ORG_ADMIN).
    return teams.is_admin(actor, organisation)


def _levels(skill: dict) -> tuple[dict[str, float], float | None]:
    if skill["mean"] is None:
        return {}, None
    centre = 3.0 + float(skill["mean"])
    return {a: centre + float(s["estimate"]) for a, s in skill["activities"].items()}, centre


def _quadrant(energy: Mapping, skill: Mapping | None) -> dict[str, float]:
    p_e = float(energy.get("p_positive") or 0.5)
    p_s = float(skill["p_positive"]) if skill else 0.5
    return {"growth_edge": p_e * (1 - p_s), "compensable_strength": p_e * p_s}


def propose_mentorship(actor, organisation) -> dict:
    """Match the organisation's opted-in, consenting mentees and mentors; store and return the proposal.

    Only an admin of the organisation may run it. People who opted in but do not
    consent to team planning are left out (counted, not named).
    """
    if not _may_run_organisation(actor, organisation):
        raise NotFound("no such organisation")
    mentees, mentors, left_out = [], [], 0
    people = {}
    for opt in MentorshipOptIn.objects.filter(organisation=organisation).select_related("person"):
        if not (opt.as_mentor or opt.as_mentee) or not teams.belongs_to(opt.person, organisation):
            continue
        content = _planning_estimates(opt.person, PlanningUse.MENTORSHIP, actor)
        if content is None:
            left_out += 1
            continue
        person = opt.person
        people[person.username] = person
        skill = _skill_detail(person)
        levels, average = _levels(skill)
        quadrant = {a: _quadrant(e, skill["activities"].get(a)) for a, e in content["activities"].items()}
        team_ids = frozenset(str(m.team_id) for m in teams.teams_of(person, organisation))
        if opt.as_mentee:
            mentees.append(Mentee(person.username, {a: q["growth_edge"] for a, q in quadrant.items()},
                                  frozenset(opt.learning_wishes), team_ids,
                                  frozenset(m.username for m in teams.managers_of(person)),
                                  opt.prefer_other_teams, levels, average))
        if opt.as_mentor and opt.capacity:
            mentors.append(Mentor(person.username, {a: quadrant.get(a, {}).get("compensable_strength", 0.0)
                                                    for a in opt.mentor_activities},
                                  opt.capacity, team_ids, {a: levels[a] for a in opt.mentor_activities if a in levels}))
    result = match_mentors(mentees, mentors)
    labels = fc._LABELS
    with transaction.atomic():
        MentorshipPair.objects.filter(organisation=organisation).delete()
        for pair in result.pairs:
            MentorshipPair.objects.create(
                organisation=organisation, mentee=people[pair.mentee], mentor=people[pair.mentor],
                weight=round(pair.weight, 3),
                reasons=[{"activity": r.activity, "label": labels.get(r.activity, r.activity), "wished": r.wished}
                         for r in pair.reasons] + [{"words": reason_words(pair, labels)}])
    return {"pairs": [{"mentee": p.mentee, "mentor": p.mentor, "weight": round(p.weight, 3),
                       "why": reason_words(p, labels)} for p in result.pairs],
            "unmatched": dict(result.unmatched), "left_out_without_consent": left_out}


def mentorship_proposals(actor, organisation) -> list[dict]:
    """The latest proposal of the organisation (its admins only)."""
    if not _may_run_organisation(actor, organisation):
        raise NotFound("no such organisation")
    return [_pair_json(p) for p in MentorshipPair.objects.filter(organisation=organisation)
            .select_related("mentee", "mentor")]


def _pair_json(p: MentorshipPair) -> dict:
    words = next((r["words"] for r in p.reasons if "words" in r), "")
    return {"mentee": p.mentee.username, "mentor": p.mentor.username, "weight": p.weight, "why": words,
            "proposed_at": p.proposed_at.isoformat()}


def mentorship_of(person) -> dict:
    """The person's own opt-ins and the pairs proposed for them (as mentee or mentor)."""
    from django.db.models import Q

    opt_ins = [{"organisation": o.organisation.name, "organisation_id": o.organisation_id, "as_mentor": o.as_mentor,
                "mentor_activities": o.mentor_activities, "capacity": o.capacity, "as_mentee": o.as_mentee,
                "learning_wishes": o.learning_wishes, "prefer_other_teams": o.prefer_other_teams}
               for o in MentorshipOptIn.objects.filter(person=person).select_related("organisation")]
    pairs = [_pair_json(p) for p in MentorshipPair.objects.filter(Q(mentee=person) | Q(mentor=person))
             .select_related("mentee", "mentor")]
    return {"opt_ins": opt_ins, "pairs": pairs, "consents_to_team_planning": planning_consent(person)}


# --- work allocation --------------------------------------------------------------------------

def _may_plan_team(actor, team) -> bool:
    # The team's own manager plans its work (the authorization matrix's TEAM_MANAGER); an admin
    # administers the organisation but does not plan a team's work.
    return Membership.objects.filter(team=team, person=actor, role=Membership.MANAGER).exists()


def _planned_team(actor, team_id: int):
    from ownpath.teams.models import Team

    team = Team.objects.filter(pk=team_id).select_related("organisation").first()
    if team is None or not _may_plan_team(actor, team):
        raise NotFound("no such team")
    return team


def set_team_need(actor, team_id: int, activity: str, hours: float, min_skill: float | None = None) -> TeamNeed:
    """The team's manager states what the team needs next quarter on one activity (0 hours removes it)."""
    team = _planned_team(actor, team_id)
    slug = _activity_list(actor, [activity], "activity")[0]
    if not isinstance(hours, (int, float)) or not 0 <= hours <= 10000:
        raise UserInputError("hours: must be a number from 0 to 10000 a week")
    if min_skill is not None and not 1 <= min_skill <= 5:
        raise UserInputError("min_skill: must be from 1 to 5")
    if hours == 0:
        TeamNeed.objects.filter(team=team, activity=slug).delete()
        return TeamNeed(team=team, activity=slug, hours=0.0, min_skill=min_skill)
    need, _ = TeamNeed.objects.update_or_create(team=team, activity=slug,
                                                defaults=dict(hours=float(hours), min_skill=min_skill))
    return need


def set_available_hours(actor, team_id: int, person, hours: float) -> AvailableHours:
    """A member's hours a week for the team's work next quarter (set by the team's manager or the member)."""
    from ownpath.teams.models import Team

    team = Team.objects.filter(pk=team_id).select_related("organisation").first()
    if team is None or not (_may_plan_team(actor, team) or (actor.pk == person.pk and
                                                             Membership.objects.filter(team=team, person=person).exists())):
        raise NotFound("no such team")
    if not Membership.objects.filter(team=team, person=person).exists():
        raise NotFound("no such member")
    if not isinstance(hours, (int, float)) or not 0 <= hours <= 168:
        raise UserInputError("hours: must be a number from 0 to 168 a week")
    found, _ = AvailableHours.objects.update_or_create(team=team, person=person, defaults={"hours": float(hours)})
    return found


def team_needs(actor, team_id: int) -> list[dict]:
    """The team's stated needs (its manager only)."""
    team = _planned_team(actor, team_id)
    return [{"activity": n.activity, "hours": n.hours, "min_skill": n.min_skill}
            for n in TeamNeed.objects.filter(team=team)]


def propose_team_allocation(actor, team_id: int, *, margin: float = DEFAULT_MARGIN) -> dict:
    """Propose who does which of the team's needed hours, from consenting members' estimates only.

    Returns moves in words, each included member's predicted change with its interval, the team's
    average change, who was left out (no consent), or the problems in words when infeasible.
    """
    from ownpath.journal.services import settings_for

    team = _planned_team(actor, team_id)
    if not 0 <= margin <= 2:
        raise UserInputError("margin: must be from 0 to 2 energy points")
    needs = [Need(n.activity, n.hours, n.min_skill) for n in TeamNeed.objects.filter(team=team)]
    if not needs:
        raise UserInputError("the team has no needs yet: state them first (`ownpath allocation need`)")
    available = {a.person_id: a.hours for a in AvailableHours.objects.filter(team=team)}
    members, left_out = [], []
    for membership in Membership.objects.filter(team=team, role=Membership.MEMBER).select_related("person"):
        person = membership.person
        content = _planning_estimates(person, PlanningUse.ALLOCATION, actor)
        if content is None:
            left_out.append(person.username)
            continue
        skill = _skill_detail(person)
        levels, _ = _levels(skill)
        week = current_week(person)
        target = settings_for(person).target_hours_per_week
        members.append(Member(person.username, week, available.get(person.pk, max(sum(week.values()), target)),
                              _posterior(content["activities"]), levels, target))
    if not members:
        raise UserInputError("no member of this team consents to team planning yet")
    result = propose_allocation(members, needs, margin=margin, labels=fc._LABELS)
    return {
        "feasible": result.feasible,
        "problems": list(result.problems),
        "moves": [m.sentence() for m in result.moves],
        "changes": [{"person": c.person, "hours_before": round(c.hours_before, 1), "hours_after": round(c.hours_after, 1),
                     "energy_change": _interval(c.energy_change), "p_better": round(c.p_better, 3),
                     "chance": fc.chance_words(c.p_better)}
                    for c in result.changes],
        "team_change": _interval(result.team_change) if result.team_change else None,
        "included": [m.person for m in members],
        "left_out_without_consent": left_out,
        "margin": margin,
    }
