"""Turn the insights and comparison JSON into what the pages and the report show: plain words,
table rows and the SVG charts (drawn by ownpath.web.charts)."""

from __future__ import annotations

import datetime as dt

from django.utils.safestring import mark_safe

from ownpath.errors import Hint, UserInputError
from ownpath.web import charts

CHART_WEEKS = 16
FAR_OVER = charts.FAR_OVER


def activity_rows(insights: dict) -> list[dict]:
    """One row per activity, most energizing first, with plain words and the numbers behind them."""
    rows = []
    for a in insights["activities"]:
        energy = a["energy"]
        rows.append({
            "activity": a["activity"], "label": a["label"], "episodes": a["episodes"], "hours": a["hours"],
            "estimate": energy["estimate"], "low": energy["low"], "high": energy["high"],
            "p_positive": energy["p_positive"], "words": energy["words"], "skill": a["skill"],
            "quadrant": a["quadrant"], "quadrant_words": a["quadrant_words"], "missing": a["missing"],
            "verdict": a.get("verdict", {}).get("words", energy["words"]),
        })
    rows.sort(key=lambda r: -r["estimate"])
    return rows


def _share(part: float, whole: float) -> float:
    return part / whole if whole else 0.0


def weeks_span(iso_weeks: str) -> str:
    """'2026-W45..2026-W48' as dates: '2 Nov – 29 Nov 2026' (empty when there is none)."""
    try:
        first, last = (part.split("-W") for part in iso_weeks.split(".."))
        start = dt.date.fromisocalendar(int(first[0]), int(first[1]), 1)
        end = dt.date.fromisocalendar(int(last[0]), int(last[1]), 7)
    except (ValueError, IndexError):
        return ""
    return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"


def balance_view(insights: dict, today: dt.date | None = None) -> dict:
    """The balance figures the page shows, from the insights balance JSON (issue 3).

    The week still under way (the one holding ``today``) is left out of the weekly charts
    and table: its hours are not all in yet and would read as a drop.
    """
    balance = insights["balance"]
    hours, growth = balance["hours_per_week"], balance["growth"]
    target = float(balance["target_hours"])
    all_weeks = [{"week": w["week"], "start": w.get("start"), "hours": w["hours"], "energy": w["mean_energy"],
                  "entries": w["episodes"]} for w in hours["by_week"]]
    current = None
    if today is not None and all_weeks and all_weeks[-1]["start"]:
        if dt.date.fromisoformat(all_weeks[-1]["start"]) + dt.timedelta(days=7) > today:
            current = all_weeks.pop()
    weeks = all_weeks[-CHART_WEEKS:]
    total = growth["growth_hours"] + growth["required_hours"] + growth["unmarked_hours"]
    shares = {"growth": _share(growth["growth_hours"], total), "required": _share(growth["required_hours"], total),
              "unsaid": _share(growth["unmarked_hours"], total), "growth_of_marked": growth["share"]}
    return {"target": target, "weeks": weeks, "current_week": current, "mean_hours": hours["mean"],
            "trend_span": weeks_span(balance["trend"].get("recent_weeks") or ""),
            "weeks_over_target": sum(w["hours"] > target for w in all_weeks),
            "weeks_far_over_target": sum(w["hours"] > target * FAR_OVER for w in all_weeks),
            "finished_weeks": len(all_weeks),
            "off_clock_per_week": balance["off_clock"]["per_week"],
            "off_clock_share": balance["off_clock"]["share"], "shares": shares, "draining": balance["draining"],
            "trend": balance["trend"]}


def insights_view_data(insights: dict, today: dt.date | None = None) -> dict:
    """Everything the insights page and the report show: rows, balance and the SVG charts."""
    rows = activity_rows(insights)
    balance = balance_view(insights, today)
    weeks, shares = balance["weeks"], balance["shares"]
    with_skill = [{"label": r["label"], "energy": r["estimate"], "skill": r["skill"]["estimate"],
                   "quadrant": r["quadrant"], "quadrant_words": r["quadrant_words"]}
                  for r in rows if r["skill"]]
    return {
        "summary": {k: insights.get(k) for k in ("episodes", "hours", "days")},
        "rows": rows, "balance": balance, "target": balance["target"], "warnings": insights.get("warnings", []),
        "missing": insights.get("missing", []), "weeks": weeks, "with_skill": with_skill, "shares": shares,
        "charts": {
            "forest": mark_safe(charts.forest_chart(rows)) if rows else "",
            "quadrant": mark_safe(charts.quadrant_chart(with_skill)) if with_skill else "",
            "hours": mark_safe(charts.weekly_hours_chart(weeks, balance["target"])) if weeks else "",
            "shares": mark_safe(charts.share_bar(
                [("growth", shares["growth"], charts.GOOD), ("required", shares["required"], charts.ACCENT),
                 ("not said", shares["unsaid"], charts.NEUTRAL)], title="Growth work against required work",
                chart_id="shares")) if rows else "",
            "trend": mark_safe(charts.trend_chart(weeks)) if weeks else "",
        },
    }


def _names(rows: list[dict]) -> str:
    labels = [r["label"] for r in rows]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _sentence(text: str, link: str, link_text: str) -> dict:
    return {"text": text, "link": link, "link_text": link_text}


def story(insights: dict, *, urls: dict, option_count: int = 0) -> list[dict]:
    """"Your story": three to five plain sentences, each with a link to act on it.

    What energizes the person, what drains them, their compensable strengths, the trap to
    avoid and the next step (log an unclear activity, look at roles, compare options). Every
    activity is named with its one verdict (``verdict`` in the insights JSON). ``urls``:
    "journal", "roles", "compare", "options", and "activity" and "log" (format strings taking a slug).
    """
    activities = insights.get("activities", [])
    if not activities:
        return [_sentence("Your story starts with a few entries: what you did, for how long, how it left you.",
                          urls["journal"], "Log your first entry")]
    verdict = {a["activity"]: a.get("verdict") or {} for a in activities}
    by_effect = sorted(activities, key=lambda a: -a["energy"]["estimate"])
    energizing = [a for a in by_effect if verdict[a["activity"]].get("direction") == "energizes"][:2]
    draining = [a for a in reversed(by_effect) if verdict[a["activity"]].get("direction") == "drains"][:2]
    sentences = []
    if energizing:
        words = "; ".join(f"{a['label']}: {verdict[a['activity']]['words']}" for a in energizing)
        sentences.append(_sentence(f"What energizes you most — {words}.", urls["activity"] % energizing[0]["activity"],
                                   f"See {energizing[0]['label']}"))
    else:
        sentences.append(_sentence("Nothing stands out yet as energizing you.", urls["journal"], "Log more entries"))
    if draining:
        words = "; ".join(f"{a['label']}: {verdict[a['activity']]['words']}" for a in draining)
        sentences.append(_sentence(f"What drains you most — {words}.", urls["activity"] % draining[0]["activity"],
                                   f"See {draining[0]['label']}"))
    strengths = [a for a in by_effect if a["quadrant"] == "compensable_strength"][:3]
    if strengths:
        sentences.append(_sentence(f"Your compensable strengths — they energize you and you are good at them: "
                                   f"{_names(strengths)}. Look for a role that pays for these.", urls["roles"],
                                   "Roles that pay for what you love"))
    traps = [a for a in reversed(by_effect) if a["quadrant"] == "trap_strength"][:2]
    if traps:
        sentences.append(_sentence(f"The trap to avoid: you are good at {_names(traps)}, but it drains you — "
                                   "a role built around it would feel like somebody else's dream.",
                                   urls["activity"] % traps[0]["activity"], f"See {traps[0]['label']}"))
    unclear = [a for a in activities if verdict[a["activity"]].get("direction") == "unclear" and a.get("missing")]
    if unclear:
        most = max(unclear, key=lambda a: a["hours"])
        sentences.append(_sentence(f"Next: {most['missing']}.", urls["log"] % most["activity"], f"Log {most['label']}"))
    elif option_count >= 2:
        sentences.append(_sentence(f"Next: compare your {option_count} options against what your journal says.",
                                   urls["compare"], "Compare your options"))
    elif option_count == 1:
        sentences.append(_sentence("Next: add the job you are weighing against your current one, then compare.",
                                   urls["options"], "Add an option"))
    else:
        sentences.append(_sentence("Next: see which roles would feel like this for you.", urls["roles"],
                                   "Roles that pay for what you love"))
    return sentences[:5]


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def comparison_columns(comparison: dict, pay_of: dict) -> list[dict]:
    """The comparison as aligned columns, the current role first: one row per measure on the page.

    ``pay_of``: option name → yearly pay (None when not given). Each column has the numbers, a
    small interval strip, the pay against the baseline and against now, and a one-line verdict
    (the first sentence of the explanation, which states the verdict); the rest is the "why".
    """
    current = comparison.get("current")
    now_pay = pay_of.get(current["name"]) if current else None
    baseline = comparison.get("pay_baseline")
    columns = []
    for o in ([current] if current else []) + list(comparison.get("options", [])):
        is_current = o is current
        pay = pay_of.get(o["name"])
        energy = o["energy"]
        if is_current:
            verdict = "Your current role: the yardstick for the others."
            why = o.get("explanation", "")
        else:
            verdict, why = _first_sentence(o.get("explanation", "")), o.get("explanation", "")
            why = why[len(verdict):].strip()
        if "below_pay_baseline" in o.get("flags", []):
            verdict = "Below the pay you need. " + verdict
        columns.append({
            "name": o["name"], "current": is_current, "target": o.get("is_target"), "set_by": o.get("set_by"),
            "energy": energy, "strip": mark_safe(charts.interval_strip(energy["estimate"], energy["low"], energy["high"])),
            "p_better": o.get("p_better_than_current"), "values_fit": o.get("values_fit"),
            "pay": pay, "pay_vs_baseline": None if pay is None or baseline is None else pay - baseline,
            "pay_vs_now": None if is_current or pay is None or now_pay is None else pay - now_pay,
            "hours": o.get("hours"), "hours_over_target": o.get("hours_over_target"), "flags": o.get("flags", []),
            "verdict": verdict, "why": why,
        })
    return columns


def hint_html(hint: Hint | None) -> str:
    """A hint as the web says it: a link to the page that does the same as its command.

    A hint with no page (work only whoever runs the server can do) is said in its words alone.
    """
    from django.urls import reverse
    from django.utils.html import format_html

    if hint is None:
        return ""
    if not hint.page:
        return format_html("{}", hint.label)
    return format_html('<a href="{}">{}</a>', reverse(hint.page), hint.label)


def error_html(error: UserInputError) -> str:
    """A service's message for a page: its words, then its hint as a link (never a command)."""
    from django.utils.html import format_html

    if error.hint is None:
        return error.message
    return format_html("{}: {}", error.message, hint_html(error.hint))
