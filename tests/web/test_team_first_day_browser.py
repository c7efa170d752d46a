"""A team's first day in Chromium, with real accounts and mostly by keyboard: an admin creates an
organisation and invites five people with labelled links; each signs up from their link (log-in →
"Create an account" → back to the invitation) and lands in the team; a person prepares three answers
and shares two; the manager goes from the team page to the person's track fit and on to the next
conversation. Screenshots at 390×844 and 1366×900 go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conversations.test_browser import browser_context  # noqa: F401 (fixture)
from tests.web.test_browser import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
PASSWORD = "a long unusual phrase 42"
PEOPLE = [("dana", "manager", "Dana, sales director"), ("raj", "member", "Raj, account executive"),
          ("chloe", "member", "Chloe, Berlin office"), ("tom", "member", "Tom, inside sales"),
          ("kai", "member", "Kai, new graduate")]


def _sign_up(page, base: str, username: str, next_path: str = "") -> None:
    """From the sign-up page (``next`` already in it): fill the form by keyboard and send it."""
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(f"{username}@example.com")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def _shoot(page, name: str) -> None:
    width = page.viewport_size["width"]
    page.screenshot(path=str(SCREENSHOTS / f"first-day-{name}-{width}.png"), full_page=True)
    assert _fits(page), f"{name} scrolls sideways at {width}px"


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)])
def test_a_teams_first_day(transactional_db, browser_context, live_server, size):  # noqa: F811
    base = live_server.url
    admin = browser_context(*size)
    admin.goto(f"{base}/signup/")
    _sign_up(admin, base, "ada")
    admin.goto(f"{base}/team/")
    admin.focus("#org-name")
    admin.keyboard.type("Northwind Sales")
    with admin.expect_navigation():
        admin.keyboard.press("Enter")
    admin.focus("#team-name")
    admin.keyboard.type("Sales")
    with admin.expect_navigation():
        admin.keyboard.press("Enter")
    links = {}
    for username, role, label in PEOPLE:
        admin.select_option("#invite-role", role)
        admin.select_option("#invite-team", label="Sales")
        admin.fill("#invite-label", label)
        admin.fill("#invite-note", f"Welcome, {username}: our first 1:1s are next week.")
        with admin.expect_navigation():
            admin.click("button:has-text('Invite')")
        links[username] = admin.input_value("#new-link")
    page_text = admin.inner_text("main")
    for _, _, label in PEOPLE:
        assert label in page_text  # five links told apart, each still there to copy
    assert admin.locator("input.copy-field").count() == 6
    _shoot(admin, "admin")

    people = {}
    for username, role, _ in PEOPLE:
        page = browser_context(*size)
        page.goto(links[username])
        assert "/login/?next=/join/" in page.url
        assert "ada invites you to Northwind Sales as" in page.inner_text("main")
        with page.expect_navigation():
            page.click("a:has-text('Create an account')")
        assert f"Welcome, {username}: our first 1:1s are next week." in page.inner_text("main")
        if username == "raj":
            _shoot(page, "signup")
        _sign_up(page, base, username)
        assert page.url == links[username]  # back at the invitation
        page.focus("main form button")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == f"{base}/team/"
        assert f"{role.capitalize()} of Sales" in page.inner_text("main")
        people[username] = page

    # The manager plans a recurring conversation with raj from the team page.
    dana = people["dana"]
    dana.goto(f"{base}/team/manage/")
    first = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    rows = dana.locator("form:has(input[name=person])")
    raj_form = rows.filter(has=dana.locator("label", has_text="with raj"))
    raj_id = raj_form.locator("input[name=person]").get_attribute("value")
    raj_form.locator("input[type=date]").fill(first)
    raj_form.locator("select").select_option("2")
    with dana.expect_navigation():
        raj_form.locator("button").click()
    conversation_url = dana.url
    assert "/conversations/" in conversation_url

    # raj prepares three answers, shares two, and shares his track fit with his manager.
    raj = people["raj"]
    raj.goto(conversation_url)
    answers = {"What energizes you in your work?": ("Closing with a new client after a long pitch.", True),
               "What drains you?": ("Weekly forecast spreadsheets.", False),
               "What do you want out of this role?": ("Stay a seller; coach the new graduates.", True)}
    for question, (text, shared) in answers.items():
        item = raj.locator("li", has=raj.locator("h3", has_text=question))
        item.locator("textarea").fill(text)
    for question, (text, shared) in answers.items():
        item = raj.locator("li", has=raj.locator("h3", has_text=question))
        if shared:
            item.locator("input[type=checkbox]").check()
        item.locator("button", has_text="Save answer").focus()
        raj.keyboard.press("Enter")
        raj.locator("li", has=raj.locator("h3", has_text=question)).locator(
            "text=Shared with dana." if shared else "text=Private: only you see it.").wait_for()
    for question, (text, _) in answers.items():  # all three still there after the three saves
        assert raj.locator("li", has=raj.locator("h3", has_text=question)).locator("textarea").input_value() == text
    _shoot(raj, "person-answers")
    raj.goto(f"{base}/sharing/")
    raj.focus("#mode-track_fit-manager")
    raj.keyboard.press("Tab")
    with raj.expect_navigation():
        raj.keyboard.press("Enter")

    # The manager: team page → raj's track fit → back → the next conversation, which shows the shared two.
    dana.goto(f"{base}/team/manage/")
    _shoot(dana, "manager-team")
    with dana.expect_navigation():
        dana.click("text=raj's track fit")
    assert dana.url == f"{base}/planning/people/{raj_id}/track-fit/"
    assert "raj's track fit" in dana.inner_text("h1")
    dana.go_back()
    with dana.expect_navigation():
        dana.click("text=Next conversation with raj")
    assert dana.url == conversation_url
    body = dana.inner_text("main")
    assert "Closing with a new client after a long pitch." in body and "Stay a seller" in body
    assert "Weekly forecast spreadsheets." not in body and "raj answered this privately" in body
    dana.select_option("#conv-status", "held")
    with dana.expect_navigation():
        dana.click("button:has-text('Update status')")
    next_link = dana.locator("a", has_text="Next conversation:")
    assert (dt.date.today() + dt.timedelta(days=16)).isoformat() in next_link.inner_text()
    _shoot(dana, "manager-conversation")
