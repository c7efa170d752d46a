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


def _log(page, activity: str, hours: str, face: str) -> None:
    page.fill("#f-activity", activity)
    page.fill("#f-hours", hours)
    page.locator(".face-choice", has_text=face).click()
    page.click("text=Save entry")


def test_entries_logged_offline_are_kept_and_saved_once_when_back_online(live_server, full_journal):
    from ownpath.journal.models import Episode

    before = Episode.objects.filter(user=full_journal).count()
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/journal/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()  # now under the service worker, which keeps this page for offline use
        context.set_offline(True)
        _log(page, "Writing & documenting", "1,5", "good")
        page.wait_for_selector("#log-status:has-text('kept on this device (1 waiting)')")
        _log(page, "research", "2", "energized")
        page.wait_for_selector("#log-status:has-text('(2 waiting)')")
        page.reload()  # the app still opens without a connection
        assert page.locator("#quick-log").count() == 1
        assert Episode.objects.filter(user=full_journal).count() == before
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        page.wait_for_selector("#log-status:has-text('2 entries kept offline now saved')")
        page.reload()  # sending again finds nothing left to send
        page.wait_for_load_state("networkidle")
        queued = page.evaluate("""() => new Promise(resolve => { const r = indexedDB.open('ownpath', 1);
            r.onsuccess = () => { const c = r.result.transaction('queued-entries').objectStore('queued-entries').count();
                                  c.onsuccess = () => resolve(c.result); }; })""")
    assert queued == 0
    new = Episode.objects.filter(user=full_journal).order_by("-id")[:3]
    assert Episode.objects.filter(user=full_journal).count() == before + 2
    assert sorted((e.activity.slug, e.hours, e.energy) for e in new[:2]) == [("research", 2.0, 2), ("writing", 1.5, 1)]


def test_the_app_is_installable_with_its_manifest_and_service_worker(live_server, full_journal):
    with chromium_context(live_server, LAPTOP) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/journal/")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        session = context.new_cdp_session(page)
        # Playwright's contexts are incognito, where Chromium never offers to install: that one aside.
        errors = [e["errorId"] for e in session.send("Page.getInstallabilityErrors")["installabilityErrors"]
                  if e["errorId"] != "in-incognito"]
        manifest = page.request.get(live_server.url + "/manifest.webmanifest").json()
    assert scope == live_server.url + "/"
    assert errors == []
    assert manifest["start_url"] == "/journal/" and manifest["display"] == "standalone"
