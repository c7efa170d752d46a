"""The reminders page and the private calendar feed it links to."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_reminders_page_saves_choices_and_serves_the_calendar_without_log_in(owner_client, client, user):
    response = owner_client.post("/reminders/", {"action": "save", "email": "alex@example.org", "daily": "on",
                                                 "daily_hour": "8", "weekly_weekday": "0", "weekly_hour": "9"})
    assert response.status_code == 302
    owner_client.post("/reminders/", {"action": "new_link"})
    page = owner_client.get("/reminders/").content.decode()
    link = page.split('id="r-feed" readonly value="')[1].split('"')[0]
    assert link.startswith("http://testserver/reminders/calendar/") and link.endswith(".ics")
    feed = client.get(link.replace("http://testserver", ""))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in feed.content
    assert client.get("/reminders/calendar/not-the-secret.ics").status_code == 404
    bad = owner_client.post("/reminders/", {"action": "save", "email": "nope", "daily": "on", "daily_hour": "8",
                                            "weekly_weekday": "0", "weekly_hour": "9"})
    assert bad.status_code == 400 and "is not an e-mail address" in bad.content.decode()
