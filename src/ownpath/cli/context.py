"""Start Django for a CLI command on the chosen database and find the acting user."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import typer

from ownpath.errors import UserInputError
from ownpath.journal.validation import FieldError

_state: dict = {"database_url": None}


def choose_database(database_url: str | None) -> None:
    """Remember the --db option; Django starts lazily, on the first command that needs it."""
    _state["database_url"] = database_url


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


def setup_django(database_url: str | None = None) -> None:
    """Configure and start Django once, creating and migrating the database if needed."""
    import django
    from django.apps import apps

    if apps.ready:  # already running (tests, or a second call in one process)
        return
    point_settings_at_database(database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ownpath.settings")
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3") and database["NAME"] != ":memory:":
        Path(database["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    django.setup()
    migrate_if_needed()


def migrate_if_needed() -> None:
    """Apply pending migrations quietly: the first command creates the database."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:  # the database cannot be reached or opened
        raise UserInputError(f"cannot open the database: {exc}".strip()) from None
    if pending:
        call_command("migrate", verbosity=0, interactive=False)


def acting_user(database_url: str | None = None):
    """The local user the CLI acts as, on a started and migrated database."""
    setup_django(database_url)
    from ownpath.journal.services import local_user

    return local_user()


def user_errors(command):
    """Turn a user's mistake into a message on stderr and exit status 2, never a traceback."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except UserInputError as exc:
            typer.echo(f"error: {exc.message}", err=True)
            raise typer.Exit(2) from None
        except FieldError as exc:
            typer.echo(f"error: {exc.field}: {exc.message}", err=True)
            raise typer.Exit(2) from None

    return wrapper
