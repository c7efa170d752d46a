"""What drives a person's energy beyond the activity: people, places, tools, hours and flow.

Reads only the acting user's episodes, fits :mod:`ownpath.analytics.context_model` and turns
it into plain-words findings, each with its 90% interval and the entries and days behind
it, shown only when the interval leaves no doubt about the direction.  Findings naming a
person (anyone in "with" who is not a kind such as "my team") carry ``names_person``: they
are for the person themselves and :func:`shareable` drops them from anything shared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np

from ownpath.analytics.context_model import ContextFit, Curve, day_dose, estimate_context_effects
from ownpath.analytics.flow import flow_by_activity
from ownpath.analytics.plain_words import signed
from ownpath.analytics.verdicts import Claim, screened_verdict

# Activities that count as meetings for "meetings back to back" (calendar entries count too).
MEETING_ACTIVITIES = frozenset({"meetings"})
CALENDAR_SOURCE = "ics"
HOURS_KNOTS = (0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12)
MEETINGS_KNOTS = (0, 1, 2, 3, 4, 6)
TIME_OF_DAY_KNOTS = (6, 8, 10, 12, 14, 16, 18, 20, 22)
TIME_OF_DAY_REFERENCE = 9.0
# A finding needs this many entries (and, for the dose curves, days) behind it.
MIN_ENTRIES = 5
MIN_DAYS = 5
# Below this many entries with any context the context model is not fitted at all.
MIN_CONTEXT_ENTRIES = 20
# An activity needs this many entries before its flow share is shown.
MIN_FLOW_ENTRIES = 5
WEIGHT_CLIP = (0.5, 2.0)
# The kinds of company that mean "on my own": the baseline a colleague is compared with.
SOLO_PEOPLE = ("alone",)
# A finding is shown from this word of the verdict ladder up.
FINDING_AT = "fairly sure"


@dataclasses.dataclass(frozen=True)
class ContextRows:
    """A person's episodes as plain columns for the context model."""

    days: np.ndarray
    activities: list[str]
    hours: np.ndarray
    energy: np.ndarray
    starts: np.ndarray  # hours after midnight, NaN when not given
    places: list[str]
    people: list[tuple[str, ...]]
    tools: list[tuple[str, ...]]
    flow: np.ndarray
    is_meeting: np.ndarray


def no_rows() -> ContextRows:
    """An empty journal's columns."""
    empty = np.zeros(0)
    return ContextRows(empty.astype(np.int64), [], empty, empty, empty, [], [], [], empty.astype(bool),
                       empty.astype(bool))


def fetch_context_rows(user, since: dt.date | None = None) -> ContextRows:
    """The person's episodes (only theirs) with their context, oldest first."""
    from ownpath.journal.models import Episode
    from ownpath.journal.validation import split_list

    episodes = Episode.objects.filter(user=user)
    if since is not None:
        episodes = episodes.filter(date__gte=since)
    rows = list(episodes.order_by("date", "start_time", "id").values_list(
        "date", "activity_id", "hours", "energy", "start_time", "place", "with_whom", "tools", "flow", "source"))
    if not rows:
        return no_rows()
    dates, activity_ids, hours, energy, starts, places, people, tools, flow, sources = zip(*rows)
    from ownpath.journal.models import Activity

    slug_of = dict(Activity.objects.filter(pk__in=set(activity_ids)).values_list("pk", "slug"))
    slugs = [slug_of[a] for a in activity_ids]
    return ContextRows(
        days=np.array([d.toordinal() for d in dates], dtype=np.int64),
        activities=list(slugs),
        hours=np.array(hours, dtype=float),
        energy=np.array(energy, dtype=float),
        starts=np.array([np.nan if s is None else s.hour + s.minute / 60.0 for s in starts]),
        places=[p.strip().lower() for p in places],
        people=[tuple(split_list(w)) for w in people],
        tools=[tuple(t.lower() for t in split_list(text)) for text in tools],
        flow=np.array(flow, dtype=bool),
        is_meeting=np.array([s in MEETING_ACTIVITIES or src == CALENDAR_SOURCE for s, src in zip(slugs, sources)]),
    )


def fit_context(rows: ContextRows, interactions: bool = True) -> ContextFit:
    """The context model on a person's rows: people, place, tools, the day's dose and time of day."""
    hours_before, meetings_before = day_dose(rows.days, rows.starts, rows.hours, rows.is_meeting)
    weights = np.round(4.0 * np.clip(rows.hours / np.median(rows.hours), *WEIGHT_CLIP)) / 4.0
    factors = {"people": rows.people, "place": rows.places, "tools": rows.tools}
    curves = {
        "hours_before": Curve(hours_before, HOURS_KNOTS, 0.0),
        "meetings_before": Curve(meetings_before, MEETINGS_KNOTS, 0.0),
    }
    if np.isfinite(rows.starts).sum() >= MIN_CONTEXT_ENTRIES:
        curves["time_of_day"] = Curve(rows.starts, TIME_OF_DAY_KNOTS, TIME_OF_DAY_REFERENCE)
    pairs = [("activity", "place")] if interactions and _places_vary_within_activities(rows) else []
    # A colleague is compared with the time alone or with no one named (SOLO_PEOPLE); a place
    # or tool with the entries without it.
    return estimate_context_effects(rows.activities, rows.days, rows.energy, weights, factors=factors,
                                    curves=curves, interactions=pairs, solo_levels={"people": SOLO_PEOPLE})


def _places_vary_within_activities(rows: ContextRows) -> bool:
    """True when some activity has MIN_ENTRIES entries in each of two places (else no interaction)."""
    counts: dict[str, dict[str, int]] = {}
    for activity, place in zip(rows.activities, rows.places):
        if place:
            by_place = counts.setdefault(activity, {})
            by_place[place] = by_place.get(place, 0) + 1
    return any(sum(1 for c in by_place.values() if c >= MIN_ENTRIES) >= 2 for by_place in counts.values())


def _sure(low: float, high: float) -> bool:
    return low > 0 or high < 0


def finding_claim(estimate: float, sd: float) -> Claim:
    """The ladder's verdict that this context effect is real and beyond verdicts.MATERIAL (0.15 points)."""
    return screened_verdict(estimate, max(sd, 1e-9))


def _baseline_words(factor: str, level: str, baseline: str) -> str:
    """What the effect is compared with, in the sentence itself."""
    if baseline == "solo":
        return "than when you work alone or with no one named"
    if factor == "people":
        return f"than your entries without {level}"
    if factor == "place":
        return "than your entries anywhere else"
    return "than your entries without it"


def _amount(estimate: float, low: float, high: float) -> str:
    """'0.6 lower [0.3, 0.9]' / '0.4 higher [0.1, 0.7]' on the -2..+2 scale."""
    if estimate < 0:
        return f"{-estimate:.1f} lower [{-high:.1f}, {-low:.1f}]"
    return f"{estimate:.1f} higher [{low:.1f}, {high:.1f}]"


def _clock(hours: float) -> str:
    return f"{int(hours):02d}:{int(round((hours % 1) * 60)):02d}"


def _finding(kind: str, words: str, estimate, low, high, entries, days, *, names_person=False, **extra) -> dict:
    return {"kind": kind, "words": words, "estimate": round(estimate, 3), "low": round(low, 3),
            "high": round(high, 3), "entries": int(entries), "days": int(days), "names_person": names_person,
            **extra}


def context_findings(fit: ContextFit, labels: dict[str, str]) -> tuple[list[dict], list[str]]:
    """Plain-words findings the data support, and what is missing for the rest."""
    from ownpath.journal.validation import PEOPLE_KINDS

    findings, missing = [], []
    subjects = {"place": "Working at “{level}”", "people": "Time with {level}", "tools": "Using {level}"}
    for factor, template in subjects.items():
        sure_any = False
        for effect in fit.factors.get(factor, ()):
            claim = finding_claim(effect.estimate, effect.sd)
            if effect.episodes < MIN_ENTRIES or not claim.at_least(FINDING_AT):
                continue
            sure_any = True
            where = template.format(level=effect.level)
            against = _baseline_words(factor, effect.level, effect.baseline)
            amount = _amount(effect.estimate, effect.low, effect.high).split(" [", 1)
            words = (f"{where} {claim.short}: energy {amount[0]} {against}, for the same activity "
                     f"[90% interval {amount[1]} ({effect.episodes} entries, {effect.days} days; "
                     f"compared with {effect.baseline_entries} entries).")
            findings.append(_finding(factor, words, effect.estimate, effect.low, effect.high, effect.episodes,
                                     effect.days, level=effect.level, certainty=claim.certainty,
                                     baseline=against.removeprefix("than "),
                                     baseline_entries=effect.baseline_entries,
                                     names_person=factor == "people" and effect.level not in PEOPLE_KINDS))
        if fit.factors.get(factor) and not sure_any:
            missing.append(f"no clear effect of {_factor_word(factor)} on your energy yet "
                           f"(each needs {MIN_ENTRIES}+ entries and a clear direction)")
    for effect in fit.factors.get("activity x place", ()):
        claim = finding_claim(effect.estimate, effect.sd)
        if effect.episodes < MIN_ENTRIES or not claim.at_least(FINDING_AT):
            continue
        activity, place = effect.level.split(" | ", 1)
        label = labels.get(activity, activity)
        better = "less" if effect.estimate > 0 else "more"
        words = (f"{label} drains you {better} at {place} than elsewhere ({claim.certainty}): energy "
                 f"{_amount(effect.estimate, effect.low, effect.high)} beyond what {label.lower()} and {place} "
                 f"each do ({effect.episodes} entries, {effect.days} days).")
        findings.append(_finding("activity_place", words, effect.estimate, effect.low, effect.high,
                                 effect.episodes, effect.days, activity=activity, level=place,
                                 certainty=claim.certainty, baseline="the same activity elsewhere"))
    if "activity x place" not in fit.factors:
        missing.append(f"activity × place: log the same activity in two places ({MIN_ENTRIES}+ entries each) "
                       "to see whether a place changes what it does to you")
    findings += _dose_findings(fit, missing)
    return findings, missing


def _factor_word(factor: str) -> str:
    return {"place": "where you work", "people": "who you work with", "tools": "the tools you use"}[factor]


def _dose_findings(fit: ContextFit, missing: list[str]) -> list[dict]:
    found = []
    for point in fit.curves.get("hours_before", ()):
        claim = finding_claim(point.estimate, point.sd)
        if point.x >= 2 and point.days >= MIN_DAYS and claim.direction < 0 and claim.at_least(FINDING_AT):
            found.append(_finding(
                "hours", f"After {point.x:g} h on a day your energy is {_amount(point.estimate, point.low, point.high)} "
                         f"than at the start of the day — {claim.certainty} ({point.days} days reached {point.x:g} h).",
                point.estimate, point.low, point.high, point.episodes, point.days, hours=point.x,
                certainty=claim.certainty, baseline="the start of the day"))
            break
    else:
        if "hours_before" in fit.curves:
            missing.append("no clear drop of energy with the hours worked on a day yet "
                           f"(needs {MIN_DAYS}+ long days and a clear direction)")
    for point in fit.curves.get("meetings_before", ()):
        claim = finding_claim(point.estimate, point.sd)
        if point.x >= 1 and point.episodes >= MIN_ENTRIES and claim.at_least(FINDING_AT):
            plural = "s" if point.x != 1 else ""
            found.append(_finding(
                "meetings", f"After {point.x:g} meeting{plural} back to back your energy is "
                            f"{_amount(point.estimate, point.low, point.high)} than without — {claim.certainty} "
                            f"({point.episodes} entries, {point.days} days).",
                point.estimate, point.low, point.high, point.episodes, point.days, meetings=point.x,
                certainty=claim.certainty, baseline="no meeting just before"))
            break
    sure_times = [p for p in fit.curves.get("time_of_day", ())
                  if p.x != TIME_OF_DAY_REFERENCE and p.episodes >= MIN_ENTRIES
                  and finding_claim(p.estimate, p.sd).at_least(FINDING_AT)]
    if sure_times:
        point = max(sure_times, key=lambda p: abs(p.estimate))
        word = finding_claim(point.estimate, point.sd).certainty
        found.append(_finding(
            "time_of_day", f"Around {_clock(point.x)} your energy is {_amount(point.estimate, point.low, point.high)} "
                           f"than around {_clock(TIME_OF_DAY_REFERENCE)} — {word} ({point.episodes} entries).",
            point.estimate, point.low, point.high, point.episodes, point.days, at=point.x, certainty=word,
            baseline=f"around {_clock(TIME_OF_DAY_REFERENCE)}"))
    elif "time_of_day" not in fit.curves:
        missing.append(f"time of day: give start times ({MIN_CONTEXT_ENTRIES}+ entries) to see when your energy peaks")
    return found


def _curves_json(fit: ContextFit) -> dict:
    return {name: [{"x": p.x, "estimate": round(p.estimate, 3), "low": round(p.low, 3), "high": round(p.high, 3),
                    "entries": p.episodes, "days": p.days} for p in points]
            for name, points in fit.curves.items()}


def flow_report(rows: ContextRows, labels: dict[str, str]) -> dict:
    """How often and in which activities the person marks flow, since they started marking it."""
    if not rows.flow.any():
        return {"since": None, "overall": None, "activities": [],
                "missing": "mark the entries where you lost track of time to see what puts you in flow"}
    first = int(np.argmax(rows.flow))
    since_day = int(rows.days[first])
    keep = rows.days >= since_day
    acts = [a for a, k in zip(rows.activities, keep) if k]
    overall, shares = flow_by_activity(acts, rows.flow[keep])

    def share_json(share):
        return {"activity": share.activity, "label": labels.get(share.activity, share.activity),
                "flow_entries": share.flow_entries, "entries": share.entries, "share": round(share.share, 3),
                "low": round(share.low, 3), "high": round(share.high, 3),
                "more_than_usual": share.low > overall.share}

    return {
        "since": dt.date.fromordinal(since_day).isoformat(),
        "overall": share_json(overall) | {"label": "all activities"},
        "activities": [share_json(s) for s in shares if s.entries >= MIN_FLOW_ENTRIES],
        "missing": None if any(s.entries >= MIN_FLOW_ENTRIES for s in shares) else
        f"flow by activity needs {MIN_FLOW_ENTRIES}+ entries of an activity since you started marking flow",
    }


def build_context_insights(user, since: dt.date | None = None) -> dict:
    """The "what else drives your energy" section of `ownpath insights --json`, for the acting user."""
    from ownpath.journal.services import activity_labels

    from ownpath.journal.models import WITH_CONTEXT, WITH_CONTEXT_OR_FLOW, Episode

    episodes = Episode.objects.filter(user=user)
    if since is not None:
        episodes = episodes.filter(date__gte=since)
    # Counts first: a journal without context or flow marks needs no rows read at all. The marked
    # entries are found from their own (partial) index, not by reading every row (0.15 s at 50,000).
    from django.db.models import Count, Q

    counts = episodes.filter(WITH_CONTEXT_OR_FLOW).aggregate(
        flow=Count("id", filter=Q(flow=True)), with_context=Count("id", filter=WITH_CONTEXT))
    counts["entries"] = episodes.count()
    with_context, marked_flow = counts["with_context"], counts["flow"] > 0
    needed = marked_flow or with_context >= MIN_CONTEXT_ENTRIES
    rows = fetch_context_rows(user, since) if needed else no_rows()
    labels = activity_labels(user)
    report = {"entries": counts["entries"], "entries_with_context": with_context, "findings": [],
              "curves": {}, "components": {}, "missing": [], "flow": flow_report(rows, labels)}
    if with_context < MIN_CONTEXT_ENTRIES:
        report["missing"].append(
            f"add where, with whom, tools or a start time to {MIN_CONTEXT_ENTRIES - with_context} more "
            "entries to learn what drives your energy beyond the activity")
        return report
    fit = fit_context(rows)
    findings, missing = context_findings(fit, labels)
    report.update(findings=findings, curves=_curves_json(fit), missing=missing,
                  components={k: round(v, 3) for k, v in fit.components.items()})
    return report


def shareable(context_report: dict) -> dict:
    """The section without anything that names a person (for reports and shares)."""
    return context_report | {"findings": [f for f in context_report.get("findings", []) if not f["names_person"]]}


WORKING_DAYS_PER_WEEK = 5


def option_day_lengths(user, options: list[tuple[str, float, bool]]) -> dict | None:
    """What the length of an option's working day does to energy, against the current role's.

    ``options`` are (name, hours per week, is current).  Days are taken as hours / 5; each is
    judged by the person's own dose-of-the-day curve.  None when there is no current role or
    too little context to fit the curve.
    """
    current = next((hours for _, hours, is_current in options if is_current), None)
    if current is None:
        return None
    rows = fetch_context_rows(user)
    if len(rows.activities) < MIN_CONTEXT_ENTRIES:
        return None
    from ownpath.analytics.context_model import day_length_difference

    fit = fit_context(rows, interactions=False)
    reference = current / WORKING_DAYS_PER_WEEK
    result = {}
    for name, hours, is_current in options:
        if is_current:
            continue
        per_day = hours / WORKING_DAYS_PER_WEEK
        estimate, low, high = day_length_difference(fit, per_day, reference)
        sure = _sure(low, high)
        words = (f"{per_day:.1f} h days instead of {reference:.1f} h: energy {_amount(estimate, low, high)} "
                 f"from the length of the day alone" if sure else
                 f"{per_day:.1f} h days instead of {reference:.1f} h: no clear effect of the day's length "
                 f"({signed(estimate, 1)} [{signed(low, 1)}, {signed(high, 1)}])")
        result[name] = {"hours_per_day": round(per_day, 2), "current_hours_per_day": round(reference, 2),
                        "estimate": round(estimate, 3), "low": round(low, 3), "high": round(high, 3),
                        "sure": sure, "words": words + "."}
    return result
