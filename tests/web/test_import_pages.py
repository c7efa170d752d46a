"""The Import page: upload, the same preview and summary as the CLI, confirm once — all or nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ownpath.imports.models import PendingEvent, PendingUpload, RememberedChoice
from ownpath.imports.formats.daylio import daylio_mapping_for
from ownpath.journal.models import Episode
from tests.imports.ics_factory import BERLIN, calendar, event, weekly_one_to_one
from tests.imports.test_import_daylio import EXPORT as DAYLIO_EXPORT

pytestmark = pytest.mark.django_db

JOURNAL_CSV = ("date,activity,hours,energy,skill,note\n"
               "2025-03-03,research,2,2,4,read papers\n"
               "2025-03-04,writing,1.5,1,,draft\n")
BAD_CSV = ("date,activity,hours,energy,skill,note\n"
           "2025-03-03,research,2,2,4,fine\n"
           "2025-03-04,writing,1.5,7,,energy too high\n"
           "2025-13-01,writing,1,1,,bad date\n")


def _upload(client, name: str, content: bytes | str, **fields):
    data = content.encode() if isinstance(content, str) else content
    return client.post("/import/", {"file": SimpleUploadedFile(name, data), "format": "auto", **fields})


def test_import_page_is_in_the_navigation(owner_client):
    body = owner_client.get("/journal/").content.decode()
    assert 'href="/import/"' in body and 'href="/rate/"' in body


def test_upload_shows_the_preview_and_saves_nothing_yet(owner_client, user):
    response = _upload(owner_client, "journal.csv", JOURNAL_CSV)
    body = response.content.decode()
    assert response.status_code == 200
    assert "ownpath-csv" in body and "2 new journal entries" in body and "read papers" in body
    assert "Summary: hours by activity" in body
    assert Episode.objects.filter(user=user).count() == 0
    assert PendingUpload.objects.filter(user=user).count() == 1
    # The preview survives a reload: the file waits on the server.
    assert "2 new journal entries" in owner_client.get("/import/").content.decode()


def test_a_bad_file_is_refused_with_line_numbers_and_nothing_saved(owner_client, user):
    response = _upload(owner_client, "journal.csv", BAD_CSV)
    body = response.content.decode()
    assert response.status_code == 400
    assert "Nothing imported: 2 problems" in body
    assert "line 3" in body and "energy" in body and "line 4" in body and "date" in body
    assert Episode.objects.filter(user=user).count() == 0
    assert not PendingUpload.objects.filter(user=user).exists()
    assert owner_client.post("/import/confirm/").status_code == 409


def test_confirm_imports_once_and_a_second_upload_adds_nothing(owner_client, user):
    _upload(owner_client, "journal.csv", JOURNAL_CSV)
    response = owner_client.post("/import/confirm/", follow=True)
    assert "Imported 2 entries" in response.content.decode()
    assert Episode.objects.filter(user=user).count() == 2
    assert not PendingUpload.objects.filter(user=user).exists()
    # Confirming again has nothing to import.
    assert owner_client.post("/import/confirm/").status_code == 409
    body = _upload(owner_client, "journal.csv", JOURNAL_CSV).content.decode()
    assert "0 new journal entries" in body and "2 already imported" in body and "Nothing new in this file" in body
    owner_client.post("/import/confirm/")
    assert Episode.objects.filter(user=user).count() == 2


def test_confirm_reads_the_servers_copy_not_anything_the_browser_sends(owner_client, user):
    _upload(owner_client, "journal.csv", JOURNAL_CSV)
    owner_client.post("/import/confirm/", {"file": SimpleUploadedFile("x.csv", BAD_CSV.encode()),
                                           "data": BAD_CSV})
    assert sorted(Episode.objects.filter(user=user).values_list("note", flat=True)) == ["draft", "read papers"]


def test_uploads_are_private_to_each_person(owner_client, other_client, user, other_user):
    _upload(owner_client, "journal.csv", JOURNAL_CSV)
    assert "read papers" not in other_client.get("/import/").content.decode()
    assert other_client.post("/import/confirm/").status_code == 409
    other_client.post("/import/cancel/")
    assert PendingUpload.objects.filter(user=user).exists()
    assert Episode.objects.count() == 0


def test_cancel_forgets_the_upload(owner_client, user):
    _upload(owner_client, "journal.csv", JOURNAL_CSV)
    owner_client.post("/import/cancel/")
    assert not PendingUpload.objects.filter(user=user).exists()
    assert Episode.objects.count() == 0


def test_too_large_a_file_is_refused_with_a_clear_message(owner_client, user, monkeypatch):
    from ownpath.imports import uploads

    monkeypatch.setattr(uploads, "UPLOAD_MAX_BYTES", 100)
    response = _upload(owner_client, "journal.csv", JOURNAL_CSV + "2025-03-05,research,1,1,,x\n" * 10)
    assert response.status_code == 400
    assert "more than the" in response.content.decode() and "MB" in response.content.decode()
    assert not PendingUpload.objects.filter(user=user).exists()


def test_a_spreadsheet_csv_needs_and_uses_a_column_mapping(owner_client, user):
    sheet = "Day,Task,Time,Mood\n2025-03-03,research,2,2\n2025-03-04,writing,1,-1\n"
    asked = _upload(owner_client, "sheet.csv", sheet)
    assert asked.status_code == 400 and "say which column holds what" in asked.content.decode()
    body = _upload(owner_client, "sheet.csv", sheet,
                   map="date=Day,activity=Task,hours=Time,energy=Mood").content.decode()
    assert "2 new journal entries" in body
    owner_client.post("/import/confirm/")
    assert sorted(Episode.objects.filter(user=user).values_list("energy", flat=True)) == [-1, 2]


def test_daylio_activities_are_mapped_on_the_page_and_saved_with_the_import(owner_client, user):
    body = _upload(owner_client, "daylio_export.csv", DAYLIO_EXPORT).content.decode()
    assert "Your Daylio activities" in body and "coding" in body
    assert Episode.objects.count() == 0
    names = ["work", "coding", "meeting", "friends", "family", "movies & tv"]
    slugs = {"coding": "building", "meeting": "meetings"}
    post = {}
    for i, name in enumerate(names, start=1):
        post[f"name_{i}"], post[f"slug_{i}"] = name, slugs.get(name, "")
    preview = owner_client.post("/import/daylio/", post, follow=True).content.decode()
    assert "daylio" in preview and "new journal entr" in preview
    assert daylio_mapping_for(user) == {}  # confirmed only when imported
    owner_client.post("/import/confirm/")
    assert daylio_mapping_for(user)["coding"] == "building"
    assert set(Episode.objects.filter(user=user).values_list("activity__slug", flat=True)) == {"building", "meetings"}


def test_calendar_upload_lists_unclassified_events_and_they_can_be_assigned(owner_client, user):
    start = dt.datetime(2025, 3, 4, 14, tzinfo=BERLIN)
    odd = event("zq@x", "Zqx flurb", start, start + dt.timedelta(hours=1))
    fields = {"since": "2025-03-01", "until": "2025-03-31", "tz": "Europe/Berlin"}
    body = _upload(owner_client, "cal.ics", calendar(odd), **fields).content.decode()
    assert "Events without an activity yet" in body and "Zqx flurb" in body
    after = owner_client.post("/import/assign/", {"title_1": "Zqx flurb", "activity_1": "research"},
                              follow=True).content.decode()
    assert "Events without an activity yet" not in after
    assert RememberedChoice.objects.get(user=user, key="title:zqx flurb").activity.slug == "research"
    owner_client.post("/import/confirm/")
    assert PendingEvent.objects.get(user=user).activity.slug == "research"


def test_calendar_upload_names_the_event_left_out_with_its_uid_and_reason(owner_client, user):
    good = event("good@x", "Team sync", dt.datetime(2025, 3, 3, 9, tzinfo=BERLIN),
                 dt.datetime(2025, 3, 3, 10, tzinfo=BERLIN))
    text = calendar(good).decode().replace(
        "END:VCALENDAR", "BEGIN:VEVENT\r\nUID:mars@x\r\nDTSTART;TZID=Mars/Olympus:20250310T100000\r\n"
                         "DTEND;TZID=Mars/Olympus:20250310T110000\r\nEND:VEVENT\r\nEND:VCALENDAR")
    response = _upload(owner_client, "cal.ics", text, since="2025-03-01", until="2025-03-31")
    body = response.content.decode()
    assert response.status_code == 200 and "could not be read" in body
    assert "event UID mars@x" in body and "DTSTART" in body and "Mars/Olympus" in body
    assert PendingEvent.objects.count() == 0
    owner_client.post("/import/confirm/")
    assert list(PendingEvent.objects.values_list("title", flat=True)) == ["Team sync"]


def test_a_calendar_confirmed_from_the_web_waits_on_the_rate_page(owner_client, user):
    _upload(owner_client, "cal.ics", weekly_one_to_one(), since="2025-03-01", until="2025-04-30",
            tz="Europe/Berlin")
    response = owner_client.post("/import/confirm/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/rate/")
    assert "5 imported events wait for your energy rating" in response.content.decode()
    assert PendingEvent.objects.filter(user=user).count() == 5


def test_an_ownpath_json_export_round_trips_through_the_page(owner_client, user, other_user):
    from ownpath.journal.services import export_journal

    _upload(owner_client, "journal.csv", JOURNAL_CSV)
    owner_client.post("/import/confirm/")
    exported = export_journal(user, "json")
    other = type(owner_client)()
    other.force_login(other_user)
    body = other.post("/import/", {"file": SimpleUploadedFile("journal.json", exported.encode()),
                                   "format": "auto"}).content.decode()
    assert "ownpath-json" in body
    other.post("/import/confirm/")
    assert sorted(Episode.objects.filter(user=other_user).values_list("note", flat=True)) == ["draft", "read papers"]
