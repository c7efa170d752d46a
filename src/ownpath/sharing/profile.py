"""Assembling each shareable item from the owner's own data, through the existing services.

Every function takes the owner and returns plain JSON-able data: what an audience sees, and
what a snapshot stores. The insights they rest on are the owner's own insights, under the one
key of ``insights.cache`` (journal state and day), so a manager's page does not refit every
report's model and never shows a trend older than the owner's own page does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from contextvars import ContextVar

from django.core.cache import cache
from django.db.models import Count, Max

from ownpath.insights import cache as insights_cache

TOP = 3
RAW_ENTRY_DAYS = 90
# The items assembled from the person's fitted insights (the others read their words, values or options).
INSIGHT_ITEMS = ("top_energizers", "top_drains", "strengths", "growth_share", "hours_vs_target", "team_planning")


# Within one reading of several items (``one_reading``), each owner's journal state is looked up once.
_READING: ContextVar[dict | None] = ContextVar("ownpath_sharing_reading", default=None)


@contextlib.contextmanager
def one_reading():
    """Assemble several items of the same people as of one moment (their journal state read once each)."""
    token = _READING.set({})
    try:
        yield
    finally:
        _READING.reset(token)


def prefetch(owners) -> None:
    """Within ``one_reading``, read several owners' journal states, own words and cached insights at once.

    A manager's team page assembles the same items for every report: three queries and one
    cache round trip for all of them, instead of that many per report.
    """
    from ownpath.journal.models import Episode, PersonSettings
    from ownpath.sharing.models import CareerWish, StoredInsights

    memo = _READING.get()
    owners = [o for o in owners if memo is not None and ("state", o.pk) not in memo]
    if not owners:
        return
    ids = [o.pk for o in owners]
    journals = {row["user_id"]: row for row in Episode.objects.filter(user_id__in=ids).values("user_id").annotate(
        n=Count("id"), changed=Max("updated_at"), last=Max("id"))}
    targets = dict(PersonSettings.objects.filter(user_id__in=ids).values_list("user_id", "target_hours_per_week"))
    wishes = {w.person_id: w for w in CareerWish.objects.filter(person_id__in=ids)}
    default_target = PersonSettings._meta.get_field("target_hours_per_week").default
    for owner in owners:
        journal = journals.get(owner.pk, {"n": 0, "changed": None, "last": None})
        memo[("state", owner.pk)] = _state_text(journal, targets.get(owner.pk, default_target))
        if owner.pk in wishes:
            memo[("wish", owner.pk)] = wishes[owner.pk]
    keys = {_insights_key(owner): owner.pk for owner in owners}
    for key, value in cache.get_many(list(keys)).items():
        memo[("insights", keys[key])] = value
    missing = [owner for owner in owners if ("insights", owner.pk) not in memo]
    if missing:
        states = {owner.pk: memo[("state", owner.pk)] for owner in missing}
        for stored in StoredInsights.objects.filter(person_id__in=list(states)):
            if _current(stored, states[stored.person_id]):
                memo[("insights", stored.person_id)] = stored.insights
                cache.set(_insights_key(stored.person), stored.insights, insights_cache.CACHE_SECONDS)


def journal_state(owner) -> str:
    """A key that changes whenever the owner's journal or target hours change."""
    memo = _READING.get()
    if memo is not None and ("state", owner.pk) in memo:
        return memo[("state", owner.pk)]
    state = _journal_state(owner)
    if memo is not None:
        memo[("state", owner.pk)] = state
    return state


def _state_text(journal: dict, target_hours: float) -> str:
    changed = journal["changed"].isoformat() if journal["changed"] else ""
    return f"{journal['n']}:{journal['last']}:{changed}:{target_hours}"


def _journal_state(owner) -> str:
    from ownpath.journal.models import Episode
    from ownpath.journal.services import settings_for

    journal = Episode.objects.filter(user=owner).aggregate(n=Count("id"), changed=Max("updated_at"), last=Max("id"))
    return _state_text(journal, settings_for(owner).target_hours_per_week)


def _insights_key(owner) -> str:
    """The owner's shared insights under the one cache key (their own page's too when no colleague prior applies)."""
    return insights_cache.cache_key(owner.pk, _stored_state(journal_state(owner)), insights_cache.today())


def _current(stored, state: str) -> bool:
    """A stored fit counts for this journal state and prior, and only on the day it was made.

    The trend ends with the last finished week, so yesterday's fit may show last week's trend."""
    return (stored.journal_state == _stored_state(state)
            and insights_cache.fitted_on(stored.computed_at) == insights_cache.today())


def fit_version(owner) -> str:
    """The version a stored fit of ``owner`` must carry to be current: journal state and prior version."""
    return _stored_state(journal_state(owner))


def _stored_state(state: str) -> str:
    """The journal state a stored fit is of, with the version of the (population) prior it used.

    Shared insights are the person's own evidence only (``pooled=None``), so their version is
    the population prior's; when its numbers change, every stored fit is refitted.
    """
    from ownpath.sharing.priors import prior_version

    return f"{state}|{prior_version(None)}"


def insights_of(owner) -> dict:
    """The owner's insights (the `ownpath insights --json` contract), as of their current journal state.

    Looked up in this process's cache, then in the stored row every process shares
    (``StoredInsights``); fitted only when neither holds the current state, and then stored.
    """
    from ownpath.sharing.models import StoredInsights

    memo = _READING.get()
    if memo is not None and ("insights", owner.pk) in memo:
        return memo[("insights", owner.pk)]
    key = _insights_key(owner)
    value = cache.get(key)
    if value is None:
        state = journal_state(owner)
        stored = StoredInsights.objects.filter(person=owner, journal_state=_stored_state(state)).first()
        value = stored.insights if stored is not None and _current(stored, state) else _fit_and_store(owner, state)
        cache.set(key, value, insights_cache.CACHE_SECONDS)
    if memo is not None:
        memo[("insights", owner.pk)] = value
    return value


def _fit_and_store(owner, state: str) -> dict:
    from django.db import DatabaseError, transaction

    from ownpath.insights.services import build_insights
    from ownpath.sharing.models import StoredInsights

    # Shared insights are the person's own evidence only: no colleague's prior in what others see.
    value = build_insights(owner, today=insights_cache.today(), pooled=None)
    try:
        with transaction.atomic():
            StoredInsights.objects.update_or_create(person=owner, defaults={"journal_state": _stored_state(state),
                                                                            "insights": value})
    except DatabaseError:  # a read-only database, or a writer holding the lock: the fit is still good to show
        pass
    return value


def refresh_stored_insights(people) -> int:
    """Fit and store the insights of these people whose stored ones are not of their current journal; how many."""
    from ownpath.sharing.models import StoredInsights

    people = list(people)
    stored = {row.person_id: row for row in StoredInsights.objects.filter(person__in=people).defer("insights")}
    fitted = 0
    for person in people:
        state = _journal_state(person)
        if person.pk not in stored or not _current(stored[person.pk], state):
            _fit_and_store(person, state)
            fitted += 1
    return fitted


def _effect(activity: dict) -> dict:
    energy = activity["energy"]
    return {"activity": activity["activity"], "label": activity["label"], "estimate": energy["estimate"],
            "low": energy["low"], "high": energy["high"], "episodes": activity["episodes"],
            "words": energy["words"]}


def top_energizers(owner) -> dict:
    """Up to three activities with the highest energy effect above zero, with 90% intervals."""
    insights = insights_of(owner)
    ranked = sorted((a for a in insights["activities"] if a["energy"]["estimate"] > 0),
                    key=lambda a: -a["energy"]["estimate"])
    return {"activities": [_effect(a) for a in ranked[:TOP]], "episodes": insights["episodes"]}


def top_drains(owner) -> dict:
    """Up to three activities with the lowest energy effect below zero, with 90% intervals."""
    insights = insights_of(owner)
    ranked = sorted((a for a in insights["activities"] if a["energy"]["estimate"] < 0),
                    key=lambda a: a["energy"]["estimate"])
    return {"activities": [_effect(a) for a in ranked[:TOP]], "episodes": insights["episodes"]}


def strengths(owner) -> dict:
    """Each activity's place in the energy × skill quadrant, where the journal is sure enough."""
    insights = insights_of(owner)
    from ownpath.analytics.verdicts import certainty_word

    placed = [{"activity": a["activity"], "label": a["label"], "quadrant": a["quadrant"],
               "probability": a["quadrant_probability"], "words": a["quadrant_words"],
               "certainty": (certainty_word(a["quadrant_probability"])
                             if a["quadrant_probability"] is not None else None)}
              for a in insights["activities"] if a["quadrant"]]
    return {"activities": placed, "episodes": insights["episodes"]}


def top_values(owner) -> dict:
    """The three values weighted highest, with intervals and how they were set."""
    from ownpath.options.services import values_summary

    summary = values_summary(owner)
    return {"values": summary["weights"][:TOP], "method": summary["method"], "answers": summary["answers"]}


def target_role(owner) -> dict:
    """The option marked as target (its name and weekly mix, no pay) and the five-year wish in the owner's words."""
    from ownpath.options.services import option_mix, options_for

    target = options_for(owner).filter(is_target=True).first()
    return {"target": None if target is None else {"name": target.name, "mix": option_mix(target)},
            "five_year_wish": career_wish_of(owner).five_year_wish}


def growth_share(owner) -> dict:
    """The share of marked hours that is growth work, and the hours it rests on."""
    growth = insights_of(owner)["balance"]["growth"]
    return {key: growth.get(key) for key in ("share", "growth_hours", "required_hours", "marked_episodes", "missing")}


def hours_vs_target(owner) -> dict:
    """Mean hours per week against the owner's target, and how many weeks went over it."""
    hours = insights_of(owner)["balance"]["hours_per_week"]
    mean = hours["mean"]
    return {"target_hours": insights_of(owner)["balance"]["target_hours"], "mean_hours": mean,
            "weeks": hours["weeks"], "weeks_over_target": hours["weeks_over_target"], "missing": hours["missing"]}


def want_from_role(owner) -> dict:
    """What the owner wants out of their role, in their own words."""
    return {"text": career_wish_of(owner).want_from_role}


def pay_baseline(owner) -> dict:
    """The owner's pay baseline (sensitive: shared only when picked explicitly)."""
    from ownpath.options.services import values_profile_for

    return {"pay_baseline": values_profile_for(owner).pay_baseline}


def raw_entries(owner) -> dict:
    """The owner's entries of the last 90 days (sensitive: shared only when picked explicitly)."""
    from ownpath.journal.services import episodes_for
    from ownpath.journal.transfer import episode_to_dict

    since = dt.date.today() - dt.timedelta(days=RAW_ENTRY_DAYS)
    entries = [episode_to_dict(e) for e in episodes_for(owner, since=since).select_related("activity")]
    return {"since": since.isoformat(), "entries": entries}


def team_planning(owner) -> dict:
    """What team planning may use of the owner, by consent: the payload of the ``team_planning`` item.

    Shape (the contract team planning and the decisions build on)::

        {"activities": {slug: {"label": str,
                               "estimate", "sd", "low", "high": energy effect and its 90% interval,
                               "p_positive": P(it energizes), a real 0.0 kept as 0.0,
                               "episodes": entries behind it,
                               "skill": {"estimate", "sd", "low", "high", "p_positive", "episodes"} | None,
                               "hours_per_week": mean hours a week over ``recent_weeks``}},
         "skill_mean": mean skill offset from 3 on the 1-5 scale, or None without ratings,
         "episodes": entries in the journal,
         "recent_weeks": {"weeks": n, "first_week": ISO Monday | None, "last_week": ISO Monday | None},
         "weekly_target": the owner's target hours a week,
         "available_hours": {team id (str): hours a week stated for that team's work}}

    ``recent_weeks`` are the journal's last 12 weeks *that have entries*, not the calendar's.
    """
    from ownpath.analytics.recent_hours import RECENT_WEEKS, recent_weekly_hours
    from ownpath.journal.models import Episode
    from ownpath.journal.services import settings_for
    from ownpath.team_planning.models import AvailableHours

    insights = insights_of(owner)
    recent = recent_weekly_hours(Episode.objects.filter(user=owner).values_list("date", "activity__slug", "hours"),
                                 RECENT_WEEKS)

    def interval(effect: dict | None) -> dict | None:
        if effect is None:
            return None
        return {key: effect[key] for key in ("estimate", "sd", "low", "high", "p_positive", "episodes")}

    activities = {}
    for a in insights["activities"]:
        energy = a["energy"]
        activities[a["activity"]] = {
            "label": a["label"], "estimate": energy["estimate"], "sd": energy["sd"], "low": energy["low"],
            "high": energy["high"], "p_positive": energy["p_positive"], "episodes": a["episodes"],
            "skill": interval(a.get("skill")), "hours_per_week": recent.hours_per_week.get(a["activity"], 0.0)}
    skill_model = (insights.get("model") or {}).get("skill") or {}
    return {"activities": activities, "skill_mean": skill_model.get("mean"), "episodes": insights["episodes"],
            "recent_weeks": {"weeks": recent.weeks,
                             "first_week": recent.first_week.isoformat() if recent.first_week else None,
                             "last_week": recent.last_week.isoformat() if recent.last_week else None},
            "weekly_target": settings_for(owner).target_hours_per_week,
            "available_hours": {str(team_id): hours for team_id, hours in
                                AvailableHours.objects.filter(person=owner).values_list("team_id", "hours")}}


def career_wish_of(owner):
    """The owner's own words (created empty on first use)."""
    from ownpath.sharing.models import CareerWish

    memo = _READING.get()
    if memo is not None and ("wish", owner.pk) in memo:
        return memo[("wish", owner.pk)]
    wish, _ = CareerWish.objects.get_or_create(person=owner)
    return wish
