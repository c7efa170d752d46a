"""A person's first week in real Chromium, by keyboard: day one from the welcome to the first insight
on a phone, Compare's verdict for each option readable at 390 px, the journal's actions in reach."""

from __future__ import annotations

import pytest

from tests.web.browser_support import CHROMIUM, LAPTOP, PHONE, chromium_context, full_journal, log_in  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium "
                                                       "(apt-get install chromium; .ci/run installs it)"),
]


def _tab_to(page, predicate: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the JavaScript predicate (on `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({predicate}); }})()"):
            return
    raise AssertionError(f"never reached by Tab: {predicate}")


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_day_one_by_keyboard_from_the_welcome_to_the_first_insight(live_server, django_user_model, viewport,
                                                                   monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM is read between browser steps
    from ownpath.journal.models import Episode
    from ownpath.journal.services import settings_for

    person = django_user_model.objects.create_user("newcomer", password="a long unusual phrase 42")
    with chromium_context(live_server, viewport) as context:
        log_in(context, live_server, person)
        page = context.new_page()
        page.goto(live_server.url + "/welcome/")  # where signing up (or the local journal's day one) lands
        assert "Your journal is yours" in page.content()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        _tab_to(page, "el.id === 'target-hours'")
        page.keyboard.type("38")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert settings_for(person).target_hours_per_week == 38
        _tab_to(page, "el.getAttribute('href') === '/yesterday/'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        rows = [("Analysing data", "2h", "2"), ("meetings", "90 min", "-1"), ("writing", "1:30", "1")]
        for index, (activity, hours, energy) in enumerate(rows):
            _tab_to(page, f"el.id === 'activity-{index}'")
            page.keyboard.type(activity)
            _tab_to(page, f"el.id === 'hours-{index}'")
            page.keyboard.type(hours)
            _tab_to(page, f"el.id === 'energy-{index}'")
            page.select_option(f"#energy-{index}", energy)  # a select: the keyboard picks its option
        _tab_to(page, "el.textContent.trim() === 'Save the whole day'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        body = page.content()
        assert "Saved 3 episodes" in body and "What it still needs" in body
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    assert sorted(Episode.objects.filter(user=person).values_list("hours", flat=True)) == [1.5, 1.5, 2.0]


def test_compare_on_a_phone_shows_each_options_verdict_and_flags(live_server, full_journal):
    from ownpath.options.services import add_option

    add_option(full_journal, "Research director", mix={"managing": 25, "meetings": 15}, pay=150000,
               set_by="manager")
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/compare/")
        cards = page.locator(".compare-card")
        assert cards.count() == 3 and page.locator(".compare-wide").is_hidden()
        director = page.locator(".compare-card", has_text="Research director")
        box = director.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
        assert "feel" in director.locator(".verdict").inner_text()
        assert director.locator(".flag").count() >= 1 and director.locator(".flag").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_journals_edit_and_delete_are_on_screen_on_a_phone(live_server, full_journal):
    with chromium_context(live_server, PHONE) as context:
        log_in(context, live_server, full_journal)
        page = context.new_page()
        page.goto(live_server.url + "/journal/")
        first_row = page.locator("#entries tr").first
        for name in ("Edit", "Delete"):
            box = first_row.get_by_text(name, exact=False).first.bounding_box()
            assert 0 <= box["x"] and box["x"] + box["width"] <= PHONE["width"], (name, box)
