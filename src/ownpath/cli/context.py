"""Start Django for a CLI command on the chosen database and find the acting user."""

from __future__ import annotations

import functools
import importlib.util
import os
import warnings
from pathlib import Path, PurePath
from typing import NamedTuple

import typer

from ownpath.errors import UserInputError
from ownpath.journal.validation import FieldError

_state: dict = {"database_url": None, "read_only": None}


SUPPORTED_SCHEMES = ("sqlite", "postgres", "postgresql", "pgsql")


def choose_database(database_url: str | None) -> None:
    """Remember the --db option; Django starts lazily, on the first command that needs it.

    A plain file path means a SQLite file there; a URL of another kind of database is refused.
    """
    _state["database_url"] = database_url_from(database_url) if database_url else None


def database_url_from(value: str) -> str:
    """A database URL from --db: ``sqlite:///PATH``, ``postgresql://...``, or a plain path to a SQLite file."""
    text = value.strip()
    if "://" not in text:
        if not text:
            raise UserInputError("--db: give a SQLite file path, sqlite:///PATH or postgresql://user@host:port/name")
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    scheme = text.split("://", 1)[0].lower()
    if scheme not in SUPPORTED_SCHEMES:
        raise UserInputError(f"--db: {scheme}:// databases are not supported; use a SQLite file path "
                             "(or sqlite:///PATH) or postgresql://user@host:port/name")
    return text


def demo_database_url() -> str:
    """The demo's own SQLite file, kept apart from the person's real journal."""
    import platformdirs

    data_dir = Path(os.environ.get("OWNPATH_DATA_DIR") or platformdirs.user_data_dir("ownpath"))
    return f"sqlite:///{data_dir / 'demo.sqlite3'}"


def point_settings_at_database(database_url: str | None = None) -> None:
    """Make Django's settings, read when Django starts, use the given database or else --db."""
    url = database_url or _state["database_url"]
    if url:
        os.environ["OWNPATH_DATABASE_URL"] = url


def setup_django(database_url: str | None = None, apps: str | None = None) -> None:
    """Configure and start Django once, creating and migrating the database if needed.

    ``apps``: a quick command's set of apps (settings.CLI_APP_SETS: "journal", "insights"), so that
    `ownpath log` answers sooner; on a database that is not up to date every app is loaded
    instead (less the web-only ones), since the migration needs them all.
    """
    import django
    from django.apps import apps as registry

    if registry.ready:  # already running (tests, or a second call in one process)
        return
    if apps:
        os.environ.setdefault("OWNPATH_CLI_APPS", apps)
    point_settings_at_database(database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ownpath.settings")
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
        path = Path(database["NAME"])
        if path.exists() and not os.access(path, os.W_OK):
            open_read_only(database, path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    if apps and tuple(settings.INSTALLED_APPS) != settings.ALL_INSTALLED_APPS:
        every_app = [app for app in settings.ALL_INSTALLED_APPS if app not in settings.WEB_ONLY_APPS]
        if _every_migration_applied(_apps_before_start(settings.INSTALLED_APPS, every_app)):
            django.setup()
            return
        settings.INSTALLED_APPS = every_app  # not up to date: migrated with every app, below
    django.setup()
    migrate_if_needed()


class _AppOnDisk(NamedTuple):
    """Where an app's migrations are, and the label they are recorded under."""

    label: str
    path: str


def _apps_before_start(loaded: list[str], every_app: list[str]) -> list:
    """Label and folder of every app before Django starts, importing no app that will not be loaded.

    The apps about to be loaded give their AppConfig (imported anyway); the others are found on
    disk and carry their default label, the last part of their name (tests/cli checks it holds).
    """
    from django.apps.config import AppConfig

    found = []
    for name in every_app:
        if name in loaded:
            found.append(AppConfig.create(name))
        else:
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                found.append(_AppOnDisk(name.rpartition(".")[2], str(Path(spec.origin).parent)))
    return found


def open_read_only(database: dict, path: Path) -> None:
    """Open a SQLite file the person may not write as read-only: commands that only read work.

    Nothing is written at start-up then (no journal-mode change); a command that writes
    fails with one line naming the file (see ``user_errors``).
    """
    _state["read_only"] = str(path)
    database["NAME"] = f"file:{path.resolve()}?mode=ro"  # Django opens SQLite with uri=True
    database.setdefault("OPTIONS", {}).pop("init_command", None)


def _every_migration_applied(app_configs=None) -> bool:
    """True when each migration file of every installed app (or of ``app_configs``) is recorded as applied.

    Read from the file names and the django_migrations table, without importing a migration:
    building Django's migration graph costs a tenth of a second on every command. Anything
    unusual (no table yet, a squashed migration) answers False and the full check runs. Before
    Django starts, ``app_configs`` (AppConfig.create: no models imported) name the apps to check.
    """
    from django.db import connection

    if app_configs is None:
        from django.apps import apps

        app_configs = apps.get_app_configs()
    on_disk = {(app.label, path.stem) for app in app_configs
               for path in (Path(app.path) / "migrations").glob("[0-9]*.py")}
    try:
        with warnings.catch_warnings():  # before Django starts, on purpose: to choose the apps it loads
            warnings.filterwarnings("ignore", "Accessing the database during app initialization", RuntimeWarning)
            with connection.cursor() as cursor:
                cursor.execute("SELECT app, name FROM django_migrations")
                applied = set(cursor.fetchall())
    except Exception:  # no table yet (a new database) or it cannot be read: the full check says why
        return False
    return on_disk <= applied


def migrate_if_needed() -> None:
    """Apply pending migrations quietly: the first command creates the database."""
    if _every_migration_applied():
        return
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # the database cannot be reached or opened
        raise UserInputError(f"cannot open the database: {exc}".strip()) from None
    if pending and _state.get("read_only"):
        raise UserInputError(f"{_state['read_only']} is read-only and was written by an older ownpath: "
                             "make it writable once so it can be upgraded")
    if pending:
        call_command("migrate", verbosity=0, interactive=False)


def acting_user(database_url: str | None = None, apps: str | None = None):
    """The local user the CLI acts as, on a started and migrated database (``apps``: see setup_django)."""
    setup_django(database_url, apps=apps)
    from ownpath.journal.services import local_user

    return local_user()


def user_errors(command):
    """Turn a user's mistake into a message on stderr and exit status 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        nul = _nul_argument(kwargs)
        if nul is not None:
            # No database can be trusted with it (PostgreSQL refuses NUL in text): refused before any work.
            typer.echo(f"error: {nul}: contains a NUL character (\\x00), which is not text", err=True)
            raise typer.Exit(2)
        try:
            return command(*args, **kwargs)
        except UserInputError as exc:
            typer.echo(f"error: {exc.cli_message()}", err=True)
            raise typer.Exit(2) from None
        except FieldError as exc:
            typer.echo(f"error: {exc.field}: {exc.message}", err=True)
            raise typer.Exit(2) from None
        except OSError as exc:
            # A file or folder the person named cannot be read or written (missing, too long a name…).
            name = str(exc.filename or "")
            where = f"{name[:80]}…" if len(name) > 80 else name
            typer.echo(f"error: {where + ': ' if where else ''}{exc.strerror or exc}", err=True)
            raise typer.Exit(2) from None
        except Exception as exc:
            message = _read_only_message(exc)
            if message is None:
                raise
            typer.echo(f"error: {message}", err=True)
            raise typer.Exit(2) from None

    return wrapper


def _nul_argument(arguments: dict) -> str | None:
    """The name of the first argument holding a NUL character (in a string or a list of them), or None."""
    for name, value in arguments.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(isinstance(v, (str, PurePath)) and "\x00" in str(v) for v in values):
            return name.replace("_", "-")
    return None


def _read_only_message(error: Exception) -> str | None:
    """One line for a write refused because the database is read-only; None for other errors."""
    from django.db import DatabaseError

    text = str(error).lower()
    if not isinstance(error, DatabaseError) or not ("readonly" in text or "read-only" in text):
        return None
    from django.conf import settings

    name = _state.get("read_only") or settings.DATABASES["default"]["NAME"]
    return f"{name} is read-only: this command changes your journal, so nothing was changed"
