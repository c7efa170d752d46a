"""The twelve job values a person weighs: stable slugs and their plain-words names.

Kept apart from values_elicitation (which needs NumPy) because models and the forecast import
these names on every command, and NumPy alone costs a tenth of a second to import.
"""

from __future__ import annotations

VALUE_LABELS: dict[str, str] = {
    "mentorship": "mentorship",
    "learning": "learning",
    "hands_on": "hands-on, real-time experience",
    "work_life_balance": "work-life balance",
    "compensation": "pay above your baseline",
    "autonomy": "autonomy",
    "recognition": "recognition",
    "relationships": "good working relationships",
    "impact": "impact",
    "security": "job security",
    "advancement": "advancement",
    "leading_people": "leading people",
}

VALUE_SLUGS: tuple[str, ...] = tuple(VALUE_LABELS)


def value_label(slug: str) -> str:
    """The plain-words name of a value slug."""
    return VALUE_LABELS.get(slug, slug.replace("_", " "))


def check_value_slug(slug: str) -> str:
    """Return ``slug`` if it is a known value, else raise ValueError naming the closest ones."""
    if slug in VALUE_LABELS:
        return slug
    import difflib

    close = difflib.get_close_matches(slug, VALUE_SLUGS, n=3, cutoff=0.4)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise ValueError(f"unknown value '{slug}'{hint}; known values: {', '.join(VALUE_SLUGS)}")
