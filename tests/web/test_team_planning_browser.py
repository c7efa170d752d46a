"""In Chromium: the top salesperson reaches their track fit by keyboard only, on a phone and a laptop.

Screenshots go to test-artifacts/screenshots/ (team-planning-*.png) for review.
"""

from __future__ import annotations

import pytest

from tests.web.test_browser import CHROMIUM, SCREENSHOTS, page  # noqa: F401 (the Chromium page fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
PASSWORD = "a long unusual phrase 42"


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/journal/")


def _tab_to(page, text: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in page.evaluate("document.activeElement.textContent || ''"):
            return
    raise AssertionError(f"no focusable element with {text!r} reached by Tab")


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_salesperson_reaches_the_expert_track_and_the_trial_by_keyboard(page, live_server, django_user_model,  # noqa: F811
                                                                       width, height):
    from ownpath.demo.team_decisions import build_team_decisions_demo

    admin = django_user_model.objects.create_user("ada", password=PASSWORD)
    build_team_decisions_demo(admin)
    dana = django_user_model.objects.get(username="dana")
    dana.set_password(PASSWORD)
    dana.save()
    page.set_viewport_size({"width": width, "height": height})
    base = live_server.url
    _log_in(page, base, "dana")
    page.goto(f"{base}/team/")
    _tab_to(page, "Your track fit")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/planning/track-fit/")
    assert page.locator("h2", has_text="The journal points to the expert track").is_visible()
    assert page.locator("h2", has_text="A reversible trial: 6 weeks mentoring a new hire").is_visible()
    # Nothing is wider than the screen on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENSHOTS / f"team-planning-track-fit-{width}.png"), full_page=True)
    _tab_to(page, "Log out")  # the page's links are all reachable by keyboard


def test_manager_states_a_need_and_gets_a_proposal_by_keyboard(page, live_server, django_user_model):  # noqa: F811
    from ownpath.demo.team_decisions import build_team_decisions_demo
    from ownpath.teams.models import Team

    admin = django_user_model.objects.create_user("ada", password=PASSWORD)
    build_team_decisions_demo(admin)  # ada manages both demo teams
    sales = Team.objects.get(name="Sales")
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    _log_in(page, base, "ada")
    page.goto(f"{base}/team/")
    _tab_to(page, "Work allocation for Sales")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/planning/teams/{sales.pk}/allocation/")
    _tab_to(page, "Set need")  # walk the form by keyboard, filling each field on the way
    page.focus("#activity")
    page.keyboard.type("customers")
    page.keyboard.press("Tab")
    page.keyboard.type("6")  # within dana's week: her journal's share of customer work in a 40 h week is 6.8 h
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("li", has_text="Customer & client work: 6.0 h/week").is_visible()
    page.focus("#margin")
    page.keyboard.press("Control+A")
    page.keyboard.type("0.5")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("text=Team average change").is_visible()
    assert page.locator("li", has_text="dana:").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(SCREENSHOTS / "team-planning-allocation-390.png"), full_page=True)
    page.goto(f"{base}/planning/orgs/{sales.organisation_id}/mentorship/")
    with page.expect_navigation():
        page.locator("button", has_text="Propose pairs now").press("Enter")
    assert page.locator("p", has_text="mentors").first.is_visible()
    page.screenshot(path=str(SCREENSHOTS / "team-planning-mentorship-proposals-390.png"), full_page=True)


def test_manager_records_the_trial_as_an_agreement_by_keyboard(page, live_server, django_user_model):  # noqa: F811
    from ownpath.sharing import services as sharing
    from ownpath.demo.team_decisions import build_team_decisions_demo

    admin = django_user_model.objects.create_user("ada", password=PASSWORD)
    build_team_decisions_demo(admin)  # ada manages dana's team
    dana = django_user_model.objects.get(username="dana")
    sharing.share(dana, "track_fit", "manager")
    page.set_viewport_size({"width": 390, "height": 844})
    base = live_server.url
    _log_in(page, base, "ada")
    page.goto(f"{base}/planning/people/{dana.pk}/track-fit/")
    _tab_to(page, "Record the trial as an agreement")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/conversations/" in page.url
    assert page.locator("li", has_text="The trial is recorded as an agreement").is_visible()
    assert page.locator("text=Trial: 6 weeks mentoring a new hire").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.csp_violations, page.csp_violations
    page.screenshot(path=str(SCREENSHOTS / "team-planning-trial-recorded-390.png"), full_page=True)


def test_a_person_stops_conversation_e_mails_by_keyboard(page, live_server, django_user_model):  # noqa: F811
    from ownpath.reminders.services import stopped_conversation_emails

    person = django_user_model.objects.create_user("dana", password=PASSWORD)
    base = live_server.url
    _log_in(page, base, "dana")
    page.goto(f"{base}/reminders/")
    checkbox = page.get_by_label("E-mail me about my career conversations and agreements")
    assert checkbox.is_checked()
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "r-conversation-emails":
            break
    else:
        raise AssertionError("the conversation e-mails checkbox is not reached by Tab")
    page.keyboard.press("Space")
    _tab_to(page, "Save conversation e-mails")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("li", has_text="Career conversation e-mails stopped").is_visible()
    assert not page.get_by_label("E-mail me about my career conversations and agreements").is_checked()
    assert stopped_conversation_emails([person.pk]) == {person.pk}
    assert not page.csp_violations, page.csp_violations


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_the_managers_pages_show_a_shared_track_fit_in_words_never_a_data_structure(page, live_server,  # noqa: F811
                                                                                    django_user_model, width, height):
    from ownpath.demo.services import fill_demo_journal
    from ownpath.demo.workplace import fill_demo_workplace

    me = django_user_model.objects.create_user("local", password=PASSWORD)
    fill_demo_journal(me, "research_analyst", weeks=12)
    fill_demo_workplace(me)
    omar, dana = (django_user_model.objects.get(username=n) for n in ("omar", "dana"))
    omar.set_password(PASSWORD)
    omar.save()
    page.set_viewport_size({"width": width, "height": height})
    base = live_server.url
    _log_in(page, base, "omar")
    for path in ("/team/manage/", f"/team/people/{dana.pk}/", f"/planning/people/{dana.pk}/track-fit/"):
        page.goto(f"{base}{path}")
        text = page.inner_text("body")
        assert "{'" not in text and "['" not in text, f"{path} shows a data structure"
        assert "The journal points to the expert track" in text, path
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.goto(f"{base}/team/manage/")
    _tab_to(page, "The whole track fit", limit=120)  # the team page links the report's track-fit page
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/planning/people/{dana.pk}/track-fit/")
    assert page.locator("button", has_text="Record the trial as an agreement").is_visible()
    page.screenshot(path=str(SCREENSHOTS / f"team-planning-manager-track-fit-{width}.png"), full_page=True)
