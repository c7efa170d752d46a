"""From a fresh database, the quickstart's web app shows occupations, pay and "roles that pay for
what you love" with no extra step — in real Chromium, on the processes the quickstart runs
(`ownpath demo`, then `ownpath serve --demo --local`). Also the path page at phone width.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                       "(apt-get install chromium; .ci/run installs it)"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def quickstart_app(tmp_path):
    """The demo journal in a fresh data folder, served as the quickstart serves it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OWNPATH_TEST", "DJANGO_SETTINGS"))}
    env |= {"OWNPATH_DATA_DIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    env.pop("OWNPATH_DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "ownpath", "demo"], env=env, check=True, capture_output=True, timeout=300)
    demo_db = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    subprocess.run([sys.executable, "-m", "ownpath", "--db", demo_db, "path", "set", "Principal researcher"],
                   env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "ownpath", "serve", "--demo", "--local", "--port", str(port),
                               "--workers", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_the_quickstart_app_shows_occupations_pay_and_fit_with_no_extra_step(quickstart_app, monkeypatch):
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.set_default_timeout(20_000)
        page.goto(quickstart_app + "/occupations/")
        assert page.locator("#onet-missing").count() == 0 and page.locator("#occupation-q").count() == 1
        page.fill("#occupation-q", "software developer")
        page.locator("#occupation-results a", has_text="Software Developers").first.click()
        page.wait_for_selector("#occupation-pay")
        assert "median" in page.inner_text("#occupation-pay")
        page.screenshot(path=str(SCREENSHOTS / "quickstart-occupation.png"), full_page=True)
        page.goto(quickstart_app + "/occupations/fit/")
        rows = page.locator("table tbody tr")
        assert rows.count() >= 10 and page.locator("#fit-missing, #fit-data-missing, #onet-missing").count() == 0
        page.screenshot(path=str(SCREENSHOTS / "quickstart-fit.png"), full_page=True)

        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(quickstart_app + "/path/")
        assert "Towards Principal researcher" in phone.inner_text("#path-summary")
        assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
        phone.screenshot(path=str(SCREENSHOTS / "path-390.png"), full_page=True)
        browser.close()
