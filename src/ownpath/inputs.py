"""The one place that says what an id and a date typed by a person may be.

Pure Python (no Django): every entry point (pages, API, CLI, imports) reads numbers and dates
through these functions, so ``'³'`` or ``'٣'`` is never taken for a number and year 1 never reaches
date arithmetic that overflows.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ownpath.errors import UserInputError

# Dates people may type anywhere (conversations, agreements, filters, imports); journal entries
# use a narrower window inside it (from 1970 to today). Outside it, date arithmetic such as
# "ten weeks before" cannot overflow and every date still means something to a person.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2200, 12, 31)
DATE_WINDOW = f"from {EARLIEST_DATE.isoformat()} to {LATEST_DATE.isoformat()}"

# Database ids are 64-bit; a longer number cannot name anything.
MAX_ID = 2**63 - 1
_ASCII_INTEGER = re.compile(r"[+-]?[0-9]+")
_ASCII_ID = re.compile(r"[0-9]{1,19}")


def strict_int(value, field: str, *, low: int | None = None, high: int | None = None) -> int:
    """An integer written with ASCII digits 0-9 only (``'³'``, ``'٣'``, ``'1_0'`` and ``true`` are not);
    UserInputError naming the field otherwise or when it lies outside [low, high]."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise UserInputError(f"{field}: must be a whole number written with the digits 0-9, got {value!r}")
    if isinstance(value, str):
        text = value.strip()
        if not _ASCII_INTEGER.fullmatch(text) or len(text) > 40:
            raise UserInputError(f"{field}: must be a whole number written with the digits 0-9, got {value[:40]!r}")
        value = int(text)
    if (low is not None and value < low) or (high is not None and value > high):
        lo = "" if low is None else f" at least {low}"
        hi = "" if high is None else f" at most {high}"
        raise UserInputError(f"{field}: must be a whole number{lo}{' and' if lo and hi else ''}{hi}, got {value}")
    return value


def as_id(value) -> int | None:
    """The database id a person typed (ASCII digits, fits 64 bits), or None when it is a name instead.

    Lookups "by id or by name" use this, so a name made of other digits (``'³'``) is a name."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value <= MAX_ID else None
    text = str(value).strip()
    if not _ASCII_ID.fullmatch(text):
        return None
    number = int(text)
    return number if number <= MAX_ID else None


def date_in_window(value, field: str) -> dt.date:
    """A calendar date YYYY-MM-DD inside the window every part of ownpath accepts; UserInputError
    naming the field and the window otherwise."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        parsed = value
    else:
        text = str(value).strip()
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
                raise ValueError(text)
            parsed = dt.date.fromisoformat(text)
        except ValueError:
            raise UserInputError(f"{field}: '{text[:40]}' is not a date YYYY-MM-DD {DATE_WINDOW}") from None
    if not in_window(parsed):
        raise UserInputError(f"{field}: {parsed.isoformat()} is outside the dates ownpath accepts ({DATE_WINDOW})")
    return parsed


def in_window(day: dt.date | None) -> bool:
    """Whether a stored date lies in the window (rows saved before it was enforced may not)."""
    return day is not None and EARLIEST_DATE <= day <= LATEST_DATE


def visible_name(text, field: str, *, limit: int = 120) -> str:
    """A name as people will read it: one line, no invisible or direction-changing characters.

    An RTL override or a zero-width space makes one name look like another (or hides part of
    it); a line break cannot go into an e-mail subject. Refused in words naming the field."""
    name = ("" if text is None else str(text)).strip()
    if not name:
        raise UserInputError(f"{field}: a name is required")
    if len(name) > limit:
        raise UserInputError(f"{field}: the name is longer than {limit} characters")
    hidden = next((ch for ch in name if unicodedata.category(ch) in _INVISIBLE), None)
    if hidden is not None:
        kind = "a line break" if hidden in "\r\n\x0b\x0c\x85\u2028\u2029" else "an invisible character"
        raise UserInputError(f"{field}: the name contains {kind} (U+{ord(hidden):04X}); "
                             "use one line of visible letters, digits and punctuation")
    return name


# Control (tabs, line breaks), format (bidi overrides, zero-width), line/paragraph separators,
# surrogates and private-use characters.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}
