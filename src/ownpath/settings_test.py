"""Settings of the test suite: the production settings, on the database the test run asks for.

OWNPATH_TEST_BACKEND=sqlite runs on an in-memory SQLite database (pytest-django makes its own);
=postgresql on OWNPATH_TEST_DATABASE_URL (pytest-django creates and drops test_<name> there).
Without OWNPATH_TEST_BACKEND these are exactly the production settings: a server or CLI process a
test starts (which inherits DJANGO_SETTINGS_MODULE) uses the database it is given.
"""

from __future__ import annotations

import os

from ownpath.settings import *  # noqa: F403  (the production settings, changed below only for tests)
from ownpath.settings import database_config

_BACKEND = os.environ.get("OWNPATH_TEST_BACKEND")
if _BACKEND == "postgresql":
    DATABASES = {"default": database_config(os.environ["OWNPATH_TEST_DATABASE_URL"])}
elif _BACKEND == "sqlite":
    DATABASES = {"default": database_config("sqlite:///:memory:")}
