"""Real-Chromium helpers for the browser tests: launch, log a person in, measure a page.

Every page is checked the same way (see `check_page`): no sideways scrolling, axe-core's
accessibility rules, chart text at 11 px or more, an <h1>, and a screenshot kept for review.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}
MIN_CHART_TEXT_PX = 11.0
FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@contextlib.contextmanager
def chromium_context(live_server, viewport: dict, *, offline_ok: bool = False):
    """A Chromium context at `viewport`, refusing any request that leaves the test server.

    CSP is bypassed only so the test can inject axe-core (never served to users).
    """
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        context = browser.new_context(viewport=viewport, bypass_csp=True, service_workers="allow")
        outside: list[str] = []
        context.route(re.compile(r"^(?!" + re.escape(live_server.url) + ").*"),
                      lambda route: (outside.append(route.request.url), route.abort()))
        try:
            yield context
        finally:
            browser.close()
        assert not outside, f"pages tried to load from outside: {outside}"


def log_in(context, live_server, user) -> None:
    """Give the browser the session of `user` (as if they had logged in)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])


_CHART_TEXT = """() => Array.from(document.querySelectorAll('svg text')).filter(t => t.getClientRects().length)
  .map(t => { const m = t.getScreenCTM(); const scale = Math.hypot(m.a, m.b);
              return [t.textContent, parseFloat(getComputedStyle(t).fontSize) * scale]; })"""


def check_page(page, name: str, size_name: str) -> list[str]:
    """Every promise a page makes at this size; returns what is wrong (empty when all is well).

    No sideways scrolling, an <h1>, the energy faces on one row, chart text at 11 px or more
    as rendered, zero axe-core violations; a full-page screenshot is kept.
    """
    problems = []
    page.screenshot(path=str(SCREENSHOTS / f"{size_name}-{name}.png"), full_page=True)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width[0] > width[1]:
        problems.append(f"{name} @ {size_name}: page scrolls sideways ({width[0]} px wide in {width[1]} px)")
    if not page.locator("h1").count():
        problems.append(f"{name} @ {size_name}: no <h1>")
    face_rows = page.evaluate("new Set(Array.from(document.querySelectorAll('.face-choice'))"
                              ".map(e => Math.round(e.getBoundingClientRect().top))).size")
    if face_rows > 1:
        problems.append(f"{name} @ {size_name}: the five faces wrap onto {face_rows} rows")
    small = [(text, round(px, 1)) for text, px in page.evaluate(_CHART_TEXT) if px < MIN_CHART_TEXT_PX - 0.05]
    if small:
        problems.append(f"{name} @ {size_name}: chart text below {MIN_CHART_TEXT_PX:g} px: {small[:5]}")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))""")
    problems += [f"{name} @ {size_name}: axe {v}" for v in violations]
    return problems


@pytest.fixture
def full_journal(django_user_model, monkeypatch):
    """A person with twelve weeks of demo journal, values, two options and O*NET loaded."""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from ownpath.demo.services import fill_demo_journal
    from ownpath.occupations.services import load_onet_release
    from ownpath.occupations.services import add_option_from_occupation
    from ownpath.options.services import add_option, record_value_answer, set_values

    user = django_user_model.objects.create_user("sam", password="a long unusual phrase 42")
    fill_demo_journal(user, weeks=12, end=dt.date.today() - dt.timedelta(days=1))
    load_onet_release([FIXTURE_RELEASE], with_pay=False)
    set_values(user, baseline="60000")
    record_value_answer(user, "learning", "compensation", None)
    record_value_answer(user, "learning", "autonomy", "learning")
    add_option(user, "Analyst", mix={"research": 25, "writing": 10}, pay=70000, current=True)
    add_option_from_occupation(user, "Sales manager", occupation="11-2022.00")
    return user
