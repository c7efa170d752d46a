"""The worker runs queued jobs: once (`ownpath worker --once`) and as the periodic prune."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ownpath.jobs.tasks import prune_finished_jobs
from ownpath.mail.services import queue_email

pytestmark = pytest.mark.django_db


def test_a_queued_email_is_sent_only_when_the_worker_runs(run_jobs):
    queue_email("sam@example.org", "Your conversation on Thursday", "Agenda inside.")
    assert mail.outbox == []
    assert run_jobs() == 1
    assert [m.subject for m in mail.outbox] == ["Your conversation on Thursday"]
    assert mail.outbox[0].to == ["sam@example.org"]
    assert run_jobs() == 0  # done jobs are not run again


def test_worker_once_command_runs_queued_and_due_periodic_jobs(cli, settings, keep_test_connection):
    settings.OWNPATH_PERIODIC_JOBS = [{"task": "ownpath.jobs.tasks.prune_finished_jobs", "every": 86400}]
    queue_email(["a@example.org", "b@example.org"], "Hello", "Body")
    result = cli("worker", "--once")
    assert result.exit_code == 0, result.output
    assert "ran 2 job(s)" in result.output  # the e-mail and the daily prune
    assert mail.outbox[0].to == ["a@example.org", "b@example.org"]


def test_prune_removes_only_finished_jobs_older_than_thirty_days(run_jobs):
    queue_email("old@example.org", "old", "body")
    queue_email("new@example.org", "new", "body")
    run_jobs()
    DBTaskResult.objects.filter(args_kwargs__args__0=["old@example.org"]).update(
        finished_at=timezone.now() - dt.timedelta(days=31))
    queue_email("waiting@example.org", "still queued", "body")
    assert prune_finished_jobs.call() == 1
    assert DBTaskResult.objects.count() == 2
