"""Where the web app gets insights, values, comparisons and its journal list: the queries pages need
beyond a single service call, so views stay free of the ORM.

`insights_for` returns the JSON contract of `ownpath insights --json` (issue 3), cached per
person until their journal or settings change, so a page view does not refit the model.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Count, Max

from ownpath.errors import UserInputError
from ownpath.journal.services import episodes_for, settings_for
from ownpath.options import services as options


def _journal_version(user) -> str:
    state = episodes_for(user).aggregate(n=Count("id"), changed=Max("updated_at"), last=Max("id"))
    target = settings_for(user).target_hours_per_week
    return f"{state['n']}:{state['last']}:{state['changed'].isoformat() if state['changed'] else ''}:{target}"


def _cached(user, kind: str, since: dt.date | None, compute):
    key = f"ownpath:{kind}:{user.pk}:{since}:{_journal_version(user)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 60 * 60)
    return value


def latest_entries(user, limit: int, since: dt.date | None = None, until: dt.date | None = None,
                   activity: str | None = None) -> tuple[list, int]:
    """The person's newest `limit` entries (newest first) and how many match the filters in all."""
    episodes = episodes_for(user, since, until, activity)
    return list(episodes.order_by("-date", "-start_time", "-id")[:limit]), episodes.count()


def entry_count(user) -> int:
    """How many entries the person's journal holds."""
    return episodes_for(user).count()


def insights_for(user, since: dt.date | None = None) -> dict:
    """The person's insights (the `ownpath insights --json` contract), cached until the journal changes."""
    from ownpath.insights.services import build_insights

    return _cached(user, "insights", since, lambda: build_insights(user, since=since))


def comparison_for(user) -> dict | None:
    """The `ownpath compare --json` data, or None when there are no options."""
    if not options.options_for(user).exists():
        return None
    try:
        return options.compare_json(user)
    except UserInputError:
        return None


def values_summary_for(user) -> dict | None:
    """The person's values summary, or None when never set."""
    summary = options.values_summary(user)
    return summary if summary.get("weights") or summary.get("pay_baseline") else None


def insights_page_data(user) -> dict:
    """What the insights page and the report show (charts drawn), cached until the journal changes."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from ownpath.web import present

    def compute():
        insights = insights_for(user)
        data = present.insights_view_data(insights)
        # Only the page shows the context section: it may name people, the report must not.
        data["context"] = insights.get("context")
        # The rendered section too: tables and charts only change when the journal does.
        data["body_html"] = mark_safe(render_to_string("web/partials/insights_body.html", data))
        return data

    return _cached(user, "insights-view", None, compute)


def occupation_data_loaded() -> bool:
    """True when an O*NET release has been loaded (`ownpath data onet PATH`)."""
    from ownpath.occupations.models import Occupation

    return Occupation.objects.exists()
