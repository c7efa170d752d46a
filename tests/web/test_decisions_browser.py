"""In Chromium, by keyboard, on a phone and a laptop: an admin imports a career ladder and corrects it;
a software engineer chooses what "product manager" means. Screenshots: test-artifacts/screenshots/decisions-*.png.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.test_browser import CHROMIUM, SCREENSHOTS, page  # noqa: F401 (the Chromium page fixture)
from tests.web.test_team_planning_browser import PASSWORD, _log_in, _tab_to

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
LADDER = Path(__file__).resolve().parents[1] / "fixtures" / "ladders" / "northwind_engineering.md"


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_an_admin_imports_a_ladder_and_corrects_an_expectation_by_keyboard(page, live_server,  # noqa: F811
                                                                          django_user_model, width, height):
    from ownpath.teams import services as teams

    admin = django_user_model.objects.create_user("ada", password=PASSWORD)
    organisation = teams.create_organisation(admin, "Northwind")
    page.set_viewport_size({"width": width, "height": height})
    base = live_server.url
    _log_in(page, base, "ada")
    page.goto(f"{base}/planning/orgs/{organisation.pk}/roles/")
    page.set_input_files("#ladder_file", str(LADDER))
    _tab_to(page, "Import the ladder", limit=80)
    with page.expect_navigation(timeout=60_000):  # trains the classifier: seconds on a busy machine
        page.keyboard.press("Enter")
    assert page.locator("h2", has_text="Engineering manager").is_visible()
    text = page.inner_text("body")
    assert "Imported 3 role profiles" in text and "{'" not in text
    select = page.locator("select[name='expectation_2']").first
    select.focus()
    select.select_option("building")
    with page.expect_navigation():
        page.locator("button", has_text="Save the corrected activities").first.press("Enter")
    assert "The role's activities are corrected" in page.inner_text("body")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENSHOTS / f"decisions-ladder-{width}.png"), full_page=True)


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_a_software_engineer_chooses_what_product_manager_means_by_keyboard(page, live_server,  # noqa: F811
                                                                           django_user_model, width, height):
    import datetime as dt

    from ownpath.journal.models import Activity, Episode

    me = django_user_model.objects.create_user("eng", password=PASSWORD)
    building = Activity.objects.get(owner__isnull=True, slug="building")
    Episode.objects.bulk_create([Episode(user=me, date=dt.date.today() - dt.timedelta(days=d), activity=building,
                                         hours=6, energy=1, skill=4) for d in range(1, 30)])
    page.set_viewport_size({"width": width, "height": height})
    base = live_server.url
    _log_in(page, base, "eng")
    page.goto(f"{base}/path/")
    page.focus("#path-target")
    page.keyboard.type("product manager")
    with page.expect_navigation(timeout=60_000):  # the first title search loads the occupations
        page.keyboard.press("Enter")
    assert page.locator("#path-candidates").is_visible()
    text = page.inner_text("body")
    assert "Computer and Information Systems Managers" in text and "ownpath " not in text
    page.screenshot(path=str(SCREENSHOTS / f"decisions-path-candidates-{width}.png"), full_page=True)
    page.locator("input[value='11-3021.00']").check()
    with page.expect_navigation():
        page.locator("button", has_text="Set this target").press("Enter")
    assert page.locator("h2", has_text="Towards Computer and Information Systems Managers").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
