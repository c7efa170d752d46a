"""The `ownpath` application: global options, and each area's commands registered on it."""

from __future__ import annotations

import typer

from ownpath.cli import (context, conversations, demo, imports, insights, jobs, journal, occupations, options, paths,
                         sharing, teams, values, web)
from ownpath.cli import directory, reminders, team_planning

app = typer.Typer(
    name="ownpath",
    help="Find the work that is really yours: a private work journal that learns what energizes and drains you.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
@context.user_errors
def main(
    db: str = typer.Option(None, "--db", envvar="OWNPATH_DATABASE_URL",
                           help="Database URL (sqlite:///path or postgresql://...). Default: SQLite in your data directory."),
) -> None:
    """ownpath keeps your journal on your own machine unless you point it at a server."""
    context.choose_database(db)


for area in (journal, demo, insights, values, options, occupations, imports, web, paths, sharing, teams, jobs,
             conversations):
    area.register(app)
team_planning.register(app)
reminders.register(app)
directory.register(app)


def run() -> None:
    """Console-script entry point."""
    app(prog_name="ownpath")
