"""Fixtures for the occupations tests: the hand-made O*NET release and the shared real one."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXTURE_RELEASE = Path(__file__).resolve().parents[1] / "fixtures" / "onet"


def shared_data_dir() -> Path | None:
    """OWNPATH_SHARED_DATA, else the nearest ``shared/data`` folder above the repository."""
    env = os.environ.get("OWNPATH_SHARED_DATA")
    if env:
        return Path(env) if Path(env).is_dir() else None
    for folder in Path(__file__).resolve().parents:
        if (folder / "shared" / "data" / "onet-29.3").is_dir():
            return folder / "shared" / "data"
    return None


@pytest.fixture
def fixture_release() -> Path:
    """Folder of the small hand-made release in the O*NET text layout."""
    return FIXTURE_RELEASE


@pytest.fixture
def shared_release() -> list[Path]:
    """The real O*NET 29.3 release plus 27.0's Tasks to DWAs; skips when ../shared/data is absent."""
    data = shared_data_dir()
    if data is None:
        pytest.skip("needs ../shared/data (O*NET reference files); set OWNPATH_SHARED_DATA")
    return [data / "onet-29.3", data / "onet-27.0"]
