"""Django settings for ownpath.

Zero configuration by default: a SQLite file in the user's data directory. A team server
sets OWNPATH_DATABASE_URL (e.g. postgresql://...), OWNPATH_SECRET_KEY, OWNPATH_DEBUG=0 and
OWNPATH_ALLOWED_HOSTS. The test suite picks its database from OWNPATH_TEST_BACKEND.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user's data directory."""
    data_dir = Path(os.environ.get("OWNPATH_DATA_DIR") or platformdirs.user_data_dir("ownpath"))
    return f"sqlite:///{data_dir / 'ownpath.sqlite3'}"


def _database_url() -> str:
    backend = os.environ.get("OWNPATH_TEST_BACKEND")
    if backend == "postgresql":
        return os.environ["OWNPATH_TEST_DATABASE_URL"]
    if backend == "sqlite":
        return "sqlite:///:memory:"
    return os.environ.get("OWNPATH_DATABASE_URL") or default_database_url()


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("OWNPATH_DEBUG", False)
# A local, single-user install needs no secret management; a server must set its own key.
SECRET_KEY = os.environ.get("OWNPATH_SECRET_KEY", "ownpath-local-only-insecure-key-set-OWNPATH_SECRET_KEY")
ALLOWED_HOSTS = [h for h in os.environ.get("OWNPATH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ownpath.journal",
    "ownpath.options",
    "ownpath.occupations",
    "ownpath.imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ownpath.urls"
WSGI_APPLICATION = "ownpath.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(_database_url(), conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web app read while the CLI writes; a busy timeout avoids spurious locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if DATABASES["default"]["NAME"] == ":memory:":
        DATABASES["default"]["OPTIONS"].pop("init_command")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("OWNPATH_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"

# The CLI acts as this user on a local install.
OWNPATH_LOCAL_USERNAME = os.environ.get("OWNPATH_LOCAL_USERNAME", "local")
