"""In Chromium: a person writes their own words, previews and shares one item by keyboard; their
manager sees exactly that on the team page; after a revoke the manager gets 404.

Screenshots (1366×900 and 390×844) go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import pytest

from tests.web.test_browser import CHROMIUM, SCREENSHOTS, page  # noqa: F401  (the browser fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]


def _log_in(page, base: str, username: str, password: str) -> None:  # noqa: F811
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/journal/")


def test_share_by_keyboard_the_manager_sees_it_and_a_revoke_hides_it(page, live_server, org):  # noqa: F811
    base = live_server.url
    _log_in(page, base, "alex", "correct horse battery staple")
    page.click("nav summary:has-text('More')")  # Team & sharing is under "More" in the grouped menu
    page.click("nav >> text=Team & sharing")
    page.click("main a[href='/sharing/']")
    page.fill("#want_from_role", "Two research days a week")
    page.click("text=Save my words")
    preview_link = page.locator("a:has-text('Preview')").filter(has_text="What I want out of my role")
    preview_link.click()
    # The preview arrives by HTMX into the page (no reload): wait for it to land.
    page.locator("#preview", has_text="Two research days a week").wait_for()
    assert page.url.endswith("/sharing/")
    # Keyboard only: focus the mode choice for this item and my manager, Tab to its Share button, Enter.
    page.focus("#mode-want_from_role-manager")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Shared “What I want out of my role” with my manager")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / "teams-sharing-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "teams-sharing-390.png"), full_page=True)

    page.context.clear_cookies()
    _log_in(page, base, "mia", "long enough passphrase 1")
    page.goto(f"{base}/team/manage/")
    assert "Two research days a week" in page.inner_text("main")
    page.set_viewport_size({"width": 1366, "height": 900})
    page.screenshot(path=str(SCREENSHOTS / "teams-manager-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "teams-manager-390.png"), full_page=True)

    page.context.clear_cookies()
    _log_in(page, base, "alex", "correct horse battery staple")
    page.goto(f"{base}/sharing/")
    assert "mia" in page.inner_text("#log-h + .table-scroll table")
    page.click("button:has-text('Stop sharing')")
    page.context.clear_cookies()
    _log_in(page, base, "mia", "long enough passphrase 1")
    response = page.goto(f"{base}/team/people/{org.owner.pk}/")
    assert response.status == 404
