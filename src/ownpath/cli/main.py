"""The `ownpath` application: global options, and each area's commands registered on it.

`ownpath log` is typed many times a day, so a command that belongs to one area (the journal's,
insights) is answered by an application holding only that area: the other areas' modules (and
the libraries they load, such as rich) are not imported at all. ``app`` (for tests and tools)
is the whole application, built on first use.
"""

from __future__ import annotations

import importlib
import sys

import typer

from ownpath.cli import context

AREAS = ("journal", "demo", "insights", "values", "options", "occupations", "imports", "web", "paths", "sharing",
         "teams", "jobs", "conversations", "team_planning", "reminders", "directory")
# The areas a quick command needs: everything else stays unloaded for it.
QUICK_COMMANDS = {"log": ("journal",), "journal": ("journal",), "entry": ("journal",), "activities": ("journal",),
                  "export": ("journal",), "settings": ("journal",), "insights": ("insights",)}


def build_app(areas: tuple[str, ...] = AREAS) -> typer.Typer:
    """An `ownpath` application with the commands of the given areas (all by default)."""
    application = typer.Typer(
        name="ownpath",
        help="Find the work that is really yours: a private work journal that learns what energizes and drains you.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
    )

    @application.callback()
    @context.user_errors
    def main(
        db: str = typer.Option(None, "--db", envvar="OWNPATH_DATABASE_URL",
                               help="Database URL (sqlite:///path or postgresql://...). Default: SQLite in your data "
                                    "directory."),
    ) -> None:
        """ownpath keeps your journal on your own machine unless you point it at a server."""
        context.choose_database(db)

    for area in areas:
        importlib.import_module(f"ownpath.cli.{area}").register(application)
    return application


def command_of(argv: list[str]) -> str | None:
    """The command an argument list names (the first word after the global options), or None."""
    words = iter(argv)
    for word in words:
        if word == "--db":
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def __getattr__(name: str):
    """``app``: the whole application, built once on first use."""
    if name == "app":
        globals()["app"] = build_app()
        return globals()["app"]
    raise AttributeError(name)


def run() -> None:
    """Console-script entry point: a quick command gets an application with only its area."""
    areas = QUICK_COMMANDS.get(command_of(sys.argv[1:]) or "", AREAS)
    if areas == AREAS:
        build_app(areas)(prog_name="ownpath")
        return
    command = typer.main.get_command(build_app(areas))
    take_text_as_given(command)
    command(prog_name="ownpath")


def take_text_as_given(command) -> None:
    """Let the text options of a command (and its subcommands) through as typed, without pydantic.

    typer 0.29 converts every option through a pydantic TypeAdapter, and importing pydantic
    costs `ownpath log` a quarter of a second; text needs no conversion (the services parse
    it), so options typed ``str`` and flags (``bool``, --help too) get typer's own pass-through
    conversion, which keeps a str or a bool as it is. Options of other types keep pydantic's.
    """
    from typer._click import Context
    from typer._coercion import PassThroughRuntimeParam

    help_option = command.get_help_option(Context(command))  # made on first use otherwise, like the others
    for param in [*getattr(command, "params", ()), *([help_option] if help_option is not None else [])]:
        described = getattr(param, "type_descriptor", None)
        if described is None or described.file_annotation is not None or described.parameter_info.parser is not None:
            continue
        text = described.annotation is str and not described.is_choice
        flag = described.annotation is bool and getattr(param, "is_flag", False)
        if text or flag:
            param._runtime_param = PassThroughRuntimeParam(annotation=described.annotation,
                                                           parameter_info=described.parameter_info)
    for sub in getattr(command, "commands", {}).values():
        take_text_as_given(sub)
