"""Occupation pages: search (live and plain), one occupation, add it as an option, and the
person's fit ("roles that pay for what you love"); each says how to load O*NET when absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from ownpath.occupations.services import load_onet_release

pytestmark = pytest.mark.django_db

FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"
CREDIT = "O*NET"


@pytest.fixture
def onet():
    """The small hand-made O*NET release, loaded without pay."""
    return load_onet_release([FIXTURE_RELEASE], with_pay=False)


@pytest.mark.parametrize("url", ["/occupations/", "/occupations/?q=sales", "/occupations/11-2022.00/",
                                 "/occupations/fit/"])
def test_every_occupation_page_says_how_to_load_onet_when_none_is_loaded(owner_client, no_bundled_data, url):
    response = owner_client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "whoever runs this ownpath loads" in body and "data onet" not in body  # words, never a command


def test_adding_an_occupation_without_onet_loaded_says_how_to_load_it(owner_client, no_bundled_data):
    response = owner_client.post("/occupations/11-2022.00/add/", {"name": "Sales", "hours": "40"})
    assert response.status_code == 200 and "whoever runs this ownpath loads" in response.content.decode()


def test_search_ranks_occupations_with_scores_and_credits_onet(owner_client, onet):
    body = owner_client.get("/occupations/?q=regional+sales+director").content.decode()
    assert "Sales Managers" in body and "/occupations/11-2022.00/" in body
    assert body.index("Sales Managers") < body.index("</table>")
    assert "CC BY 4.0" in body and CREDIT in body
    assert 'hx-get="/occupations/"' in body  # live results as you type


def test_live_search_sends_only_the_results(owner_client, onet):
    response = owner_client.get("/occupations/?q=software+engineer", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="occupation-results"')
    assert "Software Developers" in body and "<html" not in body


def test_search_with_no_match_says_so(owner_client, onet):
    body = owner_client.get("/occupations/?q=zzqxv").content.decode()
    assert "No occupation matches" in body or "zzqxv" in body


def test_nav_links_to_occupations(owner_client):
    assert 'href="/occupations/"' in owner_client.get("/journal/").content.decode()


def test_occupation_page_shows_description_zone_week_values_interests_and_why_pay_is_missing(owner_client, onet):
    body = owner_client.get("/occupations/11-2022.00/").content.decode()
    assert "Sales Managers" in body and "Plan, direct, or coordinate" in body
    assert "Preparation needed" in body and "of 5" in body
    assert "no pay figure" in body and "pay not loaded with this occupation data" in body  # why pay is missing
    assert '<svg' in body and "hours a week" in body  # the chart and its table
    assert "Work values" in body and "Interests" in body
    assert "CC BY 4.0" in body
    assert 'value="Sales Managers"' in body  # the add-as-option form is prefilled


def test_a_soc_code_finds_its_occupation_and_an_unknown_code_is_404(owner_client, onet):
    assert "Sales Managers" in owner_client.get("/occupations/11-2022/").content.decode()
    assert owner_client.get("/occupations/99-9999.00/").status_code == 404


def test_add_as_option_prefills_the_mix_then_opens_the_option_to_adjust(owner_client, user, onet):
    from ownpath.options.services import get_option

    response = owner_client.post("/occupations/11-2022.00/add/", {"name": "Sales lead", "hours": "30"})
    assert response.status_code == 302 and response["Location"] == "/options/sales-lead/edit/?added=1"
    option = get_option(user, "Sales lead")
    assert sum(m.hours for m in option.mix.all()) == pytest.approx(30, abs=0.5)
    assert "Sales lead" in owner_client.get("/compare/").content.decode()


def test_add_as_option_with_a_bad_name_saves_nothing_and_says_why(owner_client, user, onet):
    from ownpath.options.services import options_for

    response = owner_client.post("/occupations/11-2022.00/add/", {"name": "", "hours": "40"})
    assert response.status_code == 400 and "1–120 characters" in response.content.decode()
    assert not options_for(user).exists()


def test_fit_without_journal_entries_says_what_is_missing(owner_client, onet):
    body = owner_client.get("/occupations/fit/").content.decode()
    assert "no journal entries yet" in body and "CC BY 4.0" in body


def test_fit_ranks_occupations_for_the_person_with_intervals_and_drivers(owner_client, user, onet, episode_factory):
    for day in range(6):
        episode_factory(activity="selling", hours=2, energy=2, date=dt.date(2026, 1, 5 + day))
        episode_factory(activity="building", hours=2, energy=-2, date=dt.date(2026, 1, 5 + day))
    body = owner_client.get("/occupations/fit/?min_pay=0").content.decode()
    assert "Based on 12 journal entries" in body and "still few" in body
    assert "Sales Managers" in body and " to " in body
    assert body.index("Sales Managers") < body.index("Software Developers")


def test_fit_refuses_bad_filters_by_name(owner_client, onet):
    response = owner_client.get("/occupations/fit/?min_pay=lots&job_zone=9")
    body = response.content.decode()
    assert response.status_code == 400 and "minimum pay must be a number" in body and "job zone must be 1–5" in body


def test_fit_is_the_logged_in_persons_own(onet, user, other_user, episode_factory):
    episode_factory(activity="selling", hours=2, energy=2, date=dt.date(2026, 1, 5))
    other = Client()
    other.force_login(other_user)
    assert "no journal entries yet" in other.get("/occupations/fit/").content.decode()


def test_occupation_pages_need_a_log_in(onet):
    visitor = Client()
    for url in ("/occupations/", "/occupations/11-2022.00/", "/occupations/fit/"):
        response = visitor.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_occupation_page_shows_the_pay_median_and_middle_half_when_published(owner_client, onet):
    from ownpath.occupations.models import Occupation

    Occupation.objects.filter(code="11-2022.00").update(pay_annual_median=148270, pay_annual_p25=100360,
                                                        pay_annual_p75=207340, pay_soc="11-2022", pay_note="")
    body = owner_client.get("/occupations/11-2022.00/").content.decode()
    assert "median $148,270" in body and "$100,360–$207,340" in body and "25th–75th" in body
    search = owner_client.get("/occupations/?q=sales+manager").content.decode()
    assert "148,270" in search


def test_an_occupation_without_tasks_offers_no_prefilled_option(owner_client, onet):
    from ownpath.occupations.models import OccupationActivity

    OccupationActivity.objects.filter(occupation__code="11-2022.00").delete()
    body = owner_client.get("/occupations/11-2022.00/").content.decode()
    assert "no activity mix to start from" in body and 'id="occ-name"' not in body


def test_going_back_to_a_live_search_restores_the_whole_page(owner_client, onet):
    response = owner_client.get("/occupations/?q=sales", HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert "<html" in response.content.decode()


def _journal_with_selling(episode_factory):
    start = dt.date.today() - dt.timedelta(days=30)
    for day in range(21):
        date = start + dt.timedelta(days=day)
        episode_factory(date=date, activity="selling", hours=3, energy=2)
        episode_factory(date=date, activity="managing", hours=2, energy=-2)


def test_occupation_page_says_how_the_job_would_feel_for_you(owner_client, onet, episode_factory):
    _journal_with_selling(episode_factory)
    body = owner_client.get("/occupations/11-2022.00/").content.decode()
    assert "How this would feel for you" in body
    assert "A typical week would be" in body and "90% interval" in body
    assert "What drives it:" in body and "of the week)" in body


def test_roles_list_rows_add_or_add_and_compare(owner_client, user, onet, episode_factory):
    from ownpath.options.services import options_for

    _journal_with_selling(episode_factory)
    body = owner_client.get("/occupations/fit/?min_pay=0").content.decode()
    assert body.count('value="compare"') >= 1 and body.count('value="edit"') >= 1
    response = owner_client.post("/occupations/11-2022.00/add/", {"name": "Sales Managers", "hours": "40",
                                                                   "then": "compare"})
    assert response.status_code == 302 and response["Location"] == "/compare/"
    assert options_for(user).filter(name="Sales Managers").exists()


def test_option_form_keeps_every_activity_of_an_occupation_with_names_and_money(owner_client, user, onet):
    from django.utils.html import escape

    from ownpath.options.services import get_option

    owner_client.post("/occupations/11-2022.00/add/", {"name": "Sales lead", "hours": "40"})
    option = get_option(user, "Sales lead")
    option.pay = 148270.0
    option.save()
    body = owner_client.get("/options/Sales%20lead/edit/?added=1").content.decode()
    count = option.mix.count()
    assert body.count('name="mix_activity_') >= count + 2
    for item in option.mix.select_related("activity"):
        assert f'value="{escape(item.activity.label)}"' in body
    assert 'value="148,270"' in body and "148270.0" not in body
    assert "It is saved." in body and "Leave it unchanged" in body
