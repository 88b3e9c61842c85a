"""Engine and sessions for the configured database (SQLite embedded, PostgreSQL in production).

Every engine bounds how long a request can wait on the database: a connect timeout, and on
PostgreSQL a statement timeout, a lock timeout and TCP keepalives (so a partitioned network
ends a query instead of hanging it); on SQLite a busy timeout. A request that hits one gets
``OperationalError``, which ``state.common.call_service`` turns into "El servicio está ocupado".
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

from mpv_app.settings import get_settings

T = TypeVar("T")
_SQLITE_NO_LIMIT_S = 3600.0  # SQLite has no "wait forever": an hour stands for it


@dataclass(frozen=True)
class DbTimeouts:
    """Seconds; 0 turns one off (migrations and bulk loads may run long on purpose)."""

    connect_s: float
    statement_s: float
    lock_s: float

    @classmethod
    def from_settings(cls) -> DbTimeouts:
        settings = get_settings()
        return cls(
            settings.db_connect_timeout_s,
            settings.db_statement_timeout_s,
            settings.db_lock_timeout_s,
        )


UNBOUNDED = DbTimeouts(connect_s=0, statement_s=0, lock_s=0)


_READ_ONLY = "mpv_read_only"  # execution option of the connections ``read_scope`` uses


def _postgres_args(timeouts: DbTimeouts) -> dict[str, Any]:
    options = [
        f"-c statement_timeout={int(timeouts.statement_s * 1000)}",
        f"-c lock_timeout={int(timeouts.lock_s * 1000)}",
    ]
    args: dict[str, Any] = {
        "options": " ".join(options),
        # A dead peer is noticed within ~11 s even while waiting for a reply.
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
    }
    if timeouts.connect_s:
        args["connect_timeout"] = max(2, round(timeouts.connect_s))  # libpq: whole seconds
        args["tcp_user_timeout"] = int(max(timeouts.connect_s, timeouts.statement_s) * 1000)
    return args


def make_engine(url: str, timeouts: DbTimeouts | None = None) -> Engine:
    """Build an engine; SQLite gets foreign keys, WAL and a busy timeout so writers queue."""
    timeouts = timeouts or DbTimeouts.from_settings()
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        pool_timeout = timeouts.connect_s or 30
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_timeout=pool_timeout,
            connect_args=_postgres_args(timeouts),
        )
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    busy_s = timeouts.lock_s or _SQLITE_NO_LIMIT_S
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": busy_s})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, open transactions, so BEGIN IMMEDIATE is possible.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_s * 1000)}")
        if parsed.database and parsed.database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _sqlite_begin(conn: Any) -> None:
        # A writer takes the write lock up front: two submits never both read the same counter
        # value. A read (``read_scope``) only needs a snapshot: under WAL it runs beside the
        # writer and other reads instead of queueing for the one write lock.
        reading = conn.get_execution_options().get(_READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


@lru_cache(maxsize=1)
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@lru_cache(maxsize=8)
def _reading(engine: Engine) -> Engine:
    """The engine's read-only twin (same pool); made once, it costs ~0.1 ms to make."""
    return engine.execution_options(**{_READ_ONLY: True})


@contextmanager
def read_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A read-only unit of work: a snapshot, never the write lock; nothing is committed.

    Closing (not rolling back) ends the transaction and keeps what was loaded readable: the
    rows a selector returns are used after the session is gone.
    """
    with Session(_reading(engine or get_engine()), expire_on_commit=False) as session:
        yield session


def in_transaction(func: Callable[..., T], kwargs: dict[str, Any], engine: Engine | None) -> T:
    with session_scope(engine) as session:
        return func(session=session, **kwargs)


def _in_read(func: Callable[..., T], kwargs: dict[str, Any], engine: Engine | None) -> T:
    with read_scope(engine) as session:
        return func(session=session, **kwargs)


async def in_thread_read(
    func: Callable[..., T], *, engine: Engine | None = None, **kwargs: Any
) -> T:
    """``in_thread_transaction`` for a read: a snapshot, never the write lock."""
    return await asyncio.to_thread(_in_read, func, kwargs, engine)


async def in_thread_transaction(
    func: Callable[..., T], *, engine: Engine | None = None, **kwargs: Any
) -> T:
    """Run ``func(session=…, **kwargs)`` in its own transaction in a worker thread.

    Blocking database I/O never runs on the event loop, so one slow query stalls one request,
    not every tab served by this process.
    """
    return await asyncio.to_thread(in_transaction, func, kwargs, engine)
