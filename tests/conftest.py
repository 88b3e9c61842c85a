"""Shared test plumbing: database URLs for each backend under test."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[1]

# Services read settings; keep tests from writing a key into the working tree's var/.
os.environ.setdefault("MPV_SECRET_KEY", "tests-only-secret-key")
# ... nor the cargo's development signing pair (receipts.signing), made once per test process.
os.environ.setdefault("MPV_VAR_DIR", tempfile.mkdtemp(prefix="mpv-tests-var-"))
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(env_var: str, what: str) -> str:
    """The URL of a real service; in CI its absence is a failure, never a skip."""
    url = os.environ.get(env_var, "")
    if url:
        return url
    if IN_CI:
        pytest.fail(f"{env_var} is not set: CI must test against a real {what}")
    pytest.skip(f"{env_var} not set: {what} tests need a real server")
    raise AssertionError("unreachable")


@contextmanager
def temporary_postgres_database(server_url: str) -> Iterator[str]:
    """A throwaway database on the test server, so runs never see each other's rows."""
    url = make_url(server_url)
    name = f"mpv_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable server must be loud
        admin.dispose()
        pytest.fail(f"cannot create a test database on {url.render_as_string()}: {exc}")
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def database_for(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'mpv.db'}"
        return
    server_url = require_service("MPV_TEST_DATABASE_URL", "PostgreSQL")
    with temporary_postgres_database(server_url) as url:
        yield url
