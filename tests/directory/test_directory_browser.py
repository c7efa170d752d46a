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


def _check_both_sizes(page, name: str) -> list[str]:
    """The page's promises at phone and at laptop size (screenshots kept), back at phone size after."""
    problems = []
    for size_name, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        problems += check_page(page, name, size_name)
    return problems


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
        problems += _check_both_sizes(page, "directory")

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
        problems += _check_both_sizes(page, "directory-org-chart-preview")
        page.get_by_role("button", name="Apply these changes").focus()
        page.keyboard.press("Enter")
        page.get_by_text("Org chart applied: 6 joined").wait_for()

        page.goto(f"{live_server.url}/orgs/{acme.pk}/audit/")
        assert "dana.whitfield joined team Sales as manager" in page.inner_text("main")
        problems += _check_both_sizes(page, "audit-log")

    sam = django_user_model.objects.get(email="sam.lindqvist@acme.example")
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, sam)
        page = context.new_page()
        page.set_default_timeout(90_000)  # a busy machine; correctness does not depend on speed
        page.goto(f"{live_server.url}/account/audit/")
        assert "sam.lindqvist's manager in team Sales is now dana.whitfield" in page.inner_text("main")
        problems += _check_both_sizes(page, "my-audit")
    assert not problems, problems
