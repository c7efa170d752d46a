"""Where a person's own insights get the organisation's pooled prior from, without importing team planning.

Team planning pools consenting colleagues' estimates (``team_planning.services.organisation_prior``)
and registers that function here when the app starts; insights, compare, paths and occupations
ask :func:`organisation_prior_for`.  With no provider (team planning not installed) or fewer than 5
consenting colleagues there is no organisation prior and the population prior is used.
:func:`prior_version` goes into every cache key of a fit, so caches change when the prior does.
"""

from __future__ import annotations

from collections.abc import Callable

_provider: Callable | None = None


def register(provider: Callable) -> None:
    """Set the function person -> PooledPrior | None (team planning's, at start-up)."""
    global _provider
    _provider = provider


def organisation_prior_for(person):
    """The pooled prior from the person's consenting colleagues (never their own data), or None."""
    return _provider(person) if _provider is not None else None


def prior_version(pooled) -> str:
    """The cache version of a fit with this pooled prior (None: the population prior)."""
    from ownpath.analytics.pooled_prior import population_version

    return pooled.version() if pooled is not None else population_version()
