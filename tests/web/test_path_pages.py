"""The path page, its section on the insights page and in the report."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db
FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@pytest.fixture
def with_journal(user, episode_factory):
    from ownpath.occupations.services import load_onet_release

    load_onet_release([FIXTURE_RELEASE])
    for day in range(1, 15):
        episode_factory(date=dt.date.today() - dt.timedelta(days=day), activity="analysis", hours=3, energy=1, skill=4)
    return user


def test_setting_a_target_on_the_page_shows_the_gap_steps_and_milestones(owner_client, with_journal):
    response = owner_client.post("/path/set/", {"target": "sales manager", "years": "3"})
    assert response.status_code == 302 and response["Location"] == "/path/"
    body = owner_client.get("/path/").content.decode()
    assert "Towards Sales Managers" in body and 'id="path-gaps"' in body and "Customer &amp; client work" in body
    assert "Stretch work in your current role" in body and body.count("<td class=\"num\">") > 12
    assert 'id="path-milestones"' in body and "CC BY 4.0" in body


def test_an_unknown_target_answers_400_with_the_reason_on_the_form(owner_client, with_journal):
    response = owner_client.post("/path/set/", {"target": "xqzv wplk", "years": "5"})
    assert response.status_code == 400 and 'id="path-error"' in response.content.decode()
    response = owner_client.post("/path/set/", {"target": "sales manager", "years": "ninety"})
    assert response.status_code == 400 and "whole number of years" in response.content.decode()


def test_the_path_shows_on_the_insights_page_and_in_the_report(owner_client, with_journal):
    owner_client.post("/path/set/", {"target": "sales manager"})
    assert 'id="path-section"' in owner_client.get("/insights/").content.decode()
    assert "Your path to Sales Managers" in owner_client.get("/report/").content.decode()


def test_clearing_the_path_removes_it_and_another_person_never_sees_it(owner_client, other_client, with_journal):
    owner_client.post("/path/set/", {"target": "sales manager"})
    assert "Sales Managers" not in other_client.get("/path/").content.decode()
    owner_client.post("/path/clear/")
    assert 'id="path-none"' in owner_client.get("/path/").content.decode()


def test_path_templates_have_no_inline_script_style_or_handlers():
    folder = Path(__file__).resolve().parents[2] / "src" / "ownpath" / "web" / "templates" / "web"
    for name in ("path.html", "partials/path_summary.html", "partials/path_section.html"):
        text = (folder / name).read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)|<style|\sstyle=|\son[a-z]+=", text), name


def test_an_ambiguous_title_shows_its_occupations_to_choose_and_the_choice_is_kept(owner_client, user, episode_factory):
    for day in range(1, 15):
        episode_factory(date=dt.date.today() - dt.timedelta(days=day), activity="building", hours=5, energy=1, skill=4)
    page = owner_client.post("/path/set/", {"target": "product manager", "years": "5"}).content.decode()
    assert 'id="path-candidates"' in page and "Computer and Information Systems Managers" in page
    assert 'value="11-3021.00"' in page and "ownpath " not in page  # a form to choose, never a command
    response = owner_client.post("/path/set/", {"target": "product manager", "years": "5", "choice": "11-3021.00"})
    assert response.status_code == 302
    body = owner_client.get("/path/").content.decode()
    assert "Towards Computer and Information Systems Managers" in body and "may also mean" in body
