"""Turning uploaded bytes into text, with a located problem instead of a UnicodeDecodeError."""

from __future__ import annotations

import codecs

from ownpath.imports.parsers.records import Problem

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes | str, fallback_encoding: str | None = None) -> tuple[str, list[Problem]]:
    """Decode bytes as UTF-8 (or by their byte-order mark); a bad byte becomes a problem.

    ``fallback_encoding`` (e.g. 'cp1252' for spreadsheets saved on Windows) is tried only
    when the person asked for it; guessing silently would corrupt names and notes.
    """
    if isinstance(data, str):
        return data.lstrip("\ufeff"), []
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff"), []
            except UnicodeDecodeError as error:
                return "", [_decode_problem(data, error, encoding)]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as error:
        if fallback_encoding:
            try:
                return data.decode(fallback_encoding), []
            except (UnicodeDecodeError, LookupError):
                pass
        return "", [_decode_problem(data, error, "utf-8")]


def _decode_problem(data: bytes, error: UnicodeDecodeError, encoding: str) -> Problem:
    line = data.count(b"\n", 0, error.start) + 1
    column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
    bad = data[error.start:error.start + 1].hex()
    return Problem(
        field="encoding",
        line=line,
        message=(f"not {'UTF-8' if encoding.startswith('utf-8') else encoding} text: byte 0x{bad} at column "
                 f"{column}; save the file as UTF-8 or name its encoding (e.g. --encoding cp1252)"),
    )
