"""A journal still locked after SQLite's busy timeout answers 503 "try again", never a 500."""

from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_a_database_still_locked_after_the_busy_timeout_is_a_503_to_try_again(owner_client, monkeypatch):
    from django.db import OperationalError

    from ownpath.imports import uploads

    def locked(user):
        raise OperationalError("database is locked")

    monkeypatch.setattr(uploads, "confirm_upload", locked)
    response = owner_client.post("/import/confirm/")
    assert response.status_code == 503 and response["Retry-After"] == "2"
    assert b"Try again in a moment" in response.content
