"""Errors a user can cause and fix; entry points show their message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hint:
    """The next step a message points to, named once for every entry point.

    The message itself never names a command or a flag; the CLI shows the hint as the command
    to type and the web as a link to the page where the same thing is done (``page`` is a web
    route name, ``label`` the link's words).
    """

    command: str
    page: str | None  # None: no page does it (work only whoever runs the server can do)
    label: str

    def for_cli(self) -> str:
        """The hint as the CLI says it: the command to run."""
        return f"run `{self.command}`"


# The most common next step: log an entry.
LOG_HINT = Hint("ownpath log ACTIVITY --hours H --energy E", "web:journal", "log an entry")


class UserInputError(Exception):
    """Input the user can correct: the CLI prints the message and exits with status 2."""

    def __init__(self, message: str, hint: Hint | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def cli_message(self) -> str:
        """The message with its hint worded as a command (what the CLI prints)."""
        return f"{self.message}; {self.hint.for_cli()}" if self.hint else self.message


class NotFound(UserInputError):
    """The object does not exist for the acting user (other people's objects look missing too)."""


@dataclass(frozen=True)
class Problem:
    """One problem in an imported file or entry: where it is, which field, and what is wrong.

    ``line`` is a line number, or a place in words ("file", "event UID x (line 4)"); a calendar
    parser also keeps the event's ``uid``, so the place can name the event.
    """

    line: int | str | None
    field: str
    message: str
    uid: str | None = None

    @property
    def where(self) -> str:
        """Human location: 'line 12', 'event UID abc@x (line 40)', or the place given ('file')."""
        if self.uid is not None:
            suffix = f" (line {self.line})" if isinstance(self.line, int) else ""
            return f"event UID {self.uid}{suffix}"
        if isinstance(self.line, int):
            return f"line {self.line}"
        return "file" if self.line is None else str(self.line)

    def located(self) -> Problem:
        """The same problem with its place in ``line`` (what an import refusal lists and keeps)."""
        if self.uid is None and self.line is not None:
            return self
        return Problem(self.where if self.uid is not None else "file", self.field, self.message)

    def __str__(self) -> str:
        return f"{self.where}, field '{self.field}': {self.message}"


class ImportRejected(UserInputError):
    """An import with any bad row imports nothing and lists every problem."""

    def __init__(self, problems: list[Problem], source: str = "file"):
        self.problems = problems
        self.source = source
        lines = [f"{source}: nothing imported, {len(problems)} problem(s):"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))
