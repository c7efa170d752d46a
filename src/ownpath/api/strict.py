"""Strict request bodies for the JSON API: JSON types as declared, and only text that can be stored.

Pydantic's lax mode would read ``true`` as energy 1, ``"2"`` as hours 2 and ``[]`` as an empty
object; JSON allows a lone surrogate (``"\\ud800"``) that no database can store as UTF-8, and
PostgreSQL cannot store a NUL (``\\x00``). All are refused with a 422 naming the field. Every
operation's body is a StrictSchema (tests/api/test_strict_bodies.py checks each one), so this is
the one place that decides.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, ValidationInfo, field_validator, model_validator


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


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "true/false", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


class StrictSchema(Schema):
    """A request body: strict JSON types (no ``true`` for a number), unknown fields ignored,
    and strings that are valid Unicode text."""

    model_config = ConfigDict(strict=True, allow_inf_nan=False)

    @model_validator(mode="wrap")
    @classmethod
    def _run_root_validator(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        # Replaces ninja's own (same name), which reads any value's attributes, so ``[]`` passed as ``{}``.
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise ValueError(f"the body must be a JSON object, not {_json_type(data)}")
        return handler(data)

    @field_validator("*", mode="after")
    @classmethod
    def _text_is_unicode(cls, value: Any, info: ValidationInfo) -> Any:
        found = _unstorable_path(value, info.field_name or "")
        if found is not None:
            raise ValueError(f"{found}: contains a lone surrogate (\\ud800–\\udfff) or a NUL (\\x00), "
                             "which is not text that can be stored")
        return value
