"""Fill a journal with a generated persona (used by `ownpath demo`, the web demo and tests)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from ownpath.demo.personas import PERSONAS, generate_journal
from ownpath.errors import UserInputError
from ownpath.journal.models import Episode
from ownpath.journal.services import activity_labels, import_episode_records
from ownpath.journal.validation import validate_episode


@transaction.atomic
def fill_demo_journal(user, persona_key: str = "research_analyst", *, weeks: int = 12, seed: int = 7,
                      end: dt.date | None = None, replace: bool = True) -> dict:
    """Replace (or extend) the person's journal with a generated persona's journal."""
    if persona_key not in PERSONAS:
        raise UserInputError(f"persona: must be one of {', '.join(PERSONAS)}, got {persona_key!r}")
    if replace:
        Episode.objects.filter(user=user).delete()
    labels = activity_labels(user)
    records = []
    for index, raw in enumerate(generate_journal(persona_key, weeks=weeks, end=end, seed=seed)):
        record, errors = validate_episode(raw, labels.keys(), labels, today=end)
        assert not errors, errors  # the generator only produces valid entries
        records.append((index, record))
    return import_episode_records(user, records)
