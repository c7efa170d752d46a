"""Dates in conversations and agreements lie in the one window ownpath accepts (ownpath.inputs),
and a row saved before that was checked (year 1) never breaks a page, the API, an export or the CLI."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from ownpath.accounts.services import create_token
from ownpath.conversations import services as conversations
from ownpath.errors import UserInputError
from ownpath.inputs import EARLIEST_DATE, LATEST_DATE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("date", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31", "20261215", "2026-W50-1"])
def test_a_conversation_date_outside_the_window_is_refused_in_words(org, date):
    with pytest.raises(UserInputError, match=r"^date: .*1900-01-01 to 2200-12-31"):
        conversations.open_conversation(org.manager, org.owner, date)


def test_the_window_edges_are_accepted_for_conversations_and_due_dates(org):
    early = conversations.open_conversation(org.manager, org.owner, EARLIEST_DATE.isoformat())
    late = conversations.agree(org.manager, early.pk, "Later", due_date=LATEST_DATE.isoformat())
    assert late.due_date == LATEST_DATE
    with pytest.raises(UserInputError, match=r"^due date: .*outside"):
        conversations.agree(org.manager, early.pk, "Never", due_date="9999-12-31")


def test_the_api_refuses_an_old_dated_conversation_with_422_naming_the_field(org):
    _, key = create_token(org.manager, "tests")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").post(
        "/api/conversations", {"person": "alex", "date": "0001-01-01"}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"].startswith("date:")


@pytest.fixture
def year_one(org, local_user):
    """A conversation stored with date 0001-01-01 (before dates were checked), with an agreement
    that changes hours, between the CLI's local user and their manager mia."""
    import datetime as dt

    from ownpath.conversations.models import Conversation
    from ownpath.teams.models import Membership

    Membership.objects.create(team=org.engineering, person=local_user, role="member")
    made = conversations.open_conversation(org.manager, local_user, "2026-12-15")
    Conversation.objects.filter(pk=made.pk).update(date=dt.date(1, 1, 1))
    conversations.agree(org.manager, made.pk, "Less admin", hour_changes={"admin": -4, "research": 4})
    return made


def test_an_old_dated_agreement_never_breaks_the_page_api_export_or_cli(org, local_user, year_one, cli):
    later = conversations.open_conversation(org.manager, local_user, "2026-12-20")  # reviews year one's agreement
    person = Client()
    person.force_login(local_user)
    _, key = create_token(local_user, "tests")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    for found in (year_one, later):
        assert person.get(f"/conversations/{found.pk}/").status_code == 200
        assert person.get(f"/conversations/{found.pk}/export/markdown/").status_code == 200
        assert api.get(f"/api/conversations/{found.pk}").status_code == 200
        assert api.get(f"/api/conversations/{found.pk}/export?format=markdown").status_code == 200
        shown = cli("conversations", "show", found.pk)
        assert shown.exit_code == 0, shown.output
        exported = cli("conversations", "export", found.pk, "--format", "json")
        assert exported.exit_code == 0, exported.output
    assert api.get(f"/api/conversations/{later.pk}").json()["earlier_agreements"][0]["review"] is None
    assert json.loads(cli("conversations", "export", year_one.pk, "--format", "json").output)["date"] == "0001-01-01"


def test_an_import_period_outside_the_window_is_refused_on_the_page(client, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(user)
    response = client.post("/import/", {"file": SimpleUploadedFile("cal.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"),
                                        "format": "auto", "since": "0001-01-01"})
    assert response.status_code == 400
    assert "1900-01-01 to 2200-12-31" in response.content.decode()
