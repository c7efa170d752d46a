"""The printable report: one self-contained HTML file (CSS and charts inlined, no scripts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ownpath.web import sources

CSS_PATH = Path(__file__).resolve().parent / "static" / "web" / "app.css"


def _kept_forecasts(user) -> dict | None:
    """ownpath's kept forecasts against what was lived, or None when none was ever kept."""
    from ownpath.options.forecasts import forecasts_for

    data = forecasts_for(user)
    return data if data["forecasts"] else None


def render_report(user) -> str:
    """The person's report as a complete HTML document they can keep, print or share."""
    context = dict(sources.insights_page_data(user))
    context.update({
        "person": user.get_username(), "generated": dt.date.today().isoformat(),
        "css": mark_safe(CSS_PATH.read_text(encoding="utf-8")),
        "comparison": sources.comparison_for(user),
        "compare_columns": sources.comparison_columns_for(user, sources.comparison_for(user)),
        "values": sources.values_summary_for(user),
        "path": sources.path_for(user),
        "forecasts": _kept_forecasts(user),
    })
    return render_to_string("web/report.html", context)
