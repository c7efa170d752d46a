"""Big web imports run on the background worker: queued at the confirm, all or nothing, followed on the page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ownpath.imports.models import ImportRun, PendingEvent, PendingUpload
from ownpath.journal.models import Episode
from tests.imports.ics_factory import weekly_one_to_one

pytestmark = pytest.mark.django_db

HEADER = "date,activity,hours,energy,note\n"


def journal_csv(rows: int, bad_line: int | None = None) -> str:
    """An ownpath CSV of `rows` one-hour entries on distinct days; line `bad_line` (1 = header) has energy 7."""
    lines = [HEADER]
    for number in range(rows):
        day = f"2024-{1 + number // 28:02d}-{1 + number % 28:02d}"
        energy = 7 if bad_line == number + 2 else 1
        lines.append(f"{day},research,1,{energy},entry {number}\n")
    return "".join(lines)


@pytest.fixture
def background_above(settings):
    """Queue any upload of more than 3 planned entries, so tests stay small."""
    settings.OWNPATH_IMPORT_BACKGROUND_ROWS = 3
    return 3


def _upload(client, name: str, content: bytes | str, **fields):
    data = content.encode() if isinstance(content, str) else content
    return client.post("/import/", {"file": SimpleUploadedFile(name, data), "format": "auto", **fields})


def _queued_run(client, content: str, **fields) -> ImportRun:
    _upload(client, "big.csv", content, **fields)
    response = client.post("/import/confirm/")
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/import/runs/{run.pk}/"
    return run


def _jobs_of_runs() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="ownpath.imports.runs.import_upload_in_background").count()


def test_a_big_upload_is_imported_by_the_worker_all_or_nothing(owner_client, user, background_above, run_jobs):
    run = _queued_run(owner_client, journal_csv(6))
    assert Episode.objects.filter(user=user).count() == 0  # nothing inline
    assert not PendingUpload.objects.filter(user=user).exists()
    page = owner_client.get(f"/import/runs/{run.pk}/").content.decode()
    assert "Importing 6 entries in the background…" in page
    assert f'hx-get="/import/runs/{run.pk}/status/"' in page and 'hx-trigger="every 2s"' in page
    assert f'href="/import/runs/{run.pk}/"' in page  # the reload link works without JavaScript
    assert "Importing 6 entries" in owner_client.get("/import/").content.decode()  # shown on the import page too

    assert run_jobs() == 1
    assert Episode.objects.filter(user=user).count() == 6
    run.refresh_from_db()
    assert run.status == "done" and run.started_at and run.finished_at and bytes(run.data) == b""
    status = owner_client.get(f"/import/runs/{run.pk}/status/", HTTP_HX_REQUEST="true").content.decode()
    assert "Imported 6 entries." in status and 'href="/journal/"' in status
    assert "hx-trigger" not in status  # the polling stops once the run has ended
    assert "Importing" not in owner_client.get("/import/").content.decode()


def test_a_big_upload_with_a_bad_line_fails_as_a_whole_with_its_line_shown(owner_client, user, background_above,
                                                                           run_jobs):
    from ownpath.imports import runs

    # The preview found the file clean; the worker reads line 5 as bad (as when the journal changed meanwhile).
    run = _queued_run(owner_client, journal_csv(6))
    ImportRun.objects.filter(pk=run.pk).update(data=journal_csv(6, bad_line=5).encode())
    run_jobs()
    run.refresh_from_db()
    assert run.status == "failed" and run.problems[0]["line"] == 5 and run.problems[0]["field"] == "energy"
    assert Episode.objects.filter(user=user).count() == 0
    status = owner_client.get(f"/import/runs/{run.pk}/status/").content.decode()
    assert "Nothing imported: 1 problem" in status and "line 5" in status and "energy" in status
    assert "Traceback" not in status and "hx-trigger" not in status
    assert runs.STALLED_MESSAGE not in status


def test_a_crash_in_the_worker_fails_the_run_with_one_line_and_saves_nothing(owner_client, user, background_above,
                                                                            run_jobs, monkeypatch):
    from ownpath.imports import bulk, runs

    run = _queued_run(owner_client, journal_csv(6))
    real_insert = bulk.insert_rows

    def insert_then_crash(*args, **kwargs):
        real_insert(*args, **kwargs)  # some rows are written before the crash: they must roll back
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bulk, "insert_rows", insert_then_crash)
    run_jobs()
    run.refresh_from_db()
    assert run.status == "failed" and run.error == runs.CRASHED_MESSAGE and run.finished_at
    assert Episode.objects.filter(user=user).count() == 0
    page = owner_client.get(f"/import/runs/{run.pk}/").content.decode()
    assert "nothing was imported" in page and "disk on fire" not in page and "RuntimeError" not in page


def test_a_run_whose_worker_died_ends_failed_not_running_forever(owner_client, background_above):
    import datetime as dt

    from django.utils import timezone

    from ownpath.imports.runs import STALLED_RUN_MINUTES, fail_stalled_import_runs

    run = _queued_run(owner_client, journal_csv(6))
    long_ago = timezone.now() - dt.timedelta(minutes=STALLED_RUN_MINUTES + 1)
    ImportRun.objects.filter(pk=run.pk).update(status="running", started_at=long_ago)
    status = owner_client.get(f"/import/runs/{run.pk}/status/").content.decode()
    assert "Nothing imported" in status and "hx-trigger" not in status
    assert ImportRun.objects.get(pk=run.pk).status == "failed"
    assert fail_stalled_import_runs() == 0  # already closed


def test_a_small_upload_is_still_imported_inside_the_confirm(owner_client, user, background_above):
    _upload(owner_client, "small.csv", journal_csv(3))
    response = owner_client.post("/import/confirm/", follow=True)
    assert "Imported 3 entries." in response.content.decode()
    assert Episode.objects.filter(user=user).count() == 3
    assert not ImportRun.objects.exists() and _jobs_of_runs() == 0


def test_confirming_a_big_upload_twice_queues_it_once(owner_client, background_above, run_jobs):
    _queued_run(owner_client, journal_csv(6))
    again = owner_client.post("/import/confirm/")
    assert again.status_code == 409 and "already imported or cancelled" in again.content.decode()
    assert ImportRun.objects.count() == 1 and _jobs_of_runs() == 1
    assert run_jobs() == 1 and Episode.objects.count() == 6


def test_another_person_gets_404_for_a_run_and_its_status(owner_client, other_client, background_above):
    run = _queued_run(owner_client, journal_csv(6))
    for url in (f"/import/runs/{run.pk}/", f"/import/runs/{run.pk}/status/"):
        response = other_client.get(url)
        assert response.status_code == 404 and "big.csv" not in response.content.decode()
    assert "Importing" not in other_client.get("/import/").content.decode()
    assert owner_client.get(f"/import/runs/{run.pk + 1}/status/").status_code == 404


def test_a_big_calendar_imported_in_the_background_points_to_the_rate_page(owner_client, user, background_above,
                                                                          run_jobs):
    _upload(owner_client, "cal.ics", weekly_one_to_one(), since="2025-03-01", until="2025-04-30",
            tz="Europe/Berlin")
    run = ImportRun.objects.get() if owner_client.post("/import/confirm/").status_code == 302 else None
    assert run is not None
    run_jobs()
    assert PendingEvent.objects.filter(user=user).count() == 5
    status = owner_client.get(f"/import/runs/{run.pk}/status/").content.decode()
    assert "5 imported events wait for your energy rating" in status and 'href="/rate/"' in status


def test_an_expired_session_while_polling_sends_the_whole_page_to_log_in(client, user):
    run = ImportRun.objects.create(user=user, filename="big.csv", entries=6000)
    response = client.get(f"/import/runs/{run.pk}/status/", HTTP_HX_REQUEST="true",
                          HTTP_HX_CURRENT_URL=f"http://testserver/import/runs/{run.pk}/")
    assert response.status_code == 200 and "<form" not in response.content.decode()
    assert response["HX-Redirect"] == f"/login/?next=/import/runs/{run.pk}/"
