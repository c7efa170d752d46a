"""Bounds every importer shares: bytes, rows, calendar occurrences, JSON nesting, and time.

A small hostile file must not cost minutes or gigabytes: a calendar rule that repeats every
minute for years, or one that never occurs at all (``FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30``),
a JSON document nested thousands deep, a CSV with millions of rows. Each importer checks its
input against these limits and refuses with a message naming what was too much (and where).

``Deadline`` bounds code we cannot make lazy: dateutil walks a recurrence rule without ever
yielding when no date matches, so the only way to stop it is to interrupt the thread.
"""

from __future__ import annotations

import ctypes
import re
import threading
import time

# The defaults; `configure` sets them from the settings (OWNPATH_IMPORT_*) when Django starts,
# so the pure parsers read them here without reading any configuration themselves.
# Files larger than this are refused before they are parsed (the web upload has its own,
# smaller limit). A 100,000-entry JSON export is about 30 MB.
MAX_IMPORT_BYTES = 200 * 1024 * 1024
# Rows of a CSV (ownpath, spreadsheet or Daylio) and entries of a JSON export.
MAX_ROWS = 1_000_000
# Occurrences of all calendar events together, after recurring series are expanded. Reading
# one costs ~0.2 ms of CPU, so this bounds a calendar to ~10 s; five years of a busy person's
# meetings are ~10,000.
MAX_OCCURRENCES = 50_000
# CPU seconds one recurring series may spend walking its rule before it is refused: a rule
# that matches in the window finds its dates far faster than this.
RULE_SECONDS = 2.0
# ownpath's JSON export nests 3 deep; anything far deeper is not one of ours.
MAX_JSON_DEPTH = 32


def configure(*, max_mb: float, max_rows: int, max_occurrences: int, rule_seconds: float) -> None:
    """Set the bounds (from the settings, by the imports app when Django starts)."""
    global MAX_IMPORT_BYTES, MAX_ROWS, MAX_OCCURRENCES, RULE_SECONDS
    MAX_IMPORT_BYTES = int(max_mb * 1024 * 1024)
    MAX_ROWS, MAX_OCCURRENCES, RULE_SECONDS = int(max_rows), int(max_occurrences), float(rule_seconds)


def check_size(data: bytes | str) -> str | None:
    """A message when the file is larger than the import limit, else None."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    return size_message(size) if size > MAX_IMPORT_BYTES else None


def size_message(size: int) -> str:
    """The refusal for a file of ``size`` bytes, over MAX_IMPORT_BYTES."""
    return (f"the file holds {size / 1024 / 1024:.1f} MB, more than the {MAX_IMPORT_BYTES / 1024 / 1024:g} MB "
            "an import may hold; split it (or raise OWNPATH_IMPORT_MAX_MB)")


def rows_message(count_over: int, what: str = "rows") -> str:
    """The refusal for a file with more rows (or entries) than MAX_ROWS."""
    return (f"more than {MAX_ROWS:,} {what} (found at least {count_over:,}); split the file "
            "(or raise OWNPATH_IMPORT_MAX_ROWS)")


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth_problem(text: str, limit: int = MAX_JSON_DEPTH) -> tuple[int, str] | None:
    """(line, message) when JSON text nests deeper than ``limit``, else None; linear time.

    Checked before ``json.loads``, which recurses once per level and could exhaust the stack
    on a file of nothing but brackets. Strings may hold brackets, so they are removed first.
    """
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > limit:
            return _deep_line(text, limit), f"nested more than {limit} levels deep: not an ownpath export"
    return None


def _deep_line(text: str, limit: int) -> int:
    depth = 0
    for match in re.finditer(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', text, re.DOTALL):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            if depth > limit:
                return text.count("\n", 0, match.start()) + 1
        elif token in ("]", "}"):
            depth -= 1
    return 1


class TimeBudgetExceeded(BaseException):
    """Raised inside the guarded thread when a Deadline passes.

    A BaseException, so the ``except Exception`` of code being guarded cannot swallow it.
    """


def _interrupt(thread_id: int, exception: type[BaseException] | None) -> None:
    """Raise ``exception`` in the thread at its next bytecode (None clears a pending one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception is not None else None)


def _cpu_clock(thread_id: int):
    """A clock of the thread's own CPU time (wall time where the platform has none).

    CPU time keeps a budget meaning the same on a busy machine as on an idle one.
    """
    try:
        clock_id = time.pthread_getcpuclockid(thread_id)
        time.clock_gettime(clock_id)
    except (AttributeError, OSError):
        return time.monotonic
    return lambda: time.clock_gettime(clock_id)


class Deadline:
    """Raise TimeBudgetExceeded in this thread once it spent ``seconds`` of CPU in the block.

    Use ``restart(seconds)`` to give the next step its own budget. A watcher thread polls the
    thread's CPU clock and interrupts it between two bytecodes, so even a loop that never
    returns control (dateutil on a rule that never occurs) stops within a tick of the budget.
    Catch TimeBudgetExceeded around the whole ``with`` block.
    """

    TICK = 0.02

    def __init__(self, seconds: float):
        self._seconds = seconds
        self._deadline = 0.0
        self._lock = threading.Lock()
        self._done = False
        self._fired = False
        self._thread_id = 0
        self._watcher: threading.Thread | None = None
        self._clock = time.monotonic

    def restart(self, seconds: float | None = None) -> None:
        """Start a fresh budget (``seconds``, or the one given at creation) from now."""
        with self._lock:
            self._deadline = self._clock() + (self._seconds if seconds is None else seconds)

    def __enter__(self) -> Deadline:
        self._thread_id = threading.get_ident()
        self._clock = _cpu_clock(self._thread_id)
        self.restart()
        self._watcher = threading.Thread(target=self._watch, name="ownpath-import-deadline", daemon=True)
        self._watcher.start()
        return self

    def _watch(self) -> None:
        while True:
            time.sleep(self.TICK)
            with self._lock:
                if self._done:
                    return
                if self._clock() >= self._deadline:
                    self._fired = True
                    _interrupt(self._thread_id, TimeBudgetExceeded)
                    return

    def __exit__(self, *exc_info) -> None:
        with self._lock:
            self._done = True
            if self._fired:
                # The interrupt may still be pending; clear it so it cannot land elsewhere.
                _interrupt(self._thread_id, None)
        if exc_info[0] is None and self._fired:
            raise TimeBudgetExceeded  # the interrupt was swallowed inside: the result is not whole
