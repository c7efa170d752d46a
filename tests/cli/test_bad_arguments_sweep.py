"""Every CLI command with bad arguments (digits of other scripts, negative and huge numbers, NUL,
very long text, dates out of range) ends with a message and status 2, never a traceback.

Commands are read from the CLI itself (so commands added later are swept too); each positional
argument and each option taking a value gets each bad value in turn.
"""

from __future__ import annotations

import pytest
import typer

from ownpath.cli.main import app

pytestmark = pytest.mark.django_db

BAD = ["³", "٣", "-1", "99999999999999999999999", "x" * 3000, "a\x00b", "0001-01-01", "nan"]
# Commands that start a server, a worker loop or a browser, or read a terminal: not swept here.
SKIPPED = {"serve", "worker", "demo", "start", "quickstart", "shell", "report"}


def _commands():
    """(path, click command) of every leaf command."""
    root = typer.main.get_command(app)
    found = []

    def walk(group, path):
        for name, command in group.commands.items():
            if name in SKIPPED:
                continue
            if hasattr(command, "commands"):  # a group (typer vendors its own click)
                walk(command, [*path, name])
            else:
                found.append(([*path, name], command))

    walk(root, [])
    return found


def _calls(path, command):
    """Argument lists: each argument/option with each bad value, the others given something plausible."""
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    options = [p for p in command.params if p.param_type_name == "option" and not p.is_flag and not p.count
               and p.name not in ("db", "output", "help")]
    plausible = ["1"] * sum(max(a.nargs, 1) for a in arguments)
    for bad in BAD:
        for index in range(len(plausible)):
            yield [*path, *plausible[:index], bad, *plausible[index + 1:]]
        for option in options:
            yield [*path, *plausible, option.opts[0], bad]


@pytest.mark.parametrize("path, command", _commands(), ids=lambda v: " ".join(v) if isinstance(v, list) else "")
def test_no_cli_command_shows_a_traceback_for_bad_arguments(cli, path, command):
    failures = []
    for args in _calls(path, command):
        result = cli(*args)
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        if crashed or "Traceback" in result.output or result.exit_code not in (0, 2):
            failures.append((args[:len(path) + 3], result.exit_code, repr(result.exception)[:200]))
    assert not failures, failures
