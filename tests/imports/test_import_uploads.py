"""Web uploads held between preview and confirm: per person, size-limited, confirmed once."""

from __future__ import annotations

import pytest

from ownpath.errors import NotFound, UserInputError
from ownpath.imports import uploads
from ownpath.imports.models import PendingUpload, RememberedChoice
from ownpath.imports.planning import ImportOptions
from ownpath.imports.rating import remember_title_activities
from ownpath.imports.uploads import confirm_upload, discard_upload, plan_upload, store_upload, upload_options
from ownpath.journal.models import Episode

pytestmark = pytest.mark.django_db
CSV = b"date,activity,hours,energy\n2025-03-03,research,2,2\n"


def test_an_upload_keeps_its_options_and_a_new_one_replaces_it(user):
    import datetime as dt

    store_upload(user, b"old", "old.csv", ImportOptions())
    upload = store_upload(user, CSV, "j.csv", ImportOptions(since=dt.date(2025, 3, 1), time_zone="Europe/Berlin"))
    assert PendingUpload.objects.filter(user=user).count() == 1
    options = upload_options(upload)
    assert options.since == dt.date(2025, 3, 1) and options.time_zone == "Europe/Berlin"
    assert plan_upload(user)[1].total == 1


def test_confirm_imports_once_and_only_for_its_owner(user, other_user):
    store_upload(user, CSV, "j.csv", ImportOptions())
    with pytest.raises(NotFound):
        confirm_upload(other_user)
    assert confirm_upload(user)["imported"] == 1
    with pytest.raises(NotFound):
        confirm_upload(user)
    assert Episode.objects.filter(user=user).count() == 1 and not Episode.objects.filter(user=other_user).exists()


def test_empty_and_oversized_uploads_are_refused(user, monkeypatch):
    with pytest.raises(UserInputError, match="empty"):
        store_upload(user, b"", "x.csv", ImportOptions())
    monkeypatch.setattr(uploads, "UPLOAD_MAX_BYTES", 10)
    with pytest.raises(UserInputError, match="MB a web upload may hold"):
        store_upload(user, CSV, "x.csv", ImportOptions())
    assert not PendingUpload.objects.exists()


def test_discarding_forgets_only_ones_own_upload(user, other_user):
    store_upload(user, CSV, "j.csv", ImportOptions())
    assert discard_upload(other_user) is False
    assert discard_upload(user) is True and not PendingUpload.objects.exists()


def test_title_activities_are_remembered_all_or_nothing(user):
    with pytest.raises(UserInputError, match="unknown 'nonsense'"):
        remember_title_activities(user, {"Zqx": "research", "Flurb": "nonsense"})
    assert not RememberedChoice.objects.exists()
    assert remember_title_activities(user, {"Zqx": "research", "Later": ""}) == 1
    assert RememberedChoice.objects.get(user=user).key == "title:zqx"
