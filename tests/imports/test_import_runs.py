"""Import runs: a big confirmed upload moves into a run the worker imports once, all or nothing."""

from __future__ import annotations

import pytest

from ownpath.errors import NotFound
from ownpath.imports import runs, uploads
from ownpath.imports.models import ImportRun, PendingUpload
from ownpath.imports.planning import ImportOptions
from ownpath.imports.runs import import_run_for, run_import
from ownpath.imports.uploads import confirm_upload, store_upload
from ownpath.journal.models import Episode
from tests.web.test_import_in_background import journal_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_run(user, settings) -> ImportRun:
    """A confirmed upload of 6 entries, above a threshold of 3: queued, not imported."""
    settings.OWNPATH_IMPORT_BACKGROUND_ROWS = 3
    store_upload(user, journal_csv(6).encode(), "big.csv", ImportOptions(time_zone="Europe/Berlin"))
    return confirm_upload(user)


def test_a_confirm_above_the_threshold_moves_the_upload_into_a_queued_run(queued_run, user):
    assert isinstance(queued_run, ImportRun)
    assert queued_run.status == "queued" and queued_run.entries == 6 and queued_run.filename == "big.csv"
    assert queued_run.options["time_zone"] == "Europe/Berlin" and bytes(queued_run.data).startswith(b"date,")
    assert not PendingUpload.objects.filter(user=user).exists() and not Episode.objects.exists()
    with pytest.raises(NotFound):
        confirm_upload(user)


def test_the_threshold_counts_planned_entries_and_is_inclusive(user, settings):
    settings.OWNPATH_IMPORT_BACKGROUND_ROWS = 6
    store_upload(user, journal_csv(6).encode(), "six.csv", ImportOptions())
    assert confirm_upload(user)["imported"] == 6 and not ImportRun.objects.exists()


def test_a_run_delivered_twice_is_imported_once(queued_run, user):
    assert run_import(queued_run.pk).status == "done"
    assert run_import(queued_run.pk).status == "done"
    assert Episode.objects.filter(user=user).count() == 6
    assert ImportRun.objects.get().summary == {"imported": 6, "pending": 0, "skipped_duplicates": 0,
                                               "format": "ownpath-csv"}


def test_a_run_failed_as_stalled_while_importing_keeps_nothing(queued_run, user, monkeypatch):
    real_finish = runs._finish_run

    def declared_stalled_meanwhile(run, status, **fields):
        # Another process failed the run as stalled: the conditional update finds it no longer running.
        return False if status == "done" else real_finish(run, status, **fields)

    monkeypatch.setattr(runs, "_finish_run", declared_stalled_meanwhile)
    run = run_import(queued_run.pk)
    assert run.status != "done" and run.summary is None
    assert not Episode.objects.filter(user=user).exists()


def test_a_run_is_found_only_for_its_owner(queued_run, user, other_user):
    assert import_run_for(user, queued_run.pk) == queued_run
    with pytest.raises(NotFound):
        import_run_for(other_user, queued_run.pk)


def test_a_person_deleted_before_the_worker_came_leaves_nothing_to_run(queued_run, user):
    user.delete()
    assert run_import(queued_run.pk) is None


def test_a_previewed_big_upload_is_queued_without_planning_it_again(user, settings, monkeypatch):
    from django.core.cache import cache

    settings.OWNPATH_IMPORT_BACKGROUND_ROWS = 3
    store_upload(user, journal_csv(6).encode(), "big.csv", ImportOptions())
    assert uploads.plan_upload(user)[1].total == 6  # the preview
    cache.clear()  # the confirm reaches another server process, whose plan cache is empty

    def no_planning(*args, **kwargs):
        raise AssertionError("the confirm planned the file again")

    monkeypatch.setattr(uploads, "plan_import", no_planning)
    run = confirm_upload(user)
    assert isinstance(run, ImportRun) and run.entries == 6


def test_a_previewed_upload_is_planned_again_when_the_journal_changed(user, settings, episode_factory, monkeypatch):
    settings.OWNPATH_IMPORT_BACKGROUND_ROWS = 3
    store_upload(user, journal_csv(6).encode(), "big.csv", ImportOptions())
    assert uploads.plan_upload(user)[1].total == 6
    episode_factory()  # a new entry: the count noted at the preview no longer describes this journal
    planned = []
    real_plan = uploads.plan_import
    monkeypatch.setattr(uploads, "plan_import",
                        lambda *args, **kwargs: planned.append(1) or real_plan(*args, **kwargs))
    outcome = confirm_upload(user)
    assert planned == [1] and isinstance(outcome, ImportRun) and outcome.entries == 6


def test_finished_runs_are_pruned_after_thirty_days_and_unfinished_ones_never(user):
    import datetime as dt

    from django.utils import timezone

    long_ago = timezone.now() - dt.timedelta(days=31)
    old_done = ImportRun.objects.create(user=user, status=ImportRun.Status.DONE, finished_at=long_ago)
    ImportRun.objects.create(user=user, status=ImportRun.Status.FAILED, finished_at=long_ago)
    recent = ImportRun.objects.create(user=user, status=ImportRun.Status.DONE, finished_at=timezone.now())
    waiting = ImportRun.objects.create(user=user, status=ImportRun.Status.QUEUED)
    assert runs.prune_finished_import_runs() == 2
    assert set(ImportRun.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
    assert not ImportRun.objects.filter(pk=old_done.pk).exists()
