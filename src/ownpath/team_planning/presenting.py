"""Track fit in words: one presenter for the person's page, the manager's pages, the CLI and the API.

``present_track_fit(fit)`` turns the plain data of ``services.track_fit_for`` (or the same
data read through a ``track_fit`` share) into sentences, so every place that shows a track
fit says the same thing the same way and no page ever shows the data structure itself.
Plain data in, plain strings out: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ownpath.analytics.plain_words import signed

HEADINGS = {"expert": "The journal points to the expert track",
            "manager": "The journal points to the manager track",
            None: "Too close to call between the tracks"}


def _interval_words(what: str, interval: Mapping[str, float]) -> str:
    return (f"{what} {signed(interval['estimate'], 2)} "
            f"(90% interval {signed(interval['low'], 2)} to {signed(interval['high'], 2)})")


def _track(t: Mapping[str, Any]) -> dict[str, Any]:
    chance = str(t.get("chance", "")).replace("<", "less than ").replace(">", "more than ")
    level = f", level {t['level']}" if t.get("level") else ""
    return {
        "track": t["track"],
        "role_id": t.get("role_id"),
        "title": f"{str(t['track']).capitalize()} track: {t['role']}{level}",
        "chance": f"{chance} chance it feels better than now",
        "energy": _interval_words("Energy change against now:", t["energy_change"]),
        "skill": (_interval_words("How well the work goes, against now:", t["skill_change"])
                  if t.get("skill_change") else "How well the work goes: not enough skill ratings to say"),
        "sentence": t.get("sentence", ""),
    }


def _signal(s: Mapping[str, Any]) -> str:
    if s.get("thin"):
        return s["words"]
    return f"{s['words']} — {_interval_words('energy', s['energy'])}"


def present_track_fit(fit: Mapping[str, Any] | None) -> dict[str, Any]:
    """The track fit as sentences: heading, both tracks, verdict, evidence, thin spots, trial, what was used.

    A fit that could not be computed (``{"missing": why}``) comes back as ``{"missing": why}``
    with empty parts, so a page shows the reason and nothing else.
    """
    if not fit or "recommended" not in fit:
        why = (fit or {}).get("missing") or "no track fit yet"
        return {"missing": why, "heading": "", "tracks": [], "verdict": "", "signals": [], "thin_evidence": "",
                "trial": None, "used": ""}
    trial = fit.get("trial")
    used = fit.get("used") or {}
    prior = used.get("organisation_prior")
    thin = list(fit.get("thin_evidence") or [])
    next_rung = fit.get("next_rung")
    return {
        "missing": "",
        "heading": HEADINGS.get(fit["recommended"], HEADINGS[None]),
        "tracks": [_track(fit["expert"]), _track(fit["manager"])],
        "verdict": fit.get("verdict") or fit.get("explanation") or "",
        "signals": [_signal(s) for s in fit.get("signals") or []],
        "thin_evidence": ("Thin evidence: " + "; ".join(thin) + ".") if thin else "",
        "trial": None if not trial else {
            "title": f"A reversible trial: {trial['title']}",
            "lines": [f"About {trial['hours_per_week']:g} h a week for {trial['weeks']} weeks.",
                      trial["what_to_log"], trial["how_judged"]],
        },
        "next_rung": [_track(t) for t in next_rung] if next_rung else [],
        "used": (f"{used.get('entries', 0)} journal entries"
                 + (f", and the organisation's pooled prior from {prior['contributors']} consenting colleagues"
                    if prior else "")
                 + ". Output and sales figures are never used."),
    }
