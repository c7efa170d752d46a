"""Strict request bodies for the JSON API: JSON types as declared, and only text that can be stored.

Pydantic's lax mode would read ``true`` as energy 1; JSON allows a lone surrogate (``"\\ud800"``)
that no database can store as UTF-8, and PostgreSQL cannot store a NUL (``\\x00``). All are refused
with a 422 naming the field.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, ValidationInfo, field_validator


def _not_text(text: str) -> bool:
    return "\x00" in text or any("\ud800" <= ch <= "\udfff" for ch in text)


def _unstorable_path(value: Any, path: str) -> str | None:
    """Where in ``value`` a string holds a lone surrogate or a NUL (dotted path), or None."""
    if isinstance(value, str):
        return path if _not_text(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = _unstorable_path(key, path) or _unstorable_path(item, f"{path}.{key}" if path else str(key))
            if found:
                return found
    if isinstance(value, list):
        for index, item in enumerate(value):
            found = _unstorable_path(item, f"{path}.{index}" if path else str(index))
            if found:
                return found
    return None


class StrictSchema(Schema):
    """A request body: strict JSON types (no ``true`` for a number), unknown fields ignored,
    and strings that are valid Unicode text."""

    model_config = ConfigDict(strict=True)

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_unicode(cls, value: Any, info: ValidationInfo) -> Any:
        found = _unstorable_path(value, info.field_name or "")
        if found is not None:
            raise ValueError(f"{found}: contains a lone surrogate (\\ud800–\\udfff) or a NUL (\\x00), "
                             "which is not text that can be stored")
        return value
