"""The batched insert used by large imports: same rows as the ORM would write, same errors."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import IntegrityError, transaction

from ownpath.imports.bulk import insert_rows
from ownpath.imports.parsers.ownpath import fast_journal_csv
from ownpath.journal.models import Activity, Episode

pytestmark = pytest.mark.django_db


def test_inserted_rows_read_back_like_orm_rows(user):
    research = Activity.objects.get(slug="research", owner=None)
    fixed = uuid.uuid4()
    with transaction.atomic():
        insert_rows(Episode, [
            {"user_id": user.pk, "date": dt.date(2025, 3, 3), "start_time": dt.time(9, 30), "activity_id": research.pk,
             "hours": 1.5, "energy": -2, "skill": None, "engagement": 7, "growth": True, "off_clock": False,
             "with_whom": "Sam", "note": "näive, \"quoted\"\nline", "source": "csv", "external_id": "row:1",
             "uuid": fixed},
            {"user_id": user.pk, "date": dt.date(2025, 3, 4), "activity_id": research.pk, "hours": 2.0, "energy": 1},
        ], batch_size=1)
    first, second = Episode.objects.order_by("date")
    assert (first.uuid, first.start_time, first.note, first.growth, first.skill) == (
        fixed, dt.time(9, 30), "näive, \"quoted\"\nline", True, None)
    assert second.uuid != first.uuid and second.note == "" and second.off_clock is False
    assert first.created_at is not None


def test_duplicate_rows_raise_the_frameworks_integrity_error(user):
    research = Activity.objects.get(slug="research", owner=None)
    row = {"user_id": user.pk, "date": dt.date(2025, 3, 3), "activity_id": research.pk, "hours": 1.0, "energy": 0,
           "source": "csv", "external_id": "row:same"}
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_rows(Episode, [row, dict(row)])
    assert Episode.objects.count() == 0


def test_fast_csv_path_declines_anything_not_plainly_valid():
    header = "date,activity,hours,energy,skill,engagement,growth,with,note\n"
    known = {"research"}
    assert fast_journal_csv(header + "2025-03-03,research,1,+1,,,growth,,x\n", known) is not None
    for bad in ("2025-03-03,Research & investigating,1,1,,,,,\n", "2025-03-03,research,0,1,,,,,\n",
                "2025-03-03,research,1,3,,,,,\n", "2025-03-03,research,nan,1,,,,,\n", "2999-01-01,research,1,1,,,,,\n",
                "2025-03-03,research,1,1,,,maybe,,\n", "2025-03-03,research,1,1,,,,,\x01\n", "2025-03-03,research,1\n"):
        assert fast_journal_csv(header + bad, known) is None, bad
