"""In Chromium, by keyboard: an admin creates a SCIM token, previews and applies an org chart, reads the audit
log; a person reads what was done about them. Every page checked at phone and laptop size (axe, no sideways
scroll) with screenshots kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.browser_support import LAPTOP, PHONE, check_page, chromium_context, log_in
from tests.web.test_browser import CHROMIUM

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")]

WORKDAY = Path(__file__).resolve().parents[1] / "fixtures" / "org_chart" / "workday.csv"


@pytest.fixture
def acme(user, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from ownpath.teams import services as teams

    return teams.create_organisation(user, "Acme")


def test_an_admin_connects_the_directory_and_applies_an_org_chart_by_keyboard(live_server, user, acme,
                                                                             django_user_model):
    problems = []
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, user)
        page = context.new_page()
        page.set_default_timeout(90_000)  # a busy machine; correctness does not depend on speed
        page.goto(f"{live_server.url}/orgs/{acme.pk}/admin/")
        page.get_by_role("link", name="Connect the company directory").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/orgs/{acme.pk}/directory/")
        problems += check_page(page, "directory", "phone")

        page.focus("#token-name")
        page.keyboard.type("Entra ID")
        page.keyboard.press("Enter")
        key = page.locator("#new-key").inner_text()
        assert key.startswith("opscim_")

        page.set_input_files("#chart-file", str(WORKDAY))  # the one step a file dialog takes
        page.focus("#chart-create-teams")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.get_by_text("6 join").wait_for()
        problems += check_page(page, "directory-org-chart-preview", "phone")
        page.get_by_role("button", name="Apply these changes").focus()
        page.keyboard.press("Enter")
        page.get_by_text("Org chart applied: 6 joined").wait_for()

        page.set_viewport_size(LAPTOP)
        page.goto(f"{live_server.url}/orgs/{acme.pk}/audit/")
        assert "dana.whitfield joined team Sales as manager" in page.inner_text("main")
        problems += check_page(page, "audit-log", "laptop")

    sam = django_user_model.objects.get(email="sam.lindqvist@acme.example")
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, sam)
        page = context.new_page()
        page.set_default_timeout(90_000)  # a busy machine; correctness does not depend on speed
        page.goto(f"{live_server.url}/account/audit/")
        assert "sam.lindqvist's manager in team Sales is now dana.whitfield" in page.inner_text("main")
        problems += check_page(page, "my-audit", "phone")
    assert not problems, problems
