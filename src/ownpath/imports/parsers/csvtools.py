"""Reading CSV text row by row with the line each row starts on, never raising on bad input."""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from ownpath.imports.parsers.records import Problem

csv.field_size_limit(1_000_000)  # long notes are fine; a 100 MB "field" is a broken file


@dataclass
class CsvTable:
    """Header (as written) and rows with their starting line numbers."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    delimiter: str = ","

    def index(self) -> dict[str, int]:
        """Column positions by header name, case- and space-insensitive."""
        return {normalise_header(name): position for position, name in enumerate(self.header)}


def normalise_header(name: str) -> str:
    """'  Full Date ' -> 'full date' (BOMs and surrounding spaces removed)."""
    return " ".join(name.replace("\ufeff", "").strip().lower().split())


def sniff_delimiter(first_line: str) -> str:
    """The delimiter of a header line: the most frequent of comma, semicolon and tab."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(text: str, delimiter: str | None = None) -> tuple[CsvTable | None, list[Problem]]:
    """Parse CSV text; every malformed row becomes a Problem with its line number."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(field="file", line=line, message="contains NUL bytes: not a text CSV file")]
    stripped = text.lstrip("\ufeff")
    first_line = stripped.split("\n", 1)[0]
    delimiter = delimiter or sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(stripped, newline=""), delimiter=delimiter, strict=True)
    problems: list[Problem] = []
    header: list[str] | None = None
    table: CsvTable | None = None
    previous_end = 0
    while True:
        start_line = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(Problem(field="row", line=start_line, message=f"malformed CSV: {error}"))
            break  # the reader cannot resynchronise after a broken quote
        previous_end = reader.line_num
        if header is None:
            header = row
            if not any(cell.strip() for cell in row):
                problems.append(Problem(field="header", line=start_line, message="the first line must name the columns"))
                return None, problems
            table = CsvTable(header=row, delimiter=delimiter)
            continue
        if not "".join(row).strip():
            continue  # blank lines (often at the end of spreadsheet exports) carry nothing
        if len(row) > len(header) and "".join(row[len(header):]).strip():
            problems.append(Problem(field="row", line=start_line,
                                    message=f"{len(row)} values but the header has {len(header)} columns"))
            continue
        if len(row) != len(header):
            row = (row + [""] * len(header))[:len(header)]
        assert table is not None
        table.rows.append((start_line, row))
    if header is None:
        problems.append(Problem(field="header", line=1, message="the file is empty"))
        return None, problems
    return table, problems


_ISO_DATE = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)


@functools.lru_cache(maxsize=8192)  # journals repeat dates; strptime is slow
def parse_day(text: str, date_format: str | None = None) -> tuple[date | None, datetime | None, str | None]:
    """Parse a date cell: ISO 'YYYY-MM-DD' (optionally with time) or a given strftime format.

    Returns (day, datetime if a time was present, error message).
    """
    text = text.strip()
    if not text:
        return None, None, "date is missing"
    try:
        if date_format:
            moment = datetime.strptime(text, date_format)
            has_time = any(code in date_format for code in ("%H", "%I", "%M"))
            return moment.date(), moment if has_time else None, None
        match = _ISO_DATE.match(text)
        if not match:
            return None, None, f"{text!r} is not a date (expected YYYY-MM-DD)"
        year, month, day = int(match.group(1)), int(match.group(2)), int(match.group(3))
        value = date(year, month, day)
        if match.group(4) is not None:
            moment = datetime(year, month, day, int(match.group(4)), int(match.group(5)), int(match.group(6) or 0))
            return value, moment, None
        return value, None, None
    except (ValueError, OverflowError):
        expected = date_format or "YYYY-MM-DD"
        return None, None, f"{text!r} is not a valid date (expected {expected})"
