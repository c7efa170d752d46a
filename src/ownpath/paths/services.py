"""Path use cases: set a target role, lay out the gap and the steps, read progress from the journal.

Every function takes the acting user first and reads only that person's journal, options and
path. The analytics live in ``ownpath.analytics.career_path`` (pure); occupations (profiles,
related occupations, job zones) come through ``ownpath.occupations.services``.
``path_summary(person)`` returns plain data: the CLI, the web page, the insights section, the
report, the API (and a future share of it) all show the same thing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction

from ownpath.analytics import career_path as cp
from ownpath.errors import NotFound, UserInputError
from ownpath.paths.models import CareerPath
from ownpath.taxonomy import BUILTIN_ACTIVITIES

ACTIVITIES = {a.slug: a for a in BUILTIN_ACTIVITIES}
CODE_PATTERN = re.compile(r"^\d{2}-\d{4}(\.\d{2})?$")
# The person's current week: the last twelve weeks of their journal.
CURRENT_WINDOW_DAYS = 84
WEEK_HOURS = 40.0
# An option's title names an occupation only if their weeks are this alike (cosine of shares).
TITLE_AND_WORK_ALIKE = 0.7
# A title is ambiguous when another occupation's search score is at least this share of the best.
AMBIGUOUS_RATIO = 0.7
MAX_CANDIDATES = 6
SEARCHED = 12
# Steps go through related occupations (O*NET's list), at most this many moves from the person's own.
MAX_ROUTE_MOVES = 3


class AmbiguousTarget(UserInputError):
    """A job title O*NET files under several occupations: the person chooses (``candidates``) or gives a mix."""

    def __init__(self, text: str, candidates: list[dict[str, Any]]):
        names = "; ".join(f"{c['code']} {c['title']}" for c in candidates)
        super().__init__(f"target: '{text}' fits several occupations — choose one ({names}) or describe the "
                         "role by its own weekly mix")
        self.text = text
        self.candidates = candidates


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    norm = (sum(v * v for v in a.values()) * sum(v * v for v in b.values())) ** 0.5
    return dot / norm if norm else 0.0


def _related(codes) -> dict[str, list[str]]:
    from ownpath.occupations.models import RelatedOccupation

    found: dict[str, list[str]] = {}
    for code, related in (RelatedOccupation.objects.filter(occupation__code__in=list(codes)).order_by("rank")
                          .values_list("occupation__code", "related__code")):
        found.setdefault(code, []).append(related)
    return found


def person_occupation(user, today: dt.date | None = None, chosen: str = "") -> dict[str, Any] | None:
    """The person's own occupation, where a path starts: the one they chose; else the title of their current
    role (among its title matches, the one whose week is like their journal's); else the occupation whose
    week is most like their journal's.

    Returns {code, title, chosen} or None without a journal (and without a choice or a current role).
    """
    from ownpath.occupations import services as occupations
    from ownpath.occupations.models import Occupation
    from ownpath.options.models import Option

    if chosen:
        found = Occupation.objects.filter(code=chosen).values("code", "title").first()
        if found:
            return found | {"chosen": True}
    week = _current_week(_journal_rows(user), today or dt.date.today())
    role = Option.objects.filter(user=user, is_current=True).values_list("name", flat=True).first()
    if role:
        try:
            named = occupations.search_occupations(role, limit=10)
        except UserInputError:
            named = []
        alike = (occupations.occupations_like(week, limit=1, among=[m["code"] for m in named]) if week and named
                 else [])
        best = alike[0] if alike else (named[0] if named else None)
        if best:
            return {"code": best["code"], "title": best["title"], "chosen": False}
    if not week:
        return None
    like = occupations.occupations_like(week, limit=1)
    return {"code": like[0]["code"], "title": like[0]["title"], "chosen": False} if like else None


def target_candidates(user, text: str, today: dt.date | None = None, current: str = "") -> list[dict[str, Any]]:
    """The occupations a job title may mean, for the person to choose from, most plausible for them first.

    From title search (O*NET files one title under several occupations), each with how its title
    matched and whether it is a move from the person's own occupation (O*NET's related
    occupations, within two moves) or alike their week; search rank breaks ties.
    """
    from ownpath.occupations import services as occupations
    from ownpath.occupations.models import OccupationActivity

    matches = occupations.search_occupations(text, limit=SEARCHED)
    if not matches:
        return []
    best = matches[0]["score"]
    plausible = [m for m in matches if m["score"] >= AMBIGUOUS_RATIO * best]
    mine = person_occupation(user, today, current)
    one: set[str] = set()
    two: set[str] = set()
    if mine:
        one = {mine["code"], *_related([mine["code"]]).get(mine["code"], [])}
        two = {c for codes in _related(one).values() for c in codes} - one
    week = _current_week(_journal_rows(user), today or dt.date.today())
    profiles: dict[str, dict[str, float]] = {}
    for code, slug, share in OccupationActivity.objects.filter(
            occupation__code__in=[m["code"] for m in plausible]).values_list("occupation__code", "activity", "share"):
        profiles.setdefault(code, {})[slug] = share
    found = []
    for rank, m in enumerate(plausible):
        alike = _cosine(week, profiles.get(m["code"], {})) if week else 0.0
        moves = 1 if m["code"] in one else 2 if m["code"] in two else None
        found.append({"code": m["code"], "title": m["title"], "matched_title": m["matched_title"],
                      "job_zone": m["job_zone"], "score": round(m["score"], 3), "near_you": moves == 1,
                      "moves_from_you": moves, "alike_your_week": round(alike, 2), "_rank": rank})
    found.sort(key=lambda c: (-(c["score"] / best + 0.3 * c["alike_your_week"]
                                + {1: 0.2, 2: 0.1}.get(c["moves_from_you"], 0.0)), c["_rank"]))
    for c in found:
        del c["_rank"]
    return found[:MAX_CANDIDATES]


def _label(user_labels: dict[str, str], slug: str) -> str:
    return user_labels.get(slug) or (ACTIVITIES[slug].label if slug in ACTIVITIES else slug)


def _journal_rows(user) -> list[tuple]:
    from ownpath.journal.services import episodes_for

    return list(episodes_for(user).order_by("date", "id").values_list(
        "date", "activity__slug", "hours", "energy", "skill", "growth"))


def _current_week(rows: list[tuple], today: dt.date) -> dict[str, float]:
    if not rows:
        return {}
    start = max(today - dt.timedelta(days=CURRENT_WINDOW_DAYS - 1), rows[0][0])
    return cp.weekly_hours(((r[0], r[1], r[2]) for r in rows), start, today)


def _same_title(a: str, b: str) -> bool:
    """The occupation's own title, singular or plural ("registered nurse" names Registered Nurses)."""
    def words(text: str) -> list[str]:
        return [w[:-1] if w.endswith("s") else w for w in re.findall(r"[a-z0-9]+", text.lower())]

    return words(a) == words(b)


def _occupation_target(occupation) -> dict[str, Any]:
    from ownpath.occupations import services as occupations

    shares = occupations.occupation_profile(occupation)
    if not shares:
        raise UserInputError(f"target: {occupation.code} {occupation.title}: "
                             f"{occupations.profile_missing_reason(occupation)}")
    return {"kind": "occupation", "title": occupation.title, "code": occupation.code, "option": "",
            "mix": {slug: round(share * WEEK_HOURS, 1) for slug, share in shares.items() if share * WEEK_HOURS >= 0.05}}


def _resolve_target(user, target: str, choice: str = "", mix=None, current: str = "",
                    today: dt.date | None = None) -> dict[str, Any]:
    """A target given as one of the person's options, an O*NET-SOC code, a job title (chosen among its
    candidate occupations when it is ambiguous) or the person's own weekly mix."""
    from ownpath.occupations import services as occupations
    from ownpath.options import services as options

    text = (target or "").strip()
    if mix:
        if not text:
            raise UserInputError("target: give the role a name for your weekly mix")
        return {"kind": "custom", "title": text[:200], "code": "", "option": "", "mix": options.parse_mix(user, mix)}
    if not text:
        raise UserInputError("target: give a job title, an occupation code (15-1252.00) or one of your options")
    option = options.options_for(user).filter(name__iexact=text).first()
    if option is not None and not choice:
        mix = options.option_mix(option)
        if not mix:
            raise UserInputError(f"target: the option '{option.name}' has no activity mix; add its hours first")
        return {"kind": "option", "title": option.name, "code": "", "option": option.name, "mix": mix}
    if CODE_PATTERN.match(text):
        return _occupation_target(occupations.get_occupation(text))
    candidates = target_candidates(user, text, today, current)
    if not candidates:
        raise NotFound(f"target: no occupation or option matches '{text}'")
    if choice:
        if choice not in {c["code"] for c in candidates}:
            raise UserInputError(f"choice: {choice} is not one of the occupations '{text}' may mean")
        return _occupation_target(occupations.get_occupation(choice))
    exact = [c for c in candidates if _same_title(c["title"], text)]
    if len(candidates) > 1 and not exact:
        raise AmbiguousTarget(text, candidates)
    return _occupation_target(occupations.get_occupation((exact or candidates)[0]["code"]))


def _predicted(mix: dict[str, float], posterior) -> tuple[float, float, float, float] | None:
    from ownpath.analytics.forecast import forecast_energy

    if posterior is None or not posterior.effects or not getattr(posterior, "n_episodes", 0):
        return None
    interval = forecast_energy(mix, posterior)
    from scipy import special

    p = float(special.ndtr(interval.estimate / interval.sd)) if interval.sd > 0 else float(interval.estimate > 0)
    return interval.estimate, interval.low, interval.high, p


@transaction.atomic
def set_path(user, target: str, *, horizon_years: int = 5, today: dt.date | None = None, choice: str = "",
             mix=None, current: str = "") -> CareerPath:
    """Set (or replace) the person's target role: a job title, an O*NET-SOC code, one of their options,
    or a name with its own weekly ``mix`` ("planning=10,meetings=8").

    A job title O*NET files under several occupations raises :class:`AmbiguousTarget` with the
    candidates; ``choice`` (one of their codes) picks one. ``current`` (a code or a title) names
    the person's own occupation, where the steps start (else the one most like their week).
    The target's weekly mix and the person's current week are copied, so progress is measured
    against the plan as it was set.
    """
    from ownpath.options.services import energy_posterior

    try:
        horizon_years = int(horizon_years)
    except (TypeError, ValueError):
        raise UserInputError(f"years: must be a whole number of years, not {horizon_years!r}") from None
    if not 1 <= horizon_years <= 15:
        raise UserInputError(f"years: must be 1–15, not {horizon_years}")
    today = today or dt.date.today()
    current_code = _current_code(current)
    resolved = _resolve_target(user, target, (choice or "").strip(), mix, current_code, today)
    predicted = _predicted(resolved["mix"], energy_posterior(user))
    path, _ = CareerPath.objects.update_or_create(user=user, defaults={
        "current_code": current_code,
        "target_kind": resolved["kind"], "target_title": resolved["title"][:200], "asked_for": target.strip()[:200],
        "occupation_code": resolved["code"], "option_name": resolved["option"], "target_mix": resolved["mix"],
        "baseline": _current_week(_journal_rows(user), today), "horizon_years": horizon_years,
        "expected_energy": None if predicted is None else round(predicted[0], 3), "started_on": today})
    return path


def _current_code(current: str) -> str:
    """The person's own occupation from a code or a title (its best title match), or ''."""
    from ownpath.occupations import services as occupations

    text = (current or "").strip()
    if not text:
        return ""
    if CODE_PATTERN.match(text):
        return occupations.get_occupation(text).code
    matches = occupations.search_occupations(text, limit=1)
    if not matches:
        raise NotFound(f"current: no occupation matches '{text}'")
    return matches[0]["code"]


def get_path(user) -> CareerPath | None:
    """The person's path, or None when they have not set one."""
    return CareerPath.objects.filter(user=user).first()


def clear_path(user) -> bool:
    """Forget the person's path; True when there was one."""
    deleted, _ = CareerPath.objects.filter(user=user).delete()
    return bool(deleted)


def mentors_for(user, activity: str) -> list[dict[str, Any]]:
    """Who could mentor this experience: people who opted in to team planning and do it well.

    Returns nothing until a team-planning app exists; the mentorship helper provides it and
    the lead wires it here. Each item will be ``{"name", "team", "why"}``.
    """
    return []


def _target_code(path: CareerPath) -> str:
    """The target's occupation, or for an option or a custom mix the occupation its week (and title) is like."""
    from ownpath.occupations import services as occupations

    if path.occupation_code:
        return path.occupation_code
    # "Principal researcher" is no school principal: the title counts only if the week is alike.
    try:
        named = [m["code"] for m in occupations.search_occupations(path.target_title, limit=10)]
    except UserInputError:
        named = []
    alike = [o for o in occupations.occupations_like(path.target_mix, limit=1, among=named)
             if o["similarity"] >= TITLE_AND_WORK_ALIKE] or occupations.occupations_like(path.target_mix, limit=1)
    return alike[0]["code"] if alike else ""


def route(from_code: str, to_code: str, max_moves: int = MAX_ROUTE_MOVES) -> list[list[str]]:
    """Every shortest chain of O*NET related occupations from one occupation to another (ends included).

    Breadth-first over "related occupations", one query per move; [] when none within ``max_moves``.
    """
    if not from_code or not to_code:
        return []
    if from_code == to_code:
        return [[from_code]]
    parents: dict[str, set[str]] = {from_code: set()}
    frontier = [from_code]
    for _ in range(max_moves):
        edges = _related(frontier)
        reached: dict[str, set[str]] = {}
        for code in frontier:
            for nxt in edges.get(code, []):
                if nxt not in parents:
                    reached.setdefault(nxt, set()).add(code)
        parents.update(reached)
        if to_code in reached:
            break
        frontier = list(reached)
        if not frontier:
            return []
    if to_code not in parents:
        return []

    def chains(code: str) -> list[list[str]]:
        if code == from_code:
            return [[code]]
        return [chain + [code] for parent in sorted(parents[code]) for chain in chains(parent)]

    return chains(to_code)[:20]


def _step_codes(path: CareerPath, mine: dict[str, Any] | None, target_code: str) -> tuple[list[str], str]:
    """Occupations the steps may go through, and how they were found (in words)."""
    if mine is None or not target_code:
        return (list(_related([target_code]).get(target_code, []))[:20] if target_code else []), "related to the target"
    chains = route(mine["code"], target_code)
    between = [c for chain in chains for c in chain[1:-1]]
    if between:
        return list(dict.fromkeys(between)), f"on the way from {mine['title']}"
    if chains:  # the target is itself one move away: steps are optional, from the person's neighbours
        return [], f"one move from {mine['title']}"
    # No chain within reach: the person's related occupations whose week is closer to the target's.
    from ownpath.occupations.models import OccupationActivity

    near = _related([mine["code"]]).get(mine["code"], [])
    profiles: dict[str, dict[str, float]] = {}
    for code, slug, share in OccupationActivity.objects.filter(occupation__code__in=near).values_list(
            "occupation__code", "activity", "share"):
        profiles.setdefault(code, {})[slug] = share
    now = _cosine(dict(path.baseline), dict(path.target_mix))
    closer = sorted((c for c in near if _cosine(profiles.get(c, {}), dict(path.target_mix)) > now),
                    key=lambda c: -_cosine(profiles.get(c, {}), dict(path.target_mix)))
    return closer[:10], f"one move from {mine['title']}, towards the target's work"


def _candidates(path: CareerPath, posterior, mine: dict[str, Any] | None = None) -> tuple[list[cp.Candidate], str]:
    """Intermediate roles a person in their occupation can reach on the way to the target (O*NET's related
    occupations), with the person's predicted energy for each; and how they were found."""
    from ownpath.analytics.occupation_fit import rank_occupations
    from ownpath.occupations.models import Occupation, OccupationActivity

    codes, how = _step_codes(path, mine, _target_code(path))
    if not codes or posterior is None or not posterior.effects:
        return [], how
    profiles: dict[str, dict[str, float]] = {}
    for c, slug, share in OccupationActivity.objects.filter(occupation__code__in=codes).values_list(
            "occupation__code", "activity", "share"):
        profiles.setdefault(c, {})[slug] = share
    info = {o["code"]: o for o in Occupation.objects.filter(code__in=codes).values("code", "title", "job_zone")}
    return [cp.Candidate(f.code, info[f.code]["title"], info[f.code]["job_zone"], profiles[f.code],
                         f.energy, f.low, f.high) for f in rank_occupations(profiles, posterior)], how


def _skills(user) -> dict[str, tuple[float, float, float, int]]:
    from ownpath.insights.services import skill_effects_for

    fit = skill_effects_for(user)
    if fit is None:
        return {}
    base = 3.0 + float(fit.mean)
    return {slug: (base + e.estimate, base + e.low, base + e.high, e.episodes) for slug, e in fit.effects.items()}


def _trend_json(trend: cp.Trend) -> dict[str, Any]:
    return {"per_month": trend.per_month, "low": trend.low, "high": trend.high, "entries": trend.entries,
            "missing": trend.missing}


def path_summary(user, today: dt.date | None = None) -> dict[str, Any] | None:
    """The person's path as plain data, or None when no path is set.

    Keys: target, horizon_years, started_on, ends_on, current_hours, gaps, skill_gaps,
    steps (each with the experience to seek and ``mentors``), milestones (per quarter),
    progress (months, energy and skill trends with 90% intervals, on_plan), forecast
    (with the honest re-forecast in words), better_fits, missing.
    """
    from ownpath.journal.services import activity_labels
    from ownpath.options.services import energy_posterior

    path = get_path(user)
    if path is None:
        return None
    today = today or dt.date.today()
    labels = activity_labels(user)
    rows = _journal_rows(user)
    current = _current_week(rows, today)
    target = {slug: float(h) for slug, h in path.target_mix.items()}
    baseline = {slug: float(h) for slug, h in path.baseline.items()}
    horizon_months = path.horizon_years * 12
    posterior = energy_posterior(user) if rows else None
    gaps = cp.activity_gaps(current, target)
    predicted = _predicted(target, posterior)
    mine = person_occupation(user, today, path.current_code)
    candidates, steps_from = _candidates(path, posterior, mine)
    steps = cp.propose_steps(gaps, candidates, horizon_months=horizon_months, target_title=path.target_title,
                             target_energy=predicted[:3] if predicted else None, target_code=path.occupation_code,
                             target_zone=_job_zone(path.occupation_code))
    plan = cp.milestones(baseline, target, steps, path.started_on, horizon_months)
    progress = cp.progress(rows, target, baseline, path.started_on, horizon_months, today)
    entries_on_target = sum(1 for r in rows if r[1] in target)
    better = [c for c in candidates if predicted and c.energy > predicted[0] + 0.2]
    missing = []
    if not rows:
        missing.append("log some work (an activity, its hours and how it felt) to see the gap and your progress")
    if progress.energy.missing:
        missing.append(progress.energy.missing)

    def experience(items: dict[str, float], stretch: bool) -> list[dict[str, Any]]:
        result = []
        for slug, hours in items.items():
            label = _label(labels, slug)
            what = ACTIVITIES[slug].description if slug in ACTIVITIES else ""
            seek = (f"ask for {hours:g} h a week of {label.lower()} in your current role" if stretch
                    else f"{hours:g} h a week of {label.lower()}") + (f" ({what[:1].lower() + what[1:].rstrip('.')})" if what else "")
            result.append({"activity": slug, "label": label, "hours": hours, "seek": seek,
                           "mentors": mentors_for(user, slug)})
        return result

    alternatives = []
    if path.target_kind == "occupation" and not CODE_PATTERN.match(path.asked_for or ""):
        try:
            alternatives = [c for c in target_candidates(user, path.asked_for, today, path.current_code)
                            if c["code"] != path.occupation_code]
        except UserInputError:
            alternatives = []
    return {
        "from": mine,
        "steps_from": steps_from,
        "alternatives": alternatives,
        "target": {"title": path.target_title, "kind": path.target_kind, "code": path.occupation_code,
                   "option": path.option_name, "asked_for": path.asked_for,
                   "mix": [{"activity": s, "label": _label(labels, s), "hours": h}
                           for s, h in sorted(target.items(), key=lambda kv: -kv[1])]},
        "horizon_years": path.horizon_years,
        "started_on": path.started_on.isoformat(),
        "ends_on": cp.add_months(path.started_on, horizon_months).isoformat(),
        "current_hours": current,
        "gaps": [{"activity": g.activity, "label": _label(labels, g.activity), "current_hours": round(g.current_hours, 1),
                  "target_hours": round(g.target_hours, 1), "gap_hours": round(g.gap_hours, 1), "new": g.new}
                 for g in gaps],
        "skill_gaps": [{"activity": s.activity, "label": _label(labels, s.activity), "level": s.level, "low": s.low,
                        "high": s.high, "ratings": s.ratings,
                        "words": (f"not rated yet ({s.ratings} rating{'s' if s.ratings != 1 else ''}; rate how well it went "
                                  f"to see where you stand)" if s.level is None else
                                  f"you rate it {s.level:.1f} of 5 ({s.low:.1f}–{s.high:.1f}, {s.ratings} ratings)")}
                       for s in cp.skill_gaps(target, _skills(user)) if target.get(s.activity, 0) >= cp.MIN_GAP_HOURS],
        "steps": [{"kind": s.kind, "title": s.title, "code": s.code, "job_zone": s.job_zone,
                   "starts": cp.add_months(path.started_on, s.starts_month).isoformat(),
                   "ends": cp.add_months(path.started_on, s.ends_month).isoformat(),
                   "energy": s.energy, "low": s.low, "high": s.high,
                   "experience": experience(s.experience, s.kind == "stretch")} for s in steps],
        "milestones": [{"quarter": m.quarter, "ends": m.ends.isoformat(), "step": m.step, "hours_per_week": m.total}
                       for m in plan],
        "progress": {"months": [vars(m) for m in progress.months], "energy": _trend_json(progress.energy),
                     "skill": _trend_json(progress.skill), "on_plan": progress.on_plan},
        "forecast": {"energy": None if predicted is None else round(predicted[0], 3),
                     "low": None if predicted is None else round(predicted[1], 3),
                     "high": None if predicted is None else round(predicted[2], 3),
                     "p_energizing": None if predicted is None else round(predicted[3], 3),
                     "expected": path.expected_energy, "entries_on_target": entries_on_target,
                     "words": cp.reforecast_words(path.expected_energy, predicted[:3] if predicted else None,
                                                  predicted[3] if predicted else None, entries_on_target, better)},
        "better_fits": [{"code": c.code, "title": c.title, "energy": round(c.energy, 3), "low": round(c.low, 3),
                         "high": round(c.high, 3), "job_zone": c.job_zone} for c in better[:3]],
        "missing": missing,
        "credit": _credit() if path.occupation_code or candidates else "",
    }


def _credit() -> str:
    from ownpath.occupations.services import onet_credit

    return onet_credit()


def _job_zone(code: str) -> int | None:
    from ownpath.occupations.models import Occupation

    return Occupation.objects.filter(code=code).values_list("job_zone", flat=True).first() if code else None
