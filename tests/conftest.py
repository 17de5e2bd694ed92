"""Shared fixtures. Tests that need ../shared (the seed, the dev sets) skip cleanly without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSEVENTS_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not here")
    return SHARED


@pytest.fixture(scope="session")
def seed_path(shared: Path) -> Path:
    return shared / "seed" / "dw-idlib-2019-08-27.txt"


@pytest.fixture(scope="session")
def dev_data(shared: Path) -> Path:
    return shared / "data" / "dev"
