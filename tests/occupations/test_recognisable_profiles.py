"""Occupation profiles people recognise: what holders of well-known jobs would say about their week.

Held against the activity profiles in the dataset shipped with ownpath (derived from O*NET
Tasks -> DWAs -> GWAs through ownpath.taxonomy), so it runs anywhere, without ../shared/data.
Each row: the occupation, activities that make up most of the week (with the least share
they take together), and activities its holders would call a small share (with the most).
"""

from __future__ import annotations

import pytest

from ownpath.occupations import reference_data

# code, what holders would say, {activities: at least this share together}, {activity: at most}
WEEKS = [
    ("15-1252.00", "software developers: building, designing and analysing; managing a small share",
     {("creating", "analysis", "building", "deciding", "planning", "meetings"): 0.55}, {"managing": 0.12, "selling": 0.02}),
    ("29-1141.00", "registered nurses: mostly caring for patients",
     {("caring",): 0.45}, {"selling": 0.02, "analysis": 0.05}),
    ("41-4012.00", "sales representatives: mostly selling and customers",
     {("selling", "customers", "negotiating"): 0.6}, {"managing": 0.08, "building": 0.05}),
    ("43-4051.00", "customer service representatives: mostly customers",
     {("customers", "selling"): 0.5}, {"managing": 0.06}),
    ("11-2022.00", "sales managers: managing people is the largest part",
     {("managing",): 0.25}, {"building": 0.05}),
    ("11-1021.00", "general and operations managers: mostly managing",
     {("managing",): 0.35}, {}),
    ("15-2051.00", "data scientists: analysing data, no managing",
     {("analysis",): 0.25}, {"managing": 0.03, "caring": 0.01}),
    ("47-2111.00", "electricians: hands-on building and checking",
     {("building", "monitoring"): 0.6}, {"managing": 0.05, "selling": 0.02}),
    ("29-1215.00", "family medicine physicians: mostly caring for patients",
     {("caring",): 0.35}, {"selling": 0.02}),
    ("53-3032.00", "truck drivers: driving and handling the load",
     {("travel", "building"): 0.45}, {"managing": 0.05}),
]


@pytest.fixture(scope="module")
def profiles():
    return {code: o.get("activities", {}) for code, o in reference_data.read_bundled()["occupations"].items()}


@pytest.mark.parametrize("code, said, most, small", WEEKS, ids=[row[1].split(":")[0] for row in WEEKS])
def test_derived_week_matches_what_holders_would_say(profiles, code, said, most, small):
    shares = profiles[code]
    assert sum(shares.values()) == pytest.approx(1.0, abs=1e-4)
    for activities, at_least in most.items():
        together = sum(shares.get(slug, 0.0) for slug in activities)
        assert together >= at_least, f"{said}: {'+'.join(activities)} is {together:.0%}, expected ≥ {at_least:.0%}"
    for slug, at_most in small.items():
        assert shares.get(slug, 0.0) <= at_most, f"{said}: {slug} is {shares.get(slug, 0.0):.0%}, expected ≤ {at_most:.0%}"


def test_coordinating_the_work_of_others_is_meetings_and_coordination_not_managing():
    from ownpath.taxonomy import activity_for_dwa, activity_for_gwa

    assert activity_for_gwa("4.A.4.b.1") == "meetings"
    assert activity_for_gwa("4.A.4.b.4.I06.D04") == "meetings"  # Coordinate software or hardware installation
    assert activity_for_gwa("4.A.4.b.4.I01.D07") == "managing"  # Supervise information technology personnel
    assert activity_for_dwa("4.A.4.a.1.I01.D05", "Explain technical product information to customers.") == "customers"
    assert activity_for_dwa("4.A.4.a.7.I02.D07", "Negotiate prices or other sales terms.") == "negotiating"
