"""Fixtures for team planning: the Acme organisation with journals, role profiles and consent."""

from __future__ import annotations

import datetime as dt

import pytest

# The journals end on the last Sunday before today, so they hold whole calendar weeks whatever the
# weekday the tests run on (the figures of the last 12 weeks with entries depend on it).
END = dt.date.today() - dt.timedelta(days=dt.date.today().isoweekday() % 7 or 7)

SALES_EXPERT = {"selling": 14, "customers": 12, "negotiating": 5, "relationships": 4, "admin": 3, "meetings": 2}
SALES_MANAGER = {"managing": 12, "coaching": 6, "meetings": 8, "planning": 5, "admin": 5, "selling": 4}


@pytest.fixture
def journal():
    """Fill a person's journal with a demo persona (12 weeks ending on the last Sunday)."""
    from ownpath.demo.services import fill_demo_journal

    def fill(person, persona_key, seed=3):
        fill_demo_journal(person, persona_key, weeks=12, seed=seed, end=END)
        return person

    return fill


@pytest.fixture
def consent():
    """Share ``team_planning`` (consent to team planning) with an audience; returns the share."""
    from ownpath.sharing import services as sharing

    def give(person, audience="manager"):
        return sharing.share(person, "team_planning", audience)

    return give


@pytest.fixture
def sales_roles(org):
    """The organisation's expert and manager role profiles for sales."""
    from ownpath.team_planning import services as planning

    return (planning.add_role_profile(org.admin, org.acme, "Senior account executive", "expert", level=3,
                                      weekly_hours=SALES_EXPERT),
            planning.add_role_profile(org.admin, org.acme, "Sales manager", "manager", level=3,
                                      weekly_hours=SALES_MANAGER))


@pytest.fixture
def known_journal():
    """A journal with known truth: {activity: (energy mean, skill mean, hours a week)} over 12 weeks.

    Two entries a week per activity, energy and skill rounded from the mean plus a little
    deterministic noise, so each effect is estimated clearly but not exactly.
    """
    from ownpath.journal.models import Activity, Episode

    def fill(person, truth, weeks=12, end=END):
        activities = {a.slug: a for a in Activity.objects.filter(owner__isnull=True, slug__in=list(truth))}
        noise = (-1, 0, 1, 0, 0, 1, -1, 0)
        rows, k = [], 0
        for week in range(weeks):
            for slug, (energy, skill, hours) in truth.items():
                for half in (0, 3):
                    day = end - dt.timedelta(days=7 * week + half + 1)
                    k += 1
                    rows.append(Episode(user=person, date=day, activity=activities[slug], hours=hours / 2,
                                        energy=max(-2, min(2, round(energy + 0.6 * noise[k % 8]))),
                                        skill=max(1, min(5, round(skill + 0.6 * noise[(k + 3) % 8])))))
        Episode.objects.bulk_create(rows)
        return person

    return fill
