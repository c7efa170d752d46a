"""Every shell command in the README's and docs/'s code blocks runs as written, on a throwaway journal.

The commands are read from the documents themselves, so a command added there is tested here
without touching this file. The few that cannot run in a test are listed in SKIPPED (with
the reason) or REWRITTEN (with what runs instead and why); keep both tables short.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# The documents a newcomer reads, in reading order (later commands may rely on earlier ones).
DOCUMENTS = [README, *(ROOT / "docs" / name for name in
                       ("user-guide.md", "imports.md", "teams.md", "operations.md", "development.md"))]
ONET_FIXTURE = ROOT / "tests" / "fixtures" / "onet"

# Commands that cannot run in a test, exactly as the README writes them, with the reason.
SKIPPED = {
    "python3 scripts/quickstart.py": "long-running: sets up .venv, then serves the web app until Ctrl-C",
    "python3 scripts/test.py": "long-running: runs this very test suite",
    "ownpath serve --local": "long-running: serves until stopped (tests/cli/test_serve.py starts it for real)",
    "ownpath serve": "long-running: serves until stopped (tests/web/test_deploy.py and test_serve.py cover it)",
    "ownpath values": "interactive: asks questions one at a time (the --set and --show forms run here)",
    "python scripts/build_reference_data.py --onet ../shared/data":
        "a maintainer's step: needs the full O*NET release in ../shared/data (not in the repository)",
}
# README lines written as shorthand or needing an answer typed in, and the commands run instead.
REWRITTEN = {
    "ownpath option list | edit NAME ... | remove NAME": (
        "shorthand for three commands", [
            "ownpath option list",
            "ownpath option edit Director --pay 150000",
            "ownpath option remove Director",
        ]),
    "ownpath rules list | add | test": (
        "shorthand for three commands", [
            "ownpath rules list",
            "ownpath rules add managing --keyword interview",
            "ownpath rules test 'Interview with a candidate'",
        ]),
    "ownpath import daylio_export.csv": (
        "confirms the activity mapping interactively; --yes accepts the suggestions",
        ["ownpath import daylio_export.csv --yes"]),
    "ownpath data onet ../shared/data": (
        "the full O*NET release is not in the repository; the tests' small release is loaded",
        [f"ownpath data onet {shlex.quote(str(ONET_FIXTURE))}"]),
}


def readme_commands() -> list[str]:
    """Each shell command in the documents' fenced code blocks: continuations joined, comments dropped."""
    commands, in_block, pending = [], False, ""
    lines = [line for document in DOCUMENTS for line in document.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        if line.startswith("```"):
            in_block = not in_block
            continue
        if not in_block:
            continue
        line = pending + line.strip()
        if line.endswith("\\"):
            pending = line[:-1] + " "
            continue
        pending = ""
        command = re.split(r"\s{2,}#", line, maxsplit=1)[0].strip()  # README puts comments after 2+ spaces
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


def planned_runs() -> list[tuple[str, list[str]]]:
    """(README command, the commands run for it), in README order; skipped ones run nothing."""
    runs = []
    for command in readme_commands():
        if command in REWRITTEN:
            runs.append((command, REWRITTEN[command][1]))
        elif command in SKIPPED:
            runs.append((command, []))
        else:
            runs.append((command, [command]))
    return runs


def write_input_files(folder: Path) -> None:
    """The files README commands read, as a person would have them."""
    from tests.imports.ics_factory import weekly_one_to_one
    from tests.imports.test_import_daylio import EXPORT as DAYLIO_EXPORT

    (folder / "calendar.ics").write_bytes(weekly_one_to_one())
    (folder / "daylio_export.csv").write_bytes(DAYLIO_EXPORT)
    (folder / "hours.csv").write_text("Day,Task,Hours,Mood\n2026-10-05,writing,2,4\n2026-10-06,research,3,5\n",
                                      encoding="utf-8")


def run(command: str, folder: Path) -> subprocess.CompletedProcess:
    """Run one README command in bash (so `VAR=x ownpath …` and `$(ownpath …)` work as written)."""
    words = [w for w in shlex.split(command) if not re.fullmatch(r"[A-Z_]+=\S*", w)]
    assert words[0] == "ownpath", f"only ownpath commands run here: {command!r}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OWNPATH_")}
    # `ownpath` is the console script installed beside this interpreter (scripts/test.py's .venv).
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               OWNPATH_DATA_DIR=str(folder / "data"), COLUMNS="120")
    return subprocess.run(["bash", "-c", command], cwd=folder, env=env, text=True,
                          input="\n" * 40, capture_output=True, timeout=300)


def test_every_readme_command_runs_on_a_throwaway_journal(tmp_path):
    write_input_files(tmp_path)
    failures = []
    for readme_command, commands in planned_runs():
        for command in commands:
            result = run(command, tmp_path)
            if result.returncode != 0 or "Traceback" in result.stderr:
                failures.append(f"{command!r} (README: {readme_command!r}) exited {result.returncode}:\n"
                                f"{result.stderr[-800:] or result.stdout[-800:]}")
    assert not failures, "\n\n".join(failures)


def test_the_readme_commands_were_found_and_every_exception_is_still_in_the_readme():
    commands = readme_commands()
    assert len(commands) > 30 and "ownpath import journal.json" in commands
    assert all(command in commands for command in REWRITTEN)
    for skipped in SKIPPED:
        assert skipped in commands, f"{skipped!r} left the README: drop it from SKIPPED"
    assert all(reason for reason in SKIPPED.values()) and all(reason for reason, _ in REWRITTEN.values())
