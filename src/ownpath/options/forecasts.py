"""ownpath keeps score of its own forecasts: stored when a person takes an option or an agreement
changes their week, scored once the journal covers the new reality.

Every function takes the person first and reads or writes only their own records; another
person's record looks exactly like a missing one. Forecasts are private: no share item reaches
them, and nobody else's request can create, read or remove one (an agreement recorded by the
manager stores the forecast for the person, who alone sees it).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
from django.db import IntegrityError, transaction

from ownpath.analytics import forecast as fc
from ownpath.analytics import forecast_record as fr
from ownpath.errors import NotFound, UserInputError
from ownpath.journal.models import Episode
from ownpath.options.models import ForecastRecord, Option
from ownpath.options import services

# How far from today a change may be dated: a past change not yet recorded, or one about to start.
MAX_DAYS_AWAY = 366


def parse_start(value: Any, today: dt.date | None = None, field: str = "on") -> dt.date:
    """The first day of the change, YYYY-MM-DD (default today), within a year either side of today."""
    today = today or dt.date.today()
    if value in (None, ""):
        return today
    if isinstance(value, dt.date):
        day = value
    else:
        try:
            day = dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise UserInputError(f"{field}: expected a date YYYY-MM-DD, got {value!r}") from None
    if abs((day - today).days) > MAX_DAYS_AWAY:
        raise UserInputError(f"{field}: must be within a year of today ({today}), got {day}")
    return day


def _journal_state(user) -> dict[str, Any]:
    episodes = Episode.objects.filter(user=user)
    dates = list(episodes.order_by().values_list("date", flat=True).distinct())
    return {"journal_entries": episodes.count(), "journal_days": len(dates),
            "journal_last_date": max(dates) if dates else None}


def _store(user, *, kind: str, name: str, started_on: dt.date, mix: dict[str, float], energy: fc.Interval,
           p_better: float | None, flags: list[str], option: Option | None = None, agreement=None,
           today: dt.date | None = None) -> ForecastRecord:
    if ForecastRecord.objects.filter(user=user, kind=kind, name=name, started_on=started_on).exists():
        raise UserInputError(f"on: a forecast for {name!r} starting {started_on} is already kept")
    try:
        with transaction.atomic():
            return ForecastRecord.objects.create(
                user=user, kind=kind, option=option, agreement=agreement, name=name[:500], started_on=started_on,
                recorded_on=today or dt.date.today(), mix=mix, energy=energy.estimate, energy_sd=energy.sd,
                energy_low=energy.low, energy_high=energy.high, p_better=p_better, flags=flags,
                **_journal_state(user))
    except IntegrityError:
        raise UserInputError(f"on: a forecast for {name!r} starting {started_on} is already kept") from None


def took_option(user, key: str, on: Any = None, *, today: dt.date | None = None) -> ForecastRecord:
    """The person took this option from ``on``: keep ownpath's forecast of it, and make it the current role.

    The forecast is the one Compare shows at this moment (energy interval, P(better than the
    current role), flags), with how much journal it rested on.
    """
    option = services.find_option(user, key)
    started_on = parse_start(on, today)
    if option.is_current:
        raise UserInputError(f"option: {option.name!r} is already your current role; "
                             "take another option to keep score of its forecast")
    comparison = services.compare(user)
    forecast = next(o for o in comparison.options if o.name == option.name)
    with transaction.atomic():
        record = _store(user, kind=ForecastRecord.OPTION, name=option.name, started_on=started_on,
                        mix=services.option_mix(option), energy=forecast.energy,
                        p_better=forecast.p_better_than_current, flags=list(forecast.flags), option=option,
                        today=today)
        services.edit_option(user, option.name, current=True, target=False)
    return record


def record_agreement_forecast(person, agreement, changes: dict[str, float],
                              today: dt.date | None = None) -> ForecastRecord | None:
    """An agreement changes the person's week: keep the forecast of their current role with those hours.

    None when the person has no current role to change (nothing to forecast from) or the
    changes leave no hours.
    """
    current = services.options_for(person).filter(is_current=True).first()
    if current is None or not changes:
        return None
    now = services.option_mix(current)
    changed = {slug: max(0.0, now.get(slug, 0.0) + changes.get(slug, 0.0)) for slug in set(now) | set(changes)}
    changed = {slug: hours for slug, hours in changed.items() if hours > 0}
    if not changed:
        return None
    posterior = services.energy_posterior(person)
    energy = fc.forecast_energy(changed, posterior)
    _, p_better = fc.energy_difference(changed, now, posterior)
    started_on = today or dt.date.today()
    try:
        return _store(person, kind=ForecastRecord.AGREEMENT, name=agreement.text, started_on=started_on,
                      mix=changed, energy=energy, p_better=p_better, flags=[], agreement=agreement, today=today)
    except UserInputError:
        return None  # the same agreement text on the same day: the first forecast stands


def forget_forecast(user, record_id: Any) -> None:
    """Remove one of the person's kept forecasts (say, an option they did not take after all)."""
    _record(user, record_id).delete()


def _record(user, record_id: Any) -> ForecastRecord:
    try:
        return ForecastRecord.objects.get(user=user, pk=int(record_id))
    except (ForecastRecord.DoesNotExist, TypeError, ValueError, OverflowError):
        raise NotFound(f"forecast {record_id} not found") from None


def _journal_columns(user):
    rows = list(Episode.objects.filter(user=user).order_by().values_list("date", "energy", "hours", "activity__slug"))
    if not rows:
        return [], np.zeros(0), np.zeros(0), []
    dates, energy, hours, slugs = zip(*rows)
    return ([d.toordinal() for d in dates], np.array(energy, dtype=float), np.array(hours, dtype=float),
            list(slugs))


def _interval(estimate: float, low: float, high: float) -> dict[str, float]:
    return {"estimate": round(estimate, 2), "low": round(low, 2), "high": round(high, 2)}


def forecasts_for(user, today: dt.date | None = None) -> dict[str, Any]:
    """Every kept forecast of the person, each scored against what they lived or saying what is
    missing, and how well calibrated ownpath has been for them over all of them."""
    today = today or dt.date.today()
    records = list(ForecastRecord.objects.filter(user=user).order_by("started_on", "id"))
    days, energy, hours, slugs = _journal_columns(user)
    starts = sorted({r.started_on for r in records})
    scores, items = [], []
    for record in records:
        later = [d for d in starts if d > record.started_on]
        window_end = later[0] if later else None
        stored = fr.StoredForecast(record.energy, record.energy_sd, record.energy_low, record.energy_high,
                                   record.p_better, record.started_on, record.recorded_on, record.mix)
        window = fr.scoring_window_start(record.started_on, record.recorded_on)
        ready = fr.readiness(days, window, today, window_end)
        item = {
            "id": record.pk, "kind": record.kind, "name": record.name, "started_on": record.started_on.isoformat(),
            "recorded_on": record.recorded_on.isoformat(), "mix": record.mix,
            "forecast": {"energy": _interval(record.energy, record.energy_low, record.energy_high),
                         "p_better": None if record.p_better is None else round(record.p_better, 3),
                         "flags": list(record.flags)},
            "journal_then": {"entries": record.journal_entries, "days": record.journal_days,
                             "last_date": record.journal_last_date.isoformat() if record.journal_last_date else None},
            "scored_from": window.isoformat(), "ready": ready.ready, "missing": ready.missing,
            "lived": None, "score": None,
        }
        if ready.ready:
            lived = fr.lived_energy(days, energy, hours, slugs, window, window_end=window_end, mix=record.mix,
                                    seed=record.pk)
            before = fr.lived_before(days, energy, hours, slugs, record.started_on, seed=record.pk)
            score = fr.score_forecast(stored, lived, before)
            scores.append(score)
            item["lived"] = _interval(lived.estimate, lived.low, lived.high) | {
                "entries": lived.entries, "days": lived.days, "basis": lived.basis}
            item["score"] = {"covered": score.covered, "error": round(score.error, 2),
                             "better": score.better, "brier": None if score.brier is None else round(score.brier, 3),
                             "sentence": score.sentence}
        items.append(item)
    summary = fr.calibration(scores)
    return {
        "forecasts": items[::-1],  # the latest first
        "calibration": {"scored": summary.scored, "covered": summary.covered,
                        "coverage": None if summary.coverage is None else round(summary.coverage, 3),
                        "coverage_interval": (None if summary.coverage is None
                                              else [round(summary.coverage_low, 3), round(summary.coverage_high, 3)]),
                        "promised": fr.LEVEL, "brier": None if summary.brier is None else round(summary.brier, 3),
                        "brier_forecasts": summary.brier_count, "sentence": summary.sentence},
        "weeks_needed": fr.COVER_WEEKS,
    }
