"""In real Chromium: the demo conversation as the person (answer and share without a reload), then,
through the local demo switch, as the manager, who sees only what was shared. Screenshots at phone
and desktop sizes go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from tests.web.test_browser import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]


@pytest.fixture
def demo_workplace(transactional_db, settings):
    """The quickstart's demo: a journal and the workplace around the local user, in local mode."""
    from ownpath.demo.services import fill_demo_journal
    from ownpath.demo.workplace import fill_demo_workplace
    from ownpath.journal.services import local_user

    settings.OWNPATH_LOCAL_MODE = True
    person = local_user()
    fill_demo_journal(person, "research_analyst", weeks=12)
    return fill_demo_workplace(person)


@pytest.fixture
def browser_context(monkeypatch, live_server):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        outside = []

        def new_page(width: int, height: int):
            context = browser.new_context(viewport={"width": width, "height": height})
            context.route(re.compile(r"^(?!" + re.escape(live_server.url) + ").*"),
                          lambda route: (outside.append(route.request.url), route.abort()))
            page = context.new_page()
            page.set_default_timeout(10_000)
            return page

        yield new_page
        browser.close()
    assert not outside, f"pages tried to load from outside: {outside}"


def test_the_person_shares_one_answer_and_the_manager_sees_only_that(demo_workplace, browser_context, live_server):
    page = browser_context(1366, 900)
    base = live_server.url
    coming = demo_workplace["conversations"][1]
    page.goto(f"{base}/conversations/")
    page.click(f"a[href='/conversations/{coming}/']")
    page.evaluate("window.__sameDocument = true")
    drains = page.locator("li", has=page.locator("h3", has_text="What drains you?"))
    drains.locator("textarea").fill("Running the intern rota. I would hand it over.")
    drains.locator("input[type=checkbox]").check()
    drains.locator("button", has_text="Save answer").click()
    page.locator("li", has=page.locator("h3", has_text="What drains you?")).locator(
        "text=Shared with maya.").wait_for()
    assert page.evaluate("window.__sameDocument") is True  # saved by htmx, no reload
    page.screenshot(path=str(SCREENSHOTS / "conversation-person-1366.png"), full_page=True)

    page.click("button:has-text('maya (their manager)')")
    page.wait_for_selector("text=You are local's manager")
    body = page.inner_text("main")
    assert "Running the intern rota. I would hand it over." in body
    assert "Principal researcher, not head of the group" not in body  # still private
    assert "local answered this privately" in body
    page.fill("#note-text", "Let's find who takes the rota.")
    page.click("button:has-text('Add shared note')")
    page.locator("#notes").locator("text=Let's find who takes the rota.").wait_for()
    page.screenshot(path=str(SCREENSHOTS / "conversation-manager-1366.png"), full_page=True)

    phone = browser_context(390, 844)
    phone.goto(f"{base}/conversations/{coming}/")
    phone.screenshot(path=str(SCREENSHOTS / "conversation-390.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_keyboard_only_adds_an_agenda_item(demo_workplace, browser_context, live_server):
    page = browser_context(1366, 900)
    coming = demo_workplace["conversations"][1]
    page.goto(f"{live_server.url}/conversations/{coming}/")
    page.focus("#agenda-text")
    page.keyboard.type("Parental leave cover in March")
    page.keyboard.press("Enter")
    page.locator("#agenda h3", has_text="Parental leave cover in March").wait_for()
