"""Values and forecasts in real Chromium, by keyboard alone, at phone and laptop sizes."""

from __future__ import annotations

import pytest

from tests.web.browser_support import (CHROMIUM, LAPTOP, PHONE, check_page, chromium_context, full_journal,  # noqa: F401
                                       log_in)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                       "(apt-get install chromium; .ci/run installs it)"),
]


def _tab_to(page, test: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {test}; }})()"):
            return
    raise AssertionError(f"never reached {test}")


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (LAPTOP, "laptop")])
def test_the_card_sort_and_its_questions_by_keyboard_alone(live_server, full_journal, viewport, size):
    from ownpath.options.models import ValuesProfile

    with chromium_context(live_server, viewport) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/values/?sort=1")
        assert check_page(page, "values-card-sort", size) == []
        # Type the first letters of a value on each focused place: mentorship, learning, hands-on.
        for place, letter in ((1, "m"), (2, "l"), (3, "h")):
            _tab_to(page, f"e.id === 'pick_{place}'")
            page.keyboard.type(letter)
        _tab_to(page, "e.textContent.trim() === 'Save my order'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert ValuesProfile.objects.get(user=full_journal).ranking == ["mentorship", "learning", "hands_on"]
        asked = 0
        while page.locator("button[name=choice]").count():
            if asked == 0:
                assert check_page(page, "values-question", size) == []
            assert "of about" in page.inner_text(".question")
            _tab_to(page, "e.name === 'choice'")
            with page.expect_navigation():
                page.keyboard.press("Enter")  # the first value offered
            asked += 1
            assert asked <= 8
        assert "Your order is settled" in page.inner_text("main")
        assert check_page(page, "values-settled", size) == []


@pytest.mark.parametrize("viewport, size", [(PHONE, "phone"), (LAPTOP, "laptop")])
def test_i_took_this_by_keyboard_then_the_forecasts_page(live_server, full_journal, viewport, size):
    from ownpath.options.models import ForecastRecord

    with chromium_context(live_server, viewport) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/options/")
        assert check_page(page, "options-took", size) == []
        _tab_to(page, "e.tagName === 'SUMMARY' && e.textContent.startsWith('I took this')")
        page.keyboard.press("Enter")
        _tab_to(page, "e.textContent.trim() === \"Keep ownpath's forecast\"")
        page.keyboard.press("Enter")
        page.wait_for_url("**/forecasts/")
        assert ForecastRecord.objects.filter(user=full_journal).count() == 1
        text = page.inner_text("main")
        assert "How well calibrated for you" in text and "8 more weeks of entries" in text
        assert check_page(page, "forecasts", size) == []
