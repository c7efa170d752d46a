"""Django settings for ownpath.

Zero configuration by default: a SQLite file in the user's data directory. A team server
sets OWNPATH_DATABASE_URL (e.g. postgresql://...), OWNPATH_SECRET_KEY, OWNPATH_DEBUG=0 and
OWNPATH_ALLOWED_HOSTS. Every OWNPATH_* variable is read here and nowhere else (the CLI sets a
few before Django starts: --db, --local); the test suite's database is chosen in settings_test.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import platformdirs

BASE_DIR = Path(__file__).resolve().parent


def _data_dir() -> Path:
    return Path(os.environ.get("OWNPATH_DATA_DIR") or platformdirs.user_data_dir("ownpath"))


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user's data directory."""
    return f"sqlite:///{_data_dir() / 'ownpath.sqlite3'}"


def database_config(url: str) -> dict:
    """Django's database settings for a URL, with what SQLite needs to share a file between processes."""
    database = dj_database_url.parse(url, conn_max_age=60)
    if database["ENGINE"].endswith("sqlite3"):
        # WAL lets the web app read while the CLI writes; a busy timeout makes a writer wait for another.
        # IMMEDIATE transactions take the write lock when they begin: a transaction that reads and then
        # writes would otherwise fail at once with "database is locked" when another writer is busy
        # (SQLite cannot wait for a lock upgrade), instead of waiting its turn.
        database["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        database["CONN_MAX_AGE"] = 0
        if database["NAME"] == ":memory:":
            database["OPTIONS"].pop("init_command")
    return database


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("OWNPATH_DEBUG", False)
# A local, single-user install needs no secret management; a server must set its own key.
OWNPATH_DEFAULT_SECRET_KEY = "ownpath-local-only-insecure-key-set-OWNPATH_SECRET_KEY"
SECRET_KEY = os.environ.get("OWNPATH_SECRET_KEY", OWNPATH_DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = [h for h in os.environ.get("OWNPATH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # its bundled Swagger UI files, so /api/docs loads nothing from the internet
    "django_tasks",
    "django_tasks_db",  # the job queue's embedded default: jobs wait in the database
    "ownpath.journal",
    "ownpath.options",
    "ownpath.occupations",
    "ownpath.paths",
    "ownpath.imports",
    "ownpath.accounts",
    "ownpath.api",
    "ownpath.web",
    "ownpath.reminders",
    "ownpath.reflection",
    "ownpath.teams",
    "ownpath.sharing",
    "ownpath.team_planning",
    "ownpath.jobs",
    "ownpath.conversations",
    "ownpath.directory",
]
# Every app; INSTALLED_APPS below may be a part of it for a quick CLI command.
ALL_INSTALLED_APPS = tuple(INSTALLED_APPS)
# Apps that only serve pages: they hold no tables, and loading django-ninja costs about 0.1 s.
WEB_ONLY_APPS = ("django_htmx", "ninja")
# The apps a quick CLI command loads (cli.context.setup_django(apps=...) sets OWNPATH_CLI_APPS):
# `ownpath log` answers sooner without the other areas' models. Each set holds what the command
# reaches: the journal; imports and occupations (the classifier that suggests activities for
# everyday words learns from O*NET task words; import rows point at activities); sharing with
# teams, jobs and the task queue (a sharer's new entry queues the refit of what they share);
# for insights also team planning (the organisation's pooled prior).
JOURNAL_APPS = ("django.contrib.auth", "django.contrib.contenttypes", "django_tasks", "django_tasks_db",
                "ownpath.journal", "ownpath.imports", "ownpath.occupations", "ownpath.teams", "ownpath.sharing",
                "ownpath.jobs")
CLI_APP_SETS = {"journal": JOURNAL_APPS, "insights": (*JOURNAL_APPS, "ownpath.team_planning")}
if os.environ.get("OWNPATH_CLI_APPS", "") in CLI_APP_SETS:
    INSTALLED_APPS = [app for app in INSTALLED_APPS if app in CLI_APP_SETS[os.environ["OWNPATH_CLI_APPS"]]]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Cache-Control: no-store on every page and API answer (they show people's data).
    "ownpath.web.no_store.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # A strict Content-Security-Policy on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    # Static files under hashed names, cached for good (WhiteNoise); below the CSP so they carry it too.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL character in a query string or form is refused with a 400 (PostgreSQL cannot store it).
    "ownpath.web.input_guard.RefuseNulCharactersMiddleware",
    # SQLite still locked after the busy timeout: a 503 "try again" (nothing saved), never a 500.
    "ownpath.web.busy.DatabaseBusyMiddleware",
    # Only acts when `ownpath serve --local` set OWNPATH_LOCAL_MODE and the request is from loopback.
    "ownpath.web.local.LocalUserMiddleware",
    "ownpath.demo.switch.DemoActAsMiddleware",  # the demo's person/manager switch, local mode only
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
                "ownpath.web.context.navigation",
                "ownpath.web.context.demo_switch",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ.get("OWNPATH_DATABASE_URL") or default_database_url())}

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
# The zone of the person's clock: calendar times without a zone are read in it (None: the
# machine's own zone), and Django shows times in it (UTC when unset).
OWNPATH_TIME_ZONE = os.environ.get("OWNPATH_TIME_ZONE") or None
TIME_ZONE = OWNPATH_TIME_ZONE or "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Our CSS and scripts, the vendored htmx and the API docs' Swagger UI, served by the app itself
# (WhiteNoise) under names that carry a hash of their content, so browsers keep them for good and a
# new version is never mixed with an old one. `ownpath serve` collects them here before serving.
STATIC_ROOT = os.environ.get("OWNPATH_STATIC_ROOT") or str(_data_dir() / "static")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:login"

# Per-process cache of computed insights, keyed on the state of the journal (so never stale).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ownpath"}}
# Sessions live in the database, never in a per-process cache: a log-out in one server process
# must end the session in every other one too (`ownpath serve --workers N`).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Sessions expire: after this many hours a person logs in again.
SESSION_COOKIE_AGE = int(float(os.environ.get("OWNPATH_SESSION_HOURS", "12")) * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Behind HTTPS (a team server), OWNPATH_SECURE=1 turns on secure cookies, HTTPS redirects and HSTS.
# A local install on 127.0.0.1 speaks plain HTTP and leaves it off.
OWNPATH_SECURE = _env_flag("OWNPATH_SECURE", False)
if OWNPATH_SECURE:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("OWNPATH_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
# The reverse proxy in front of `ownpath serve` (its address as the server sees it, e.g. 127.0.0.1):
# only requests from it have their X-Forwarded-Proto/-For/-Host believed (waitress turns them into
# the scheme, the client's address and the host; from anybody else they are dropped).
# OWNPATH_BEHIND_PROXY=1 is the older spelling of a proxy on this machine.
OWNPATH_TRUSTED_PROXY = os.environ.get("OWNPATH_TRUSTED_PROXY", "").strip() or (
    "127.0.0.1" if _env_flag("OWNPATH_BEHIND_PROXY", False) else "")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("OWNPATH_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Every page loads its scripts, styles and images from this site only: no inline scripts or styles,
# no framing. A view with an inline style of its own (the self-contained report) allows exactly
# that style by its hash (ownpath.web.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}

# Failed log-ins allowed per username and address within the window before log-in is refused.
OWNPATH_LOGIN_MAX_FAILURES = int(os.environ.get("OWNPATH_LOGIN_MAX_FAILURES", "5"))
OWNPATH_LOGIN_WINDOW_SECONDS = int(os.environ.get("OWNPATH_LOGIN_WINDOW_SECONDS", "900"))
# Set by `ownpath serve --local`: requests from loopback act as the local user without logging in.
OWNPATH_LOCAL_MODE = _env_flag("OWNPATH_LOCAL_MODE", False)

# Single sign-on with the company's identity provider (OpenID Connect; docs/operations.md). The
# endpoints come from the issuer's discovery document; local accounts can be switched off.
OWNPATH_OIDC_ISSUER = os.environ.get("OWNPATH_OIDC_ISSUER", "").strip().rstrip("/")
OWNPATH_OIDC_CLIENT_ID = os.environ.get("OWNPATH_OIDC_CLIENT_ID", "").strip()
OWNPATH_OIDC_CLIENT_SECRET = os.environ.get("OWNPATH_OIDC_CLIENT_SECRET", "")
OWNPATH_OIDC_ALLOWED_DOMAINS = [d.strip().lower() for d in os.environ.get("OWNPATH_OIDC_ALLOWED_DOMAINS", "").split(",")
                                if d.strip()]
OWNPATH_OIDC_CREATE_ACCOUNTS = _env_flag("OWNPATH_OIDC_CREATE_ACCOUNTS", True)
OWNPATH_OIDC_NAME = os.environ.get("OWNPATH_OIDC_NAME", "your company account")
OWNPATH_LOCAL_ACCOUNTS = _env_flag("OWNPATH_LOCAL_ACCOUNTS", True)
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend",
                           "ownpath.directory.oidc.CompanyIdentityBackend"]
OIDC_RP_CLIENT_ID = OWNPATH_OIDC_CLIENT_ID
OIDC_RP_CLIENT_SECRET = OWNPATH_OIDC_CLIENT_SECRET
OIDC_RP_SIGN_ALGO = os.environ.get("OWNPATH_OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_TIMEOUT = 10
LOGIN_REDIRECT_URL_FAILURE = "/login/"

# The CLI acts as this user on a local install.
OWNPATH_LOCAL_USERNAME = os.environ.get("OWNPATH_LOCAL_USERNAME", "local")

# E-mail (invitations): SMTP when OWNPATH_EMAIL_HOST is set, else printed on the console (local use).
if os.environ.get("OWNPATH_EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["OWNPATH_EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("OWNPATH_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("OWNPATH_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("OWNPATH_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _env_flag("OWNPATH_EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("OWNPATH_EMAIL_FROM", "ownpath@localhost")
# The address people reach this server at, for links in e-mails (invitations).
OWNPATH_BASE_URL = os.environ.get("OWNPATH_BASE_URL", "http://127.0.0.1:8000")

# Server errors go to stderr (the terminal running `ownpath serve`); nothing is sent anywhere.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}

# Background jobs (django-tasks): queued in the database and run by `ownpath worker`, which
# `ownpath serve` starts alongside the web app. Several workers may share one database.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Jobs the worker enqueues once per period (`every` seconds, counted in UTC from the epoch);
# each is a django-tasks task without arguments that works out itself what is due.
OWNPATH_PERIODIC_JOBS: list[dict] = [
    {"task": "ownpath.jobs.tasks.prune_finished_jobs", "every": 24 * 3600},
    {"task": "ownpath.conversations.tasks.send_conversation_reminders", "every": 3600},
    {"task": "ownpath.conversations.tasks.send_agreement_reminders", "every": 3600},
    {"task": "ownpath.reminders.tasks.send_reminders", "every": 900},
    # Team figures read precomputed contributions: keep them (and the figures) at most an hour behind the journals.
    {"task": "ownpath.sharing.tasks.refresh_aggregate_contributions", "every": 3600},
    # Shared items open from stored insights: refit the sharers whose journal changed.
    {"task": "ownpath.sharing.tasks.refresh_shared_insights", "every": 900},
    # A big web import whose worker died mid-way (its lease lapsed) is queued again once, then ends "failed"
    # (nothing was imported), never "running" forever; checked every minute so it is found within two.
    {"task": "ownpath.imports.tasks.fail_stalled_import_runs", "every": 60},
    {"task": "ownpath.imports.tasks.prune_finished_import_runs", "every": 24 * 3600},
]
# Bounds every importer shares (imports.limits): a small hostile file must not cost minutes or
# gigabytes. Bytes of a file; rows of a CSV or entries of a JSON export; calendar occurrences after
# recurring series are expanded; CPU seconds one recurring rule may take.
OWNPATH_IMPORT_MAX_MB = _env_number("OWNPATH_IMPORT_MAX_MB", 200)
OWNPATH_IMPORT_MAX_ROWS = int(_env_number("OWNPATH_IMPORT_MAX_ROWS", 1_000_000))
OWNPATH_IMPORT_MAX_OCCURRENCES = int(_env_number("OWNPATH_IMPORT_MAX_OCCURRENCES", 50_000))
OWNPATH_IMPORT_RULE_SECONDS = _env_number("OWNPATH_IMPORT_RULE_SECONDS", 2.0)
# A file uploaded on the web import page may hold this many MB.
OWNPATH_WEB_IMPORT_MAX_MB = _env_number("OWNPATH_WEB_IMPORT_MAX_MB", 5)
# An O*NET release folder the import classifier learns work activities from (besides the loaded one).
OWNPATH_ONET_DIR = os.environ.get("OWNPATH_ONET_DIR") or None
# A web upload planning more entries than this is imported by the background worker after its
# confirm (the page follows its progress); a smaller one inside the confirm request.
OWNPATH_IMPORT_BACKGROUND_ROWS = int(os.environ.get("OWNPATH_IMPORT_BACKGROUND_ROWS", "5000"))
# An organisation of up to this many members gets its anonymous figures recomputed inside the
# request that finds them out of date (milliseconds); a larger one by the background worker.
OWNPATH_FIGURES_INLINE_UP_TO = int(os.environ.get("OWNPATH_FIGURES_INLINE_UP_TO", "500"))
