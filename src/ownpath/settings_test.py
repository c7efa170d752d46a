"""Settings of the test suite: the production settings, on the database the test run asks for.

OWNPATH_TEST_BACKEND=sqlite runs on an in-memory SQLite database (pytest-django makes its own);
=postgresql on OWNPATH_TEST_DATABASE_URL (pytest-django creates and drops test_<name> there).
Without OWNPATH_TEST_BACKEND the database is the production one: a server or CLI process a test
starts (which inherits DJANGO_SETTINGS_MODULE) uses the database it is given. Static files are
served from the apps' folders as they are (WhiteNoise's finders), so no test needs collectstatic.
"""

from __future__ import annotations

import os

from ownpath.settings import *  # noqa: F403  (the production settings, changed below only for tests)
from ownpath.settings import database_config

STORAGES = {**STORAGES,  # noqa: F405
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

_BACKEND = os.environ.get("OWNPATH_TEST_BACKEND")
if _BACKEND == "postgresql":
    DATABASES = {"default": database_config(os.environ["OWNPATH_TEST_DATABASE_URL"])}
elif _BACKEND == "sqlite":
    DATABASES = {"default": database_config("sqlite:///:memory:")}
