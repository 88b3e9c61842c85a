"""A read never queues for the write lock: pages stay answerable while a writer works.

On SQLite every transaction took the write lock up front (BEGIN IMMEDIATE), reads included,
so one slow writer (a login's password check, a submit) held up every page of every tab.
Reads (``db.read_scope``, what ``state.common.read`` uses) now take a snapshot (WAL) instead;
writers still serialize. PostgreSQL never made a read wait for a writer; the test holds there.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, func, select

from mpv_app.db import DbTimeouts, make_engine, read_scope, session_scope
from mpv_app.domain.enums import Role
from mpv_app.models import User

SHORT = DbTimeouts(connect_s=2, statement_s=3, lock_s=1)


def _add_user(session: Session, email: str) -> None:
    session.add(
        User(
            email=email,
            password_hash="x",
            role=Role.SENDER,
            is_active=True,
            created_at=datetime.now(UTC),
        )
    )
    session.flush()


@contextmanager
def _writer_holding(engine: Engine, email: str) -> Iterator[None]:
    """Another client in the middle of a writing transaction (a row added, not committed)."""
    writing, release = threading.Event(), threading.Event()

    def _writer() -> None:
        with session_scope(engine) as session:
            _add_user(session, email)
            writing.set()
            release.wait(30)

    thread = threading.Thread(target=_writer)
    thread.start()
    try:
        assert writing.wait(10)
        yield
    finally:
        release.set()
        thread.join(10)


def test_a_read_runs_while_a_writer_holds_its_transaction(
    engine: Engine, database_url: str
) -> None:
    short = make_engine(database_url, SHORT)
    with _writer_holding(short, "en-curso@correo.pe"):
        with read_scope(short) as session:  # before: "database is locked" after 1 s
            seen = session.exec(select(func.count()).select_from(User)).one()
        assert seen == 0, "a read saw a write that was not committed"
    with read_scope(short) as session:
        assert session.exec(select(func.count()).select_from(User)).one() == 1
    short.dispose()


def test_writers_still_take_turns(engine: Engine, database_url: str) -> None:
    """The numbering and budgets rely on it: a second writer waits (and here gives up)."""
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's one write lock; PostgreSQL's row locks are tested elsewhere")
    short = make_engine(database_url, SHORT)
    with (
        _writer_holding(short, "primero@correo.pe"),
        pytest.raises(OperationalError, match="locked"),
        session_scope(short) as session,
    ):
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    short.dispose()


def test_rows_a_read_returns_stay_readable_after_it(engine: Engine, database_url: str) -> None:
    with session_scope(engine) as session:
        _add_user(session, "legible@correo.pe")
    with read_scope(engine) as session:
        user = session.exec(select(User)).one()
    assert user.email == "legible@correo.pe"  # a rollback had expired it: DetachedInstanceError
