"""What a person does every day, in real Chromium: log by keyboard alone, read the charts."""

from __future__ import annotations

import pytest

from tests.web.browser_support import CHROMIUM, LAPTOP, PHONE, chromium_context, full_journal, log_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                       "(apt-get install chromium; .ci/run installs it)"),
]

_LABEL_BOXES = """() => Array.from(document.querySelectorAll('#quadrant-title')).map(t => t.closest('svg'))
  .flatMap(svg => Array.from(svg.querySelectorAll('text')))
  .map(t => { const b = t.getBoundingClientRect(); return [t.textContent, b.left, b.top, b.right, b.bottom]; })"""


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_quadrant_chart_labels_never_overlap(live_server, full_journal, viewport):
    with chromium_context(live_server, viewport) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/insights/")
        boxes = page.evaluate(_LABEL_BOXES)
    assert len(boxes) >= 8, boxes  # corner names, axis titles and the activity labels
    overlapping = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                   if a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5]
    assert not overlapping


def test_quick_log_by_keyboard_alone_with_a_chip_and_a_decimal_comma(live_server, full_journal):
    from ownpath.journal.models import Episode

    before = Episode.objects.filter(user=full_journal).count()
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/journal/")
        # Skip link, brand, menu: then the first "log again" chip.
        for _ in range(10):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('chip')"):
                break
        chip = page.evaluate("document.activeElement.dataset.activity")
        page.keyboard.press("Enter")
        assert page.input_value("#f-activity") == chip and page.input_value("#f-hours") != ""
        assert page.evaluate("document.activeElement.name") == "energy"  # on to the faces
        page.keyboard.press("ArrowRight")  # neutral → good
        page.keyboard.press("Shift+Tab")
        for _ in range(6):
            page.keyboard.press("Shift+Tab")
            if page.evaluate("document.activeElement.id") == "f-hours":
                break
        page.keyboard.press("Control+A")
        page.keyboard.type("1,5")
        while page.evaluate("document.activeElement.textContent.trim()") != "Save entry":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("#log-status:has-text('Saved')")
        assert page.evaluate("document.getElementById('quick-log').contains(document.activeElement)")
    saved = Episode.objects.filter(user=full_journal).latest("id")
    assert Episode.objects.filter(user=full_journal).count() == before + 1
    assert saved.hours == 1.5 and saved.energy == 1 and saved.activity.label == chip
