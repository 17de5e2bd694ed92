"""Shared fixtures. Tests that need ../shared (the seed, the dev sets) skip cleanly without it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack
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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway PostgreSQL server for the session (tests/postgres_server.py). Skips, with
    the reason, where none can start; in CI (CI=true) that fails instead."""
    from postgres_server import NoServer, throwaway_postgres

    with ExitStack() as stack:
        try:
            url = stack.enter_context(throwaway_postgres())
        except NoServer as why:
            if os.environ.get("CI") == "true":
                pytest.fail(f"PostgreSQL is needed in CI: {why}")
            pytest.skip(f"PostgreSQL: {why}")
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store on each backend: a DuckDB file, a new PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    from postgres_server import fresh_database

    server: str = request.getfixturevalue("postgres_server")
    return fresh_database(server, f"test_{uuid.uuid4().hex[:12]}")
