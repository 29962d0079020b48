"""Shared fixtures. The real spaCy pipeline loads once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def nlp():
    from newsgraph.nlp import load_pipeline

    return load_pipeline("en_core_web_sm")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


# --- Store backends (issue 4): the same tests run against SQLite and a real PostgreSQL server.

@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL cluster for the session; skips without PostgreSQL, fails under CI=true."""
    import os

    from pg_server import PostgresServer, PostgresUnavailable

    try:
        server = PostgresServer.start()
    except PostgresUnavailable as e:
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL is required under CI: {e}")
        pytest.skip(str(e))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A fresh, empty store URL: a SQLite file, or a new database on the session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_server").create_database()
