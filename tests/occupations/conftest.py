"""Fixtures for the occupations tests: the hand-made O*NET release and the shared real one."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


@pytest.fixture
def fixture_release() -> Path:
    """Folder of the small hand-made release in the O*NET text layout."""
    return FIXTURE_RELEASE


@pytest.fixture
def shared_release(shared_data) -> list[Path]:
    """The real O*NET 29.3 release plus 27.0's Tasks to DWAs (tests using it are marked shared_data)."""
    return [shared_data / "onet-29.3", shared_data / "onet-27.0"]
