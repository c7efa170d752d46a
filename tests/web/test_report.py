"""The report: one self-contained, printable HTML file from the CLI and from the page."""

from __future__ import annotations

import datetime as dt
import re

import pytest

pytestmark = pytest.mark.django_db


def _assert_self_contained(html: str) -> None:
    assert html.startswith("<!doctype html>")
    assert "<style>" in html and "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html), "the report must not load anything"
    assert not re.search(r'<link[^>]+stylesheet', html)


def test_report_command_writes_a_self_contained_file_with_charts(cli, local_user, tmp_path):
    from ownpath.journal.services import log_episode

    for day in range(1, 8):
        log_episode(local_user, {"date": dt.date.today() - dt.timedelta(days=day), "activity": "research",
                                 "hours": 2, "energy": 2, "skill": 4})
        log_episode(local_user, {"date": dt.date.today() - dt.timedelta(days=day), "activity": "managing",
                                 "hours": 1, "energy": -1, "skill": 3})
    target = tmp_path / "report.html"
    result = cli("report", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    _assert_self_contained(html)
    assert html.count('role="img"') >= 3
    assert "Research &amp; investigating" in html and "Report for local" in html


def test_report_command_names_an_unwritable_path(cli, tmp_path):
    result = cli("report", "-o", str(tmp_path / "missing-dir" / "r.html"))
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_report_page_renders_the_same_document_and_offers_a_download(owner_client, episode_factory):
    episode_factory(activity="writing", energy=1)
    page = owner_client.get("/report/")
    _assert_self_contained(page.content.decode())
    download = owner_client.get("/report/?download=1")
    assert download["Content-Disposition"].startswith('attachment; filename="ownpath-report-')
