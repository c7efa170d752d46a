"""Insights use cases: what energizes and drains a person, what they are best at, their balance.

Every function takes the acting user first and reads only that user's episodes.  The
statistics live in ``ownpath.analytics`` (pure); this module fetches plain rows (one
``values_list`` query, no model instances: 50,000 episodes in well under a second),
calls the core, and turns the results into the JSON contract of ``ownpath insights``.

Hours weighting: an episode's rating counts in proportion to its length relative to the
person's median episode, clipped to [0.5, 2] and rounded to quarters — a long stretch weighs up to twice a typical
one, a short one at least half — so hours matter without one 8-hour day counting as eight
separate ratings (which would make intervals overconfident).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping

import numpy as np

from ownpath.analytics import balance as balance_core
from ownpath.analytics.journal_size import thin_data_warning
from ownpath.analytics.energy_model import ActivityEffect, EffectsFit, clip_to_scale, estimate_activity_effects
from ownpath.analytics.plain_words import (
    activity_verdict,
    describe_effect,
    entries_needed,
    missing_message,
)
from ownpath.analytics.strengths import classify_quadrant, estimate_skill_effects
from ownpath.analytics.verdicts import verdict_for
from ownpath.insights.context import build_context_insights

WEIGHT_CLIP = (0.5, 2.0)
# An activity needs this many skill ratings before it can be placed in a quadrant.
MIN_SKILL_RATINGS = 3


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


@dataclasses.dataclass(frozen=True)
class _Rows(balance_core.BalanceColumns):
    """A person's episodes as plain columns: the balance columns plus skill."""

    skill: np.ndarray  # NaN where not rated


# Columns as _fetch reads them; a missing skill comes as NO_SKILL and a missing growth mark as -1,
# so that every row converts to NumPy in one C loop (np.fromiter), not column by column in Python.
NO_SKILL = -99
_ROW = np.dtype([("date", "U10"), ("activity", np.int64), ("hours", float), ("energy", float), ("skill", float),
                 ("growth", np.int8), ("off_clock", bool)])


def _fetch(user, since: dt.date | None) -> _Rows:
    from django.db import connection
    from django.db.models import CharField, IntegerField, Value
    from django.db.models.functions import Cast, Coalesce

    from ownpath.journal.models import Activity, Episode

    episodes = Episode.objects.filter(user=user)
    if since is not None:
        episodes = episodes.filter(date__gte=since)
    # The date as text: per-row date parsing by the driver would cost more than the fits.
    query = episodes.order_by().values_list(
        Cast("date", CharField()), "activity_id", "hours", "energy",
        Coalesce("skill", Value(NO_SKILL), output_field=IntegerField()),
        Coalesce(Cast("growth", IntegerField()), Value(-1), output_field=IntegerField()), "off_clock")
    # The ORM writes the (owner-scoped) SQL; the rows are read straight from the driver,
    # skipping per-row field conversion, which dominates for 50,000 episodes.
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        empty = np.zeros(0)
        return _Rows(days=empty.astype(np.int64), hours=empty, energy=empty,
                     growth=empty.astype(np.int8), off_clock=empty.astype(bool),
                     activities=empty.astype(object), skill=empty)
    if not isinstance(rows[0][0], str):  # a driver that hands back dates: as text, like SQLite's
        rows = [(str(row[0]), *row[1:]) for row in rows]
    table = np.fromiter(rows, dtype=_ROW, count=len(rows))
    days = table["date"].astype("datetime64[D]").astype(np.int64) + _EPOCH_ORDINAL
    ids, codes = np.unique(table["activity"], return_inverse=True)
    slug_of = dict(Activity.objects.filter(pk__in=ids.tolist()).values_list("pk", "slug"))
    slugs = np.array([slug_of[int(i)] for i in ids], dtype=str)[codes]
    skill = table["skill"]
    return _Rows(
        days=days,
        hours=table["hours"].copy(),
        energy=table["energy"].copy(),
        growth=table["growth"].copy(),
        off_clock=table["off_clock"].copy(),
        activities=slugs,
        skill=np.where(skill == NO_SKILL, np.nan, skill),
    )


def _weights(hours: np.ndarray) -> np.ndarray | None:
    if hours.size == 0:
        return None
    # On a grid of quarters: no visible change to the fit, but days then share few
    # distinct totals, which the energy model pools for speed.
    return np.round(4.0 * np.clip(hours / np.median(hours), *WEIGHT_CLIP)) / 4.0


# ``pooled=AUTO``: borrow from the organisation's consenting colleagues when there are enough.
AUTO = "auto"


def organisation_prior(user, pooled=AUTO):
    """The pooled prior a fit of ``user``'s journal borrows from: ``pooled`` itself, or looked up when AUTO."""
    if pooled == AUTO:
        from ownpath.sharing.priors import organisation_prior_for

        return organisation_prior_for(user)
    return pooled


def _energy_fit(rows: _Rows, prior_means: Mapping[str, float] | None = None, pooled=None) -> EffectsFit:
    # Estimates and intervals are kept to the -2..+2 scale together: with few entries they would run past it.
    variance_prior = None
    if pooled is not None:
        prior_means = {**pooled.prior_means(), **(prior_means or {})}
        variance_prior = pooled.variance_prior()
    return clip_to_scale(estimate_activity_effects(rows.activities, rows.days, rows.energy,
                                                   _weights(rows.hours), hours=rows.hours, prior_means=prior_means,
                                                   variance_prior=variance_prior))


def energy_effects_for(user, since: dt.date | None = None,
                       prior_means: Mapping[str, float] | None = None, *, pooled=AUTO) -> EffectsFit:
    """The person's energy model: every logged activity's effect, and tau for the rest.

    For other areas (options, occupations, paths): ``fit.effect_for(slug)`` gives any activity's
    effect on the -2..+2 scale relative to the person's average, falling back to the prior
    (the organisation's mean or 0, SD ``fit.activity_sd``) for activities never logged.
    ``pooled`` is the organisation's pooled prior (means and spread from at least 5 consenting
    colleagues); AUTO looks it up, None borrows from no one (population prior only).
    """
    return _energy_fit(_fetch(user, since), prior_means, organisation_prior(user, pooled))


def prior_json(pooled) -> dict:
    """Where the fit's priors come from, for the JSON, the page and the CLI."""
    from ownpath.sharing.priors import prior_version

    if pooled is None:
        return {"source": "population", "contributors": 0, "version": prior_version(None),
                "words": "priors from published experience-sampling studies"}
    return {"source": "colleagues", "contributors": pooled.contributors, "version": prior_version(pooled),
            "words": pooled.words()}


def skill_effects_for(user, since: dt.date | None = None) -> EffectsFit | None:
    """The person's skill model ("how well it went", centred on 3) over rated episodes.

    None when no episode has a skill rating yet.
    """
    return _skill_fit(_fetch(user, since))


def _skill_fit(rows: _Rows) -> EffectsFit | None:
    rated = ~np.isnan(rows.skill)
    if not rated.any():
        return None
    return clip_to_scale(estimate_skill_effects(rows.activities[rated], rows.days[rated], rows.skill[rated],
                                                _weights(rows.hours[rated]), hours=rows.hours[rated]))


def _effect_json(effect: ActivityEffect, kind: str) -> dict:
    return {
        "estimate": round(effect.estimate, 3),
        "low": round(effect.low, 3),
        "high": round(effect.high, 3),
        "p_positive": round(effect.p_positive, 3),
        "sd": round(effect.sd, 3),
        "episodes": effect.episodes,
        "words": describe_effect(effect, kind),
    }


def _lower_label(label: str) -> str:
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def _jsonable(value):
    if dataclasses.is_dataclass(value):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 3)
    return value


def _model_json(fit: EffectsFit | None) -> dict | None:
    if fit is None:
        return None
    return {"mean": round(fit.mean, 3), "activity_sd": round(fit.activity_sd, 3),
            "day_sd": round(fit.day_sd, 3), "noise_sd": round(fit.noise_sd, 3),
            "level": fit.level, "episodes": fit.n_episodes, "days": fit.n_days}


def build_insights(user, since: dt.date | None = None, today: dt.date | None = None, *, pooled=AUTO) -> dict:
    """Everything `ownpath insights --json` prints, for the acting user only.

    Keys: episodes, hours, days, since, activities (energy, skill, quadrant, what is
    missing), model (variance components), prior (where the priors come from: "borrowing from
    N colleagues" in an organisation), balance, warnings, missing.  ``pooled`` as in
    :func:`energy_effects_for`; what a person shares is fitted with ``pooled=None`` (their own
    evidence only, so no colleague's data reaches anyone through it).
    """
    from ownpath.journal.services import activity_labels, settings_for

    rows = _fetch(user, since)
    labels = activity_labels(user)
    pooled = organisation_prior(user, pooled)
    energy_fit = _energy_fit(rows, pooled=pooled)
    skill_fit = _skill_fit(rows)
    skill_effects = skill_fit.effects if skill_fit is not None else {}

    activities, missing = [], []
    for slug, effect in energy_fit.effects.items():
        label = labels.get(slug, slug)
        skill = skill_effects.get(slug)
        usable_skill = skill if skill is not None and skill.episodes >= MIN_SKILL_RATINGS else None
        call = classify_quadrant(effect, usable_skill)
        verdict = activity_verdict(effect, call.quadrant)
        activity_missing = None
        if not verdict_for(effect.p_positive).clear:
            activity_missing = missing_message(_lower_label(label), entries_needed(effect, energy_fit))
        elif usable_skill is None:
            more = MIN_SKILL_RATINGS - (skill.episodes if skill else 0)
            activity_missing = (f"rate how well {_lower_label(label)} went {more} more "
                                f"time{'s' if more > 1 else ''} to see if it is a strength")
        if activity_missing:
            missing.append(activity_missing)
        activities.append({
            "activity": slug,
            "label": label,
            "episodes": effect.episodes,
            "hours": round(effect.hours, 2),
            "energy": _effect_json(effect, "energy"),
            "skill": _effect_json(skill, "skill") if skill is not None else None,
            "verdict": {"direction": verdict.direction, "certainty": verdict.certainty, "words": verdict.short},
            "quadrant": verdict.quadrant,
            "quadrant_probability": None if call.probability is None else round(call.probability, 3),
            "quadrant_words": verdict.quadrant_words,
            "missing": activity_missing,
        })

    target = settings_for(user).target_hours_per_week
    summary = balance_core.balance_summary(rows, target, energy_fit.effects, today)
    balance = {
        "target_hours": target,
        "hours_per_week": {
            "mean": _jsonable(summary.hours.mean_hours),
            "weeks": summary.hours.n_weeks,
            "weeks_over_target": summary.hours.weeks_over_target,
            "by_week": [
                {"week": w.week, "start": w.start.isoformat(), "hours": round(w.hours, 3),
                 "off_clock_hours": round(w.off_clock_hours, 3), "episodes": w.episodes,
                 "mean_energy": round(w.mean_energy, 3)}
                for w in summary.hours.weeks
            ],
            "missing": summary.hours.missing,
        },
        "off_clock": _jsonable(summary.off_clock),
        "growth": _jsonable(summary.growth),
        "draining": _jsonable(summary.draining),
        "trend": _jsonable(summary.trend),
    }
    for part in (summary.hours, summary.growth, summary.draining, summary.trend):
        if part.missing:
            missing.append(part.missing)

    warnings = [{"kind": w.kind, "message": w.message} for w in summary.warnings]
    thin = thin_data_warning(len(rows))  # the same rule and words as Compare's
    if thin:
        warnings.append(thin)
    if not len(rows):
        missing.insert(0, "log some work (an activity, its hours and how it felt) to get insights")

    return {
        "episodes": len(rows),
        "hours": round(float(rows.hours.sum()), 2),
        "days": energy_fit.n_days,
        "since": since.isoformat() if since else None,
        "activities": activities,
        "model": {"energy": _model_json(energy_fit), "skill": _model_json(skill_fit)},
        "prior": prior_json(pooled),
        "balance": balance,
        "warnings": warnings,
        "missing": missing,
        "context": build_context_insights(user, since),
    }
