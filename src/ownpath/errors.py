"""Errors a user can cause and fix; entry points show their message, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass


class UserInputError(Exception):
    """Input the user can correct: the CLI prints the message and exits with status 2."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(UserInputError):
    """The object does not exist for the acting user (other people's objects look missing too)."""


@dataclass(frozen=True)
class Problem:
    """One problem in an imported file: where (line or record) and which field."""

    line: int | str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if isinstance(self.line, int) else str(self.line)
        return f"{where}, field '{self.field}': {self.message}"


class ImportRejected(UserInputError):
    """An import with any bad row imports nothing and lists every problem."""

    def __init__(self, problems: list[Problem], source: str = "file"):
        self.problems = problems
        self.source = source
        lines = [f"{source}: nothing imported, {len(problems)} problem(s):"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))
