"""In Chromium: a person sees that an admin made themself their manager and answers by keyboard only,
on a phone and a laptop. Screenshots go to test-artifacts/screenshots/ (relation-change-*.png)."""

from __future__ import annotations

import pytest

from tests.web.test_browser import CHROMIUM, SCREENSHOTS, page  # noqa: F401 (the Chromium page fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium"),
]
PASSWORD = "a long unusual phrase 42"


def _tab_to(page, text: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if text in page.evaluate("document.activeElement.textContent || ''"):
            return
    raise AssertionError(f"no focusable element with {text!r} reached by Tab")


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 900)])
def test_a_person_keeps_sharing_with_a_new_manager_by_keyboard(page, live_server, django_user_model,  # noqa: F811
                                                              width, height):
    from ownpath.errors import NotFound
    from ownpath.sharing import services as sharing
    from ownpath.teams import services as teams

    ada = django_user_model.objects.create_user("ada", password=PASSWORD)
    alex = django_user_model.objects.create_user("alex", password=PASSWORD)
    acme = teams.create_organisation(ada, "Acme")
    engineering = teams.create_team(ada, acme, "Engineering")
    invitation = teams.invite(ada, acme, team=engineering)
    teams.accept_invitation(alex, invitation.token)
    sharing.set_career_wish(alex, want_from_role="Lead research")
    sharing.share(alex, "want_from_role", "manager")
    teams.set_membership(ada, engineering, ada, "manager")
    with pytest.raises(NotFound):
        sharing.read_shared(ada, alex, "want_from_role")
    page.set_viewport_size({"width": width, "height": height})
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("#id_username", "alex")
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/journal/")
    page.goto(f"{base}/team/")
    assert page.locator("h2", has_text="Who manages you or works beside you has changed").is_visible()
    _tab_to(page, "See the changes")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/sharing/#changes-h")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENSHOTS / f"relation-change-{width}.png"), full_page=True)
    _tab_to(page, "Keep sharing with ada")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/sharing/")
    assert page.locator("text=now reaches ada").first.is_visible()
    assert sharing.read_shared(ada, alex, "want_from_role")["content"]["text"] == "Lead research"
