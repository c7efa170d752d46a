"""In Chromium: type into every field of a conversation page, save one thing, and every other field
still holds what was typed — after an answer is saved (htmx, that answer alone), after an agenda
item is added (htmx, appended), and after a whole-page form (status) reloads the page (drafts kept).
At 390×844 and 1366×900.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conversations.test_browser import browser_context  # noqa: F401 (fixture)
from tests.web.test_browser import CHROMIUM, SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]


@pytest.fixture
def planned(transactional_db, django_user_model):
    """mia manages alex; a conversation is planned for next week (real accounts with passwords)."""
    from ownpath.conversations.services import open_conversation
    from ownpath.teams import services as teams
    from ownpath.teams.models import Membership

    make = lambda name: django_user_model.objects.create_user(name, password="long enough passphrase 1")  # noqa: E731
    ada, mia, alex = make("ada"), make("mia"), make("alex")
    org = teams.create_organisation(ada, "Acme")
    team = teams.create_team(ada, org, "Research")
    Membership.objects.create(team=team, person=mia, role="manager")
    Membership.objects.create(team=team, person=alex, role="member")
    return open_conversation(mia, alex, dt.date.today() + dt.timedelta(days=7))


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "long enough passphrase 1")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/journal/")


def _fields(page) -> dict[str, str]:
    """Every text field of the page (answers, agenda, agreement, note) → the text typed into it."""
    typed = {}
    for selector in page.eval_on_selector_all(
            "main textarea, main input[type=text], main input:not([type])",
            "els => els.filter(e => !e.readOnly && e.offsetParent !== null).map(e => '#' + e.id)"):
        typed[selector] = f"typed into {selector} — not saved yet"
    return typed


@pytest.mark.parametrize("size", [(390, 844), (1366, 900)])
def test_saving_one_field_keeps_every_other_field_typed(planned, browser_context, live_server, size):  # noqa: F811
    page = browser_context(*size)
    base = live_server.url
    _log_in(page, base, "alex")
    page.goto(f"{base}/conversations/{planned.pk}/")
    typed = _fields(page)
    assert len([s for s in typed if s.startswith("#answer-")]) == 5 and "#note-text" in typed
    typed["#agreement-hours"] = "Admin & paperwork=-2"
    for selector, text in typed.items():
        page.fill(selector, text)
    answers = [s for s in typed if s.startswith("#answer-")]

    # 1. Save the first answer (by keyboard): only its block is redrawn.
    first_item = answers[0].removeprefix("#answer-")
    page.focus(f"#share-{first_item}")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.locator(f"#item-{first_item}").locator("text=Private: only you see it.").wait_for()
    for selector, text in typed.items():
        assert page.input_value(selector) == text, selector

    # 2. Add an agenda item: appended, the other boxes untouched, the agenda box emptied.
    page.fill("#agenda-text", "Conference budget")
    page.focus("#agenda-text")
    page.keyboard.press("Enter")
    page.locator("#agenda-list h3", has_text="Conference budget").wait_for()
    assert page.input_value("#agenda-text") == ""
    for selector, text in typed.items():
        if selector != "#agenda-text":
            assert page.input_value(selector) == text, selector

    # 3. A whole-page form (status) reloads the page: what was typed and not saved comes back.
    page.select_option("#conv-status", "planned")
    with page.expect_navigation():
        page.click("button:has-text('Update status')")
    page.locator(f"{answers[1]}-draft").wait_for()  # says the text was brought back, not saved
    for selector in answers[1:] + ["#note-text", "#agreement-text"]:
        assert page.input_value(selector) == typed[selector], selector
    assert page.input_value(answers[0]) == typed[answers[0]]  # the saved one, from the server
    page.screenshot(path=str(SCREENSHOTS / f"conversation-drafts-{size[0]}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_refused_whole_page_form_gives_back_what_was_typed_in_it(planned, browser_context, live_server):  # noqa: F811
    page = browser_context(1366, 900)
    base = live_server.url
    _log_in(page, base, "mia")
    page.goto(f"{base}/conversations/{planned.pk}/")
    page.fill("#agreement-text", "Less admin")
    page.fill("#agreement-hours", "negotiashun=2")
    page.fill("#note-text", "Typed, not saved")
    with page.expect_navigation():
        page.click("button:has-text('Record agreement')")
    page.locator(".error, .messages .error").first.wait_for()
    assert page.input_value("#agreement-text") == "Less admin"  # refused: nothing typed is lost
    assert page.input_value("#agreement-hours") == "negotiashun=2"
    page.locator("#note-text-draft").wait_for()
    assert page.input_value("#note-text") == "Typed, not saved"
    page.fill("#agreement-hours", "Admin & paperwork=-2")
    with page.expect_navigation():
        page.click("button:has-text('Record agreement')")
    page.locator(".agreements li", has_text="Less admin").wait_for()
    assert page.input_value("#agreement-text") == ""  # saved: the draft is gone
    assert page.input_value("#note-text") == "Typed, not saved"


def test_the_admin_page_keeps_an_invitation_being_typed_while_a_team_is_created(  # noqa: F811
        planned, browser_context, live_server):
    from ownpath.teams.models import Organisation

    page = browser_context(390, 844)
    base = live_server.url
    _log_in(page, base, "ada")
    page.goto(f"{base}/orgs/{Organisation.objects.get().pk}/admin/")
    page.fill("#invite-label", "Raj, new in sales")
    page.fill("#invite-note", "See you Monday")
    page.fill("#team-name", "Sales")
    with page.expect_navigation():
        page.click("button:has-text('Create team')")
    page.locator("#invite-label-draft, .team-tree").first.wait_for()
    assert "Sales" in page.inner_text(".team-tree")
    assert page.input_value("#invite-label") == "Raj, new in sales"
    assert page.input_value("#invite-note") == "See you Monday"
    assert page.input_value("#team-name") == ""
