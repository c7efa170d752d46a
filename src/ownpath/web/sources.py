"""Where the web app gets insights, values, comparisons and its journal list: the queries pages need
beyond a single service call, so views stay free of the ORM.

Insights themselves come from `insights.cache.insights_for` (one cache for every reader); the
views of them drawn here are cached until the journal or settings change.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache

from ownpath.errors import UserInputError
from ownpath.insights.cache import insights_for
from ownpath.journal.services import episodes_for
from ownpath.options import services as options


def _journal_version(user) -> str:
    """The journal's state and the version of the prior its fits borrow from (both change the figures)."""
    from ownpath.journal.services import journal_state
    from ownpath.sharing.priors import organisation_prior_for, prior_version

    return f"{journal_state(user)}:{prior_version(organisation_prior_for(user))}"


def _cached(user, kind: str, since: dt.date | None, compute):
    key = f"ownpath:{kind}:{user.pk}:{since}:{_journal_version(user)}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 60 * 60)
    return value


def latest_entries(user, limit: int, since: dt.date | None = None, until: dt.date | None = None,
                   activity: str | None = None, offset: int = 0) -> tuple[list, int]:
    """`limit` of the person's entries (newest first, skipping `offset`) and how many match the filters."""
    episodes = episodes_for(user, since, until, activity)
    return list(episodes.order_by("-date", "-start_time", "-id")[offset:offset + limit]), episodes.count()


QUICK_PICKS = 6
QUICK_PICK_WINDOW = 300  # the latest entries the picks are drawn from


def quick_picks(user, count: int = QUICK_PICKS) -> list[dict]:
    """The activities a person is most likely to log next, each with its usual length in hours.

    The last activity logged first, then the most frequent among the latest entries; "usual"
    is the median of that activity's recent lengths, rounded to a quarter hour.
    """
    import statistics

    recent = list(episodes_for(user).order_by("-date", "-start_time", "-id")
                  .values_list("activity__slug", "activity__label", "hours")[:QUICK_PICK_WINDOW])
    if not recent:
        return []
    lengths: dict[str, list[float]] = {}
    labels: dict[str, str] = {}
    for slug, label, hours in recent:
        lengths.setdefault(slug, []).append(float(hours))
        labels[slug] = label
    ranked = [recent[0][0]] + sorted(lengths, key=lambda slug: -len(lengths[slug]))
    picks, seen = [], set()
    for slug in ranked:
        if slug in seen:
            continue
        seen.add(slug)
        usual = max(round(statistics.median(lengths[slug]) * 4) / 4, 0.25)
        picks.append({"slug": slug, "label": labels[slug], "hours": f"{usual:g}"})
    return picks[:count]


def entry_count(user) -> int:
    """How many entries the person's journal holds."""
    return episodes_for(user).count()


def _ladder(p_energizing: float) -> str:
    """The verdict ladder's words for "a week of this energizes you" (the page's one certainty wording)."""
    from ownpath.analytics.verdicts import verdict_for

    return verdict_for(p_energizing).short


def comparison_for(user) -> dict | None:
    """The `ownpath compare --json` data, or None when there are no options."""
    if not options.options_for(user).exists():
        return None
    try:
        return options.compare_json(user)
    except UserInputError:
        return None


def comparison_columns_for(user, comparison: dict | None) -> list[dict]:
    """The comparison as aligned columns for the page and the report (with each option's pay)."""
    from ownpath.web import present

    if not comparison:
        return []
    pay_of = dict(options.options_for(user).values_list("name", "pay"))
    return present.comparison_columns(comparison, pay_of)


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
        data = present.insights_view_data(insights, today=dt.date.today())
        # Only the page shows the context section: it may name people, the report must not.
        data["context"] = insights.get("context")
        data["prior"] = insights.get("prior")
        # The rendered section too: tables and charts only change when the journal does.
        data["body_html"] = mark_safe(render_to_string("web/partials/insights_body.html", data))
        return data

    return _cached(user, f"insights-view:{dt.date.today()}", None, compute)


def occupation_data_loaded() -> bool:
    """True when this database holds occupation data (the bundled data is loaded on first use)."""
    from ownpath.occupations.services import occupation_data_status

    return occupation_data_status()["loaded"]


def path_for(user) -> dict | None:
    """The person's path (`ownpath path show --json`), cached until their journal or path changes."""
    from ownpath.paths.services import get_path, path_summary

    path = get_path(user)
    if path is None:
        return None
    return _cached(user, f"path-{path.pk}-{path.updated_at.isoformat()}", None, lambda: path_summary(user))


def option_names(user) -> list[str]:
    """The names of the person's options (to offer one as a target)."""
    return list(options.options_for(user).values_list("name", flat=True))


FEEL_DRIVERS = 3


def occupation_feel(user, code: str) -> dict | None:
    """How a typical week in an occupation would feel for this person, from their own journal.

    Energy with its 90% interval, the share of its week the journal covers and the activities
    that drive it; None when the occupation has no activity profile, {"missing": ...} before
    the journal has entries.
    """
    from ownpath.analytics.forecast import level_words
    from ownpath.analytics.occupation_fit import predict_occupation
    from ownpath.insights.services import energy_effects_for
    from ownpath.journal.services import activity_labels
    from ownpath.occupations.services import get_occupation, occupation_profile

    profile = occupation_profile(get_occupation(code))
    if not profile or sum(profile.values()) <= 0:
        return None
    fit = energy_effects_for(user)
    if not fit.effects:
        return {"missing": "Log some work and how it felt: then this page says how this job would feel for you."}
    result = predict_occupation(code, profile, fit)
    labels = activity_labels(user)
    return {"energy": result.energy, "low": result.low, "high": result.high, "words": level_words(result.energy),
            "p_energizing": result.probability_energizing, "coverage": result.coverage,
            "verdict": _ladder(result.probability_energizing),
            "episodes": fit.n_episodes,
            "drivers": [{"label": labels.get(d.slug, d.slug), "share": d.share, "estimate": d.estimate,
                         "feeling": d.feeling, "logged": d.logged} for d in result.drivers[:FEEL_DRIVERS]]}
