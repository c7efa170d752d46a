"""The core journeys done in Chromium as a person would, with their clicks, keystrokes and time.

    python bench/task_times.py [--onet PATH]

Starts `ownpath serve` on a fresh SQLite database with one person who has eight weeks of
journal and a current role, loads O*NET (the tiny test release unless --onet gives a real
one), then, on a phone-sized Chromium (390×844), does what a person does:

  1. log a week: ten entries (the first typed, the others from the "log again" chips);
  2. read the story: open Insights from the menu, until "Your story" is on screen;
  3. answer values to the end: every question until the result and the next step show;
  4. add "Sales manager" from its occupation page: search, open it, add it;
  5. compare: open Compare from the menu, until the options' verdicts show.

For each it prints clicks (taps), keystrokes, the seconds the app took (automation waits only
for the page), and an estimate of a person's time by the keystroke-level model (Card, Moran &
Newell: 1.1 s to point and tap, 0.28 s a keystroke, 1.35 s to decide before each entry,
answer or page).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from serving import free_port, start_server

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_ONET = ROOT / "tests" / "fixtures" / "onet"
USERNAME, PASSWORD = "pat", "a long unusual phrase 42"
POINT, KEY, THINK = 1.1, 0.28, 1.35


def setup_database(database_url: str, onet: str) -> None:
    """A person with eight weeks of journal, a current role and the O*NET release loaded."""
    os.environ["OWNPATH_DATABASE_URL"] = database_url
    sys.path.insert(0, str(ROOT / "src"))
    from ownpath.cli.context import setup_django

    setup_django()
    from django.contrib.auth import get_user_model

    from ownpath.demo.services import fill_demo_journal
    from ownpath.occupations.services import load_onet_release
    from ownpath.options.services import add_option

    user = get_user_model().objects.create_user(USERNAME, password=PASSWORD)
    fill_demo_journal(user, weeks=8, end=dt.date.today() - dt.timedelta(days=7))
    add_option(user, "Analyst (now)", mix={"research": 15, "analysis": 12, "writing": 8, "meetings": 5},
               pay=72000, current=True)
    load_onet_release([Path(onet)], with_pay=Path(onet) != FIXTURE_ONET)


class Person:
    """A person at a phone: every tap and keystroke is counted, per task."""

    def __init__(self, page):
        self.page, self.clicks, self.keys, self.steps = page, 0, 0, 0

    def think(self) -> None:
        self.steps += 1

    def person_seconds(self) -> float:
        return self.steps * THINK + self.clicks * POINT + self.keys * KEY

    def tap(self, selector: str) -> None:
        self.page.click(selector)
        self.clicks += 1

    def type(self, selector: str, text: str) -> None:
        self.page.click(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)
        self.clicks += 1
        self.keys += len(text)

    def menu(self, label: str) -> None:
        self.think()
        if self.page.is_visible(".menu-toggle"):
            self.tap(".menu-toggle")
        self.tap(f"#main-nav >> text={label}")

    def task(self, name: str, work) -> dict:
        self.clicks = self.keys = self.steps = 0
        started = time.perf_counter()
        work(self)
        seconds = time.perf_counter() - started
        person = self.person_seconds()
        return {"task": name, "clicks": self.clicks, "keys": self.keys, "seconds": seconds, "person": person}


def log_a_week(p: Person) -> None:
    p.page.goto(p.page.url.split("/", 3)[0] + "//" + p.page.url.split("/", 3)[2] + "/journal/")
    p.think()
    p.type("#f-activity", "Research & investigating")
    p.type("#f-hours", "2")
    p.tap(".face-choice:has-text('good')")
    p.tap("text=Save entry")
    p.page.wait_for_selector("#log-status:has-text('Saved')")
    faces = ["energized", "good", "neutral", "tired", "good", "energized", "good", "drained", "good"]
    before = p.person_seconds()
    for n, face in enumerate(faces):
        p.think()
        p.tap(f".chip >> nth={n % 3}")
        p.tap(f".face-choice:has-text('{face}')")
        p.tap("text=Save entry")
        p.page.wait_for_selector(f"#entry-count:has-text('{n + 2 + BASE_ENTRIES[0]} entr')")
    CHIP_ENTRY[0] = (p.person_seconds() - before) / len(faces)


BASE_ENTRIES = [0]
CHIP_ENTRY = [0.0]


def read_the_story(p: Person) -> None:
    p.menu("Insights")
    p.page.wait_for_selector(".story-lines li")


def answer_values(p: Person) -> None:
    p.menu("Values")
    while not p.page.is_visible("#result-title"):
        p.think()
        p.tap(".choices button >> nth=0")
        p.page.wait_for_load_state("load")
    p.page.wait_for_selector("#result-title")


def add_sales_manager(p: Person) -> None:
    p.menu("Occupations")
    p.type("#occupation-q", "sales manager")
    p.page.wait_for_selector("#occupation-results a:has-text('Sales Managers')")
    p.tap("#occupation-results a:has-text('Sales Managers')")
    p.page.wait_for_selector("#feel-title")
    p.think()
    p.type("#occ-name", "Sales manager")
    p.tap("button:has-text('Add as option')")
    p.page.wait_for_selector("text=Added Sales manager")


def compare(p: Person) -> None:
    p.menu("Compare")
    p.page.wait_for_selector(".compare-table .verdict-row")


def run(onet: str) -> list[dict]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="ownpath-task-times-") as tmp:
        workdir = Path(tmp)
        url = f"sqlite:///{workdir / 'tasks.sqlite3'}"
        subprocess.run([sys.executable, __file__, "--setup", url, "--onet", onet], check=True, cwd=ROOT)
        port = free_port()
        server = start_server(url, port, workdir)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
                page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
                page.set_default_timeout(60_000)
                base = f"http://127.0.0.1:{port}"
                page.goto(base + "/login/")
                page.fill("#id_username", USERNAME)
                page.fill("#id_password", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(base + "/journal/")
                BASE_ENTRIES[0] = int(page.inner_text("#entry-count").split()[0].replace(",", ""))
                person = Person(page)
                rows = [person.task("log a week (10 entries)", log_a_week),
                        person.task("read the story", read_the_story),
                        person.task("answer values to the end", answer_values),
                        person.task("add Sales manager from its page", add_sales_manager),
                        person.task("compare", compare)]
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--onet", default=str(FIXTURE_ONET), help="O*NET release folder (default: the tiny test one)")
    parser.add_argument("--setup", metavar="DATABASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        setup_database(args.setup, args.onet)
        return 0
    rows = run(args.onet)
    print(f"\nCore journeys in Chromium at 390x844 (ownpath serve on 127.0.0.1, {os.cpu_count()} CPUs)")
    print(f"{'task':<36}{'clicks':>7}{'keys':>6}{'app s':>8}{'person s (KLM)':>16}")
    for r in rows:
        print(f"{r['task']:<36}{r['clicks']:>7}{r['keys']:>6}{r['seconds']:>8.1f}{r['person']:>16.1f}")
    print(f"a repeat entry from a chip (tap chip, tap face, save): {CHIP_ENTRY[0]:.1f} s for a person by KLM")
    return 0


if __name__ == "__main__":
    sys.exit(main())
