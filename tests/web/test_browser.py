"""In a real browser (Debian's Chromium through Playwright): sign up, log three entries without a
page reload, see them in insights, add two options and see the comparison.

Screenshots of every page go to test-artifacts/screenshots/ for review.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                       "(apt-get install chromium; .ci/run installs it)"),
]


@pytest.fixture
def page(monkeypatch, live_server):
    """A fresh Chromium page; Playwright's sync API runs an event loop, which Django would refuse."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        # Any request leaving the test server would be an asset fetched from the internet.
        outside = []
        context.route(re.compile(r"^(?!" + re.escape(live_server.url) + ").*"),
                      lambda route: (outside.append(route.request.url), route.abort()))
        page = context.new_page()
        page.set_default_timeout(10_000)
        # Chromium reports each thing the Content-Security-Policy blocked on the console.
        blocked = []
        page.on("console", lambda message: blocked.append(f"{page.url}: {message.text[:120]} "
                                                          f"({message.location.get('url')}:"
                                                          f"{message.location.get('lineNumber')})")
                if "Content Security Policy" in message.text else None)
        page.csp_violations = blocked
        yield page
        browser.close()
    assert not outside, f"pages tried to load from outside: {outside}"
    assert not blocked, f"the Content-Security-Policy blocked: {blocked}"


def _shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _log(page, activity: str, hours: str, face: str, skill: str | None = None, note: str = "") -> None:
    page.fill("#f-activity", activity)
    page.fill("#f-hours", hours)
    page.locator(".face-choice", has_text=face).click()
    if skill or note:
        details = page.locator("details.more")
        if not details.get_attribute("open"):
            details.locator("summary").click()
        if skill:
            page.select_option("#f-skill", skill)
        if note:
            page.fill("#f-note", note)
    page.click("text=Save entry")


def _sign_up(page, base: str, username: str) -> None:
    page.goto(f"{base}/signup/")
    page.fill("#id_username", username)
    page.fill("#id_password1", "a long unusual phrase 42")
    page.fill("#id_password2", "a long unusual phrase 42")
    _shot(page, "01-sign-up")
    page.click("button:has-text('Sign up')")
    page.wait_for_url(f"{base}/welcome/")  # day one: the welcome (what ownpath does, the weekly target)
    page.goto(f"{base}/journal/")


def test_sign_up_log_three_entries_without_reload_and_see_them_in_insights(page, live_server):
    base = live_server.url
    _sign_up(page, base, "robin")
    page.evaluate("window.__sameDocument = true")
    _log(page, "research", "2", "energized", skill="4", note="survey sources")
    page.wait_for_selector("#log-status:has-text('Saved')")
    _log(page, "Managing people", "1", "drained", skill="3")
    page.wait_for_selector("#log-status:has-text('Managing people')")
    _log(page, "writing", "1.5", "good")
    page.wait_for_selector("#log-status:has-text('Writing')")
    assert page.evaluate("window.__sameDocument") is True, "the quick log reloaded the page"
    assert page.locator("#entries tr").count() == 3
    assert page.inner_text("#entry-count").startswith("3 entries")
    _shot(page, "02-journal-three-entries")

    _log(page, "research", "30", "good")
    page.wait_for_selector("#e-hours")
    assert "at most 24" in page.inner_text("#e-hours")
    assert page.locator("#entries tr").count() == 3
    _shot(page, "03-quick-log-refuses-bad-hours")

    page.goto(f"{base}/insights/")
    body = page.inner_text("main")
    assert "3 entries" in body
    for label in ("Research & investigating", "Managing people", "Writing & documenting"):
        assert label in body
    # Effects and growth/required shares; the weekly charts wait for the first finished week.
    assert page.locator("svg[role=img]").count() >= 2
    _shot(page, "04-insights")

    page.goto(f"{base}/report/")
    assert "What your work journal says" in page.inner_text("h1")
    _shot(page, "05-report")


def test_add_two_options_and_see_the_comparison(page, live_server):
    base = live_server.url
    _sign_up(page, base, "casey")
    for logged, (activity, hours, face) in enumerate((("research", "3", "energized"), ("managing", "2", "drained"),
                                                      ("writing", "2", "good")), start=1):
        _log(page, activity, hours, face)
        page.wait_for_selector(f"#entry-count:has-text('{logged} entr')")

    page.goto(f"{base}/options/new/")
    page.fill("#o-name", "Senior analyst")
    page.check("input[name=current]")
    page.fill("#o-pay", "70000")
    for i, (activity, hours) in enumerate((("research", "20"), ("writing", "10"), ("managing", "2"))):
        page.fill(f"#mix-a-{i}", activity)
        page.fill(f"#mix-h-{i}", hours)
    _shot(page, "06-add-option")
    page.click("button:has-text('Add option')")
    page.wait_for_url(f"{base}/options/")

    page.goto(f"{base}/options/new/")
    page.fill("#o-name", "Head of research")
    page.fill("#o-pay", "95000")
    page.select_option("#o-setby", "expected")
    for i, (activity, hours) in enumerate((("managing", "20"), ("meetings", "12"), ("research", "4"))):
        page.fill(f"#mix-a-{i}", activity)
        page.fill(f"#mix-h-{i}", hours)
    page.click("button:has-text('Add option')")
    page.wait_for_url(f"{base}/options/")
    assert "Head of research" in page.inner_text("main")
    _shot(page, "07-options")

    page.goto(f"{base}/compare/")
    columns = page.locator("table.compare-table thead th")
    assert columns.count() == 2
    text = page.inner_text("main")
    assert "Senior analyst" in text and "Head of research" in text
    assert "Predicted energy" in text and page.locator(".compare-wide details.why").count() == 2
    _shot(page, "08-compare")

    page.goto(f"{base}/values/")
    for place, value in enumerate(("learning", "mentorship", "autonomy"), start=1):
        page.select_option(f"#pick_{place}", value)
    page.click("button:has-text('Save my order')")
    page.wait_for_url(f"{base}/values/")
    assert "Question 1 of about 3" in page.inner_text("main")
    page.click(".choices button >> nth=0")
    page.wait_for_url(f"{base}/values/")
    assert "Question 2 of about" in page.inner_text("main")
    _shot(page, "09-values")


def test_search_an_occupation_add_it_as_an_option_and_see_it_in_the_comparison(page, live_server):
    from ownpath.occupations.services import load_onet_release

    load_onet_release([Path(__file__).resolve().parents[1] / "fixtures" / "onet"], with_pay=False)
    base = live_server.url
    _sign_up(page, base, "sam")
    for logged, (activity, hours, face) in enumerate((("selling", "3", "energized"), ("customers", "2", "good"),
                                                      ("analysis", "2", "drained")), start=1):
        _log(page, activity, hours, face)
        page.wait_for_selector(f"#entry-count:has-text('{logged} entr')")

    page.click("nav >> text=Occupations")
    page.wait_for_url(f"{base}/occupations/")
    page.evaluate("window.__sameDocument = true")
    page.type("#occupation-q", "regional sales director", delay=20)
    page.wait_for_selector("#occupation-results a:has-text('Sales Managers')")
    assert page.evaluate("window.__sameDocument") is True, "the live search reloaded the page"
    assert "CC BY 4.0" in page.inner_text("#occupation-results")
    _shot(page, "10-occupation-search")

    page.click("#occupation-results a:has-text('Sales Managers')")
    page.wait_for_url(f"{base}/occupations/11-2022.00/")
    text = page.inner_text("main")
    assert "Where a 40-hour week goes" in text and "CC BY 4.0" in text
    assert page.locator("svg[role=img]").count() == 1
    _shot(page, "11-occupation")

    page.fill("#occ-name", "Sales manager role")
    page.fill("#occ-hours", "45")
    page.click("button:has-text('Add as option')")
    page.wait_for_url(re.compile(r".*/options/sales-manager-role/edit/\?added=1$"))
    assert page.input_value("#o-name") == "Sales manager role"
    assert "Added Sales manager role to your options" in page.inner_text("main")
    prefilled = {page.input_value(f"#mix-a-{i}"): float(page.input_value(f"#mix-h-{i}")) for i in range(4)}
    assert prefilled.keys() == {"Customer & client work", "Managing people", "Monitoring & checking",
                                "Selling & persuading"}  # names, not slugs
    assert sum(prefilled.values()) == pytest.approx(45, abs=0.5)
    page.fill("#o-pay", "88000")
    page.check("input[name=current]")
    page.click("button:has-text('Save')")
    page.wait_for_url(f"{base}/options/")

    page.goto(f"{base}/compare/")
    assert "Sales manager role" in page.inner_text("main")
    _shot(page, "12-compare-with-occupation")

    page.goto(f"{base}/occupations/fit/?min_pay=0")
    fit_text = page.inner_text("main")
    assert "Based on 3 journal entries" in fit_text and "Sales Managers" in fit_text
    _shot(page, "13-roles-that-pay-for-what-you-love")


def test_upload_a_calendar_preview_confirm_and_rate_last_week(page, live_server, tmp_path):
    import datetime as dt

    from tests.imports.ics_factory import BERLIN, calendar, event

    base = live_server.url
    _sign_up(page, base, "morgan")
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday() + 7)  # last week's Monday
    start = dt.datetime(monday.year, monday.month, monday.day, 10, tzinfo=BERLIN)
    earlier = start - dt.timedelta(days=7)  # the 1:1 repeats: the week before last, and last week
    weekly = event("weekly-sync@example.com", "1:1 Alex / Sam", earlier, earlier + dt.timedelta(minutes=30),
                   rrule={"freq": "weekly", "count": 2}, attendees=["alex@example.com", "sam@example.com"])
    demo = event("demo@example.com", "Product demo for Acme", start + dt.timedelta(days=2, hours=4),
                 start + dt.timedelta(days=2, hours=5), attendees=["a@acme.test", "b@acme.test", "c@x.test"])
    ics = tmp_path / "work.ics"
    ics.write_bytes(calendar(weekly, demo))

    page.click("nav summary:has-text('More')")  # Import is under "More" in the grouped menu
    page.click("nav >> text=Import")
    page.wait_for_url(f"{base}/import/")
    page.set_input_files("#i-file", str(ics))
    page.click("details.more summary")
    page.fill("#i-tz", "Europe/Berlin")
    page.fill("#i-since", (monday - dt.timedelta(days=7)).isoformat())
    page.click("button:has-text('Upload and preview')")
    page.wait_for_selector("#detected-format")
    assert page.inner_text("#detected-format") == "ics"
    assert "3 waiting for your energy rating" in page.inner_text("#plan-summary")
    _shot(page, "14-import-preview")
    page.click("#confirm-import")
    page.wait_for_url(re.compile(r".*/rate/$"))
    assert "3 imported events wait for your energy rating" in page.inner_text("main")
    assert page.locator("article.rate-card").count() == 2
    _shot(page, "15-rate-last-week")

    page.evaluate("window.__sameDocument = true")
    card = page.locator("article.rate-card", has_text="1:1 Alex / Sam")
    card.locator(".face-choice", has_text="tired").click()
    card.locator("select[name=skill]").select_option("4")
    card.locator("button:has-text('Save rating')").click()
    page.wait_for_selector("p.rated:has-text('1:1 Alex / Sam')")
    card = page.locator("article.rate-card", has_text="Product demo")
    card.locator(".face-choice", has_text="energized").click()
    card.locator("button:has-text('Save rating')").click()
    page.wait_for_selector("p.rated:has-text('Product demo')")
    assert page.evaluate("window.__sameDocument") is True, "rating reloaded the page"
    _shot(page, "16-rated")

    # The week before: the 1:1 comes pre-filled with the rating just given.
    page.click("a:has-text('←')")
    card = page.locator("article.rate-card", has_text="1:1 Alex / Sam")
    assert "Pre-filled with your rating from before: tired" in card.inner_text()
    assert card.locator("input[name=energy][value='-1']").is_checked()
    _shot(page, "17-rate-prefilled")
    card.locator("button:has-text('Save rating')").click()
    page.wait_for_selector("p.rated:has-text('1:1 Alex / Sam')")

    page.goto(f"{base}/journal/")
    assert page.locator("#entries tr").count() == 3
    page.goto(f"{base}/rate/?week=all")
    assert "Nothing to rate" in page.inner_text("main")


def test_a_big_import_is_followed_on_the_page_until_the_worker_has_imported_it(page, live_server, tmp_path,
                                                                               settings, run_jobs):
    settings.OWNPATH_IMPORT_BACKGROUND_ROWS = 3  # the 6 entries below go to the worker
    from tests.web.test_import_in_background import journal_csv

    base = live_server.url
    _sign_up(page, base, "robin")
    big = tmp_path / "big.csv"
    big.write_text(journal_csv(6))
    page.goto(f"{base}/import/")
    page.set_input_files("#i-file", str(big))
    page.click("button:has-text('Upload and preview')")
    page.click("#confirm-import")
    page.wait_for_url(re.compile(r".*/import/runs/\d+/$"))
    assert "Importing 6 entries in the background…" in page.inner_text("main")
    _shot(page, "16-import-in-the-background")
    page.evaluate("window.__sameDocument = true")
    assert run_jobs() == 1
    # htmx polls the status every 2 s (under the strict CSP) and swaps in the summary, no reload.
    page.wait_for_selector("#import-run-summary", timeout=8_000)
    assert "Imported 6 entries." in page.inner_text("#import-run-summary")
    assert page.evaluate("window.__sameDocument") is True
    _shot(page, "17-import-done-in-the-background")
