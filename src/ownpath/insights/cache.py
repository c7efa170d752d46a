"""A person's insights, fitted once per journal state and day, and kept for every page that shows them.

One key for all readers (the insights page, the API, a shared item): the person, the period, their
journal state (entries and target hours) and the day. The day is part of it because the trend ends
with the last finished week, so yesterday's fit may show last week's trend. The stored copy every
server process shares (``sharing.models.StoredInsights``) counts only on the day it was fitted.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache

from ownpath.journal.services import journal_state

CACHE_SECONDS = 60 * 60


def today() -> dt.date:
    """The day insights are fitted for (one place, so a test can move it)."""
    return dt.date.today()


def cache_key(person_id: int, state: str, day: dt.date, since: dt.date | None = None) -> str:
    """The one cache key of a person's insights: their journal state on that day, from ``since``."""
    return f"ownpath:insights:{person_id}:{since}:{state}:{day.isoformat()}"


def fitted_on(computed_at: dt.datetime) -> dt.date:
    """The local day a stored fit was made (compared with ``today()``, which is local too)."""
    return dt.datetime.fromtimestamp(computed_at.timestamp()).date()


def insights_for(user, since: dt.date | None = None) -> dict:
    """The person's insights (the `ownpath insights --json` contract), fitted at most once per journal state and day."""
    # Fitting needs NumPy and SciPy: loaded here, so reading a cache key (a quick log) does not.
    from ownpath.insights.services import build_insights
    from ownpath.sharing.priors import organisation_prior_for, prior_version

    day = today()
    # The prior the fit borrows from is part of the key: caches change when the organisation's prior does.
    key = cache_key(user.pk, f"{journal_state(user)}|{prior_version(organisation_prior_for(user))}", day, since)
    value = cache.get(key)
    if value is None:
        value = build_insights(user, since=since, today=day)
        cache.set(key, value, CACHE_SECONDS)
    return value
