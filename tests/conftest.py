"""Shared fixtures: people, episodes and the CLI, on the database chosen by OWNPATH_TEST_BACKEND."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Generation speed depends on how busy the machine is; correctness does not.
settings.register_profile("ownpath", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ownpath")

BACKEND = os.environ.get("OWNPATH_TEST_BACKEND", "sqlite")
SHARED_DATA = Path(os.environ.get("OWNPATH_SHARED_DATA", Path(__file__).resolve().parents[1].parent / "shared" / "data"))


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        {"db", "transactional_db", "live_server", "django_db_setup"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL pass run only the tests that touch the database (the rest ran on SQLite)."""
    if BACKEND != "postgresql":
        return
    keep = [item for item in items if _uses_database(item) and item.get_closest_marker("browser") is None]
    config.hook.pytest_deselected(items=[item for item in items if item not in keep])
    items[:] = keep


def pytest_runtest_setup(item):
    """Skip tests that need ../shared/data when it is absent, with the reason."""
    if item.get_closest_marker("shared_data") and not SHARED_DATA.is_dir():
        pytest.skip(f"needs the O*NET reference data in {SHARED_DATA} (set OWNPATH_SHARED_DATA)")


def pytest_report_header(config):
    return f"ownpath database backend: {BACKEND}"


ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.fixture(autouse=True)
def _fast_password_hashing_and_empty_cache(request, settings):
    """Argon2 is slow on purpose: tests hash with a fast hasher unless they check Argon2 itself.

    The cache is emptied too, so cached insights and log-in throttles never carry over.
    """
    from django.core.cache import cache

    cache.clear()
    if "argon2" not in request.keywords:
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", ARGON2]


@pytest.fixture
def no_bundled_data(settings):
    """A database where the occupation data shipped with ownpath is not loaded on first use."""
    settings.OWNPATH_AUTOLOAD_OCCUPATIONS = False


@pytest.fixture
def shared_data() -> Path:
    """The reference data folder (tests using it are marked shared_data)."""
    return SHARED_DATA


@pytest.fixture
def user(django_user_model):
    """A person with an account."""
    return django_user_model.objects.create_user("alex", password="correct horse battery staple")


@pytest.fixture
def other_user(django_user_model):
    """Somebody else, whose journal must stay invisible to `user`."""
    return django_user_model.objects.create_user("blake", password="another long passphrase")


@pytest.fixture
def local_user(db):
    """The person the CLI acts as."""
    from ownpath.journal.services import local_user as get_local_user

    return get_local_user()


@pytest.fixture
def episode_factory(user):
    """Log an episode through the service, with sensible defaults for fields not given."""
    from ownpath.journal.services import log_episode

    def make(owner=None, **fields):
        raw = {"date": dt.date.today() - dt.timedelta(days=1), "activity": "research", "hours": 1.0, "energy": 1}
        raw.update(fields)
        return log_episode(owner or user, raw)

    return make


@pytest.fixture
def cli(local_user):
    """Run the ownpath CLI in-process as the local user; returns the click Result."""
    from typer.testing import CliRunner

    from ownpath.cli.main import app

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return run


@pytest.fixture
def keep_test_connection(monkeypatch):
    """Stop the in-process job worker from closing the database connection between jobs.

    A real worker does that to drop stale connections; inside a test it would close the
    connection holding the test's transaction (PostgreSQL).
    """
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def run_jobs(db, settings, keep_test_connection):
    """Run the background jobs queued so far, as `ownpath worker --once` does; returns how many ran.

    The periodic jobs are left out, so a test counts only the jobs it queued.
    """
    from ownpath.jobs.worker import run_queued_jobs

    settings.OWNPATH_PERIODIC_JOBS = []
    return run_queued_jobs


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server (aiosmtpd) on a free loopback port, with Django's SMTP backend pointed at it.

    `smtp_server.messages` holds what arrived, as `email.message.EmailMessage` objects.
    """
    from tests.smtp import LoopbackSMTPServer

    server = LoopbackSMTPServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    yield server
    server.stop()


@pytest.fixture
def org(django_user_model, user):
    """Acme: Engineering (managed by mia) with sub-team Platform (managed by pat); Sales managed by sam.

    alex is a member of Engineering; tess a peer in Engineering; lena a people lead; ada the admin;
    olga is outside the organisation.
    """
    from types import SimpleNamespace

    from ownpath.teams import services as teams
    from ownpath.teams.models import Membership, OrganisationRole

    make = lambda name: django_user_model.objects.create_user(name, password="long enough passphrase 1")  # noqa: E731
    ada, mia, pat, sam, tess, lena, olga = (make(n) for n in ("ada", "mia", "pat", "sam", "tess", "lena", "olga"))
    acme = teams.create_organisation(ada, "Acme")
    engineering = teams.create_team(ada, acme, "Engineering")
    platform = teams.create_team(ada, acme, "Platform", parent=engineering)
    sales = teams.create_team(ada, acme, "Sales")
    for team, person, role in ((engineering, user, "member"), (engineering, tess, "member"),
                               (engineering, mia, "manager"), (platform, pat, "manager"),
                               (sales, sam, "manager")):
        Membership.objects.create(team=team, person=person, role=role)
    OrganisationRole.objects.create(organisation=acme, person=lena, role=OrganisationRole.PEOPLE_LEAD)
    return SimpleNamespace(acme=acme, engineering=engineering, platform=platform, sales=sales, owner=user,
                           admin=ada, manager=mia, sub_manager=pat, other_manager=sam, peer=tess,
                           people_lead=lena, outsider=olga)
