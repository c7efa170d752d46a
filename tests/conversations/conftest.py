"""A conversation between alex (the person) and mia (alex's manager) in the `org` fixture."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture
def conversation(org):
    """mia opened a career conversation with alex, a week from today."""
    from ownpath.conversations.services import open_conversation

    return open_conversation(org.manager, org.owner, dt.date.today() + dt.timedelta(days=7))
