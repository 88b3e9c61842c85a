"""Catalog options for the filing form's dropdowns, cached per process.

Every page reads these (dropdowns, destination labels) and they change only when an
administrator edits a catalog, so :func:`cached` keeps them per engine. Invalidation: every
INSERT/UPDATE/DELETE this process sends to a watched table bumps a version when it runs and
again when its connection commits; with ``MPV_REDIS_URL`` the version also lives in Redis, so
a write through one worker invalidates every other worker's copy on its next read (one GET).
``MPV_CATALOG_CACHE_SECONDS`` bounds an entry's life for writers outside the app; 0 turns
caching off. A session that wrote to a watched table reads around the cache.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar, cast

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.base import OptionEngine
from sqlmodel import Session, col, select

from mpv_app.domain.labels import destination_label
from mpv_app.models import Department, DocumentType, ManagementCenter
from mpv_app.settings import get_settings

T = TypeVar("T")
logger = logging.getLogger(__name__)
WATCHED = ("department", "document_type", "management_center", "office_hours", "holiday")
_WRITE = re.compile(
    r"^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+\"?(" + "|".join(WATCHED) + r")\b",
    re.IGNORECASE,
)
_TOUCHED = "mpv_catalog_touched"
_lock = threading.Lock()
# engine -> {"version": local version, "entries": {key: (version, expires, value)}}
_caches: weakref.WeakKeyDictionary[Engine, dict[str, Any]] = weakref.WeakKeyDictionary()
_redis_clients: dict[str, Any] = {}


def _redis() -> Any:
    url = get_settings().redis_url
    if not url:
        return None
    if url not in _redis_clients:
        import redis

        _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=0.5)
    return _redis_clients[url]


def _root(engine: Engine) -> Engine:
    """The engine behind ``engine.execution_options(...)`` twins (``db.read_scope`` reads
    through one): one cache per database, whichever twin reads or writes."""
    while isinstance(engine, OptionEngine):
        engine = engine._proxied
    return engine


def _redis_key(engine: Engine) -> str:
    engine = _root(engine)
    digest = hashlib.sha256(engine.url.render_as_string(hide_password=True).encode()).hexdigest()
    return f"mpv:catalog-version:{digest[:16]}"


def _cache(engine: Engine) -> dict[str, Any]:
    engine = _root(engine)
    with _lock:
        return _caches.setdefault(engine, {"version": 0, "entries": {}})


def bump(engine: Engine) -> None:
    """Drop every cached catalog of ``engine``, here and (through Redis) in other workers."""
    cache = _cache(engine)
    with _lock:
        cache["version"] += 1
        cache["entries"].clear()
    client = _redis()
    if client is not None:
        try:
            client.incr(_redis_key(engine))
        except Exception:  # Redis down: this worker is right, others catch up by TTL
            logger.warning("could not publish the catalog version to Redis", exc_info=True)


def _version(engine: Engine) -> tuple[int, int]:
    client = _redis()
    shared = 0
    if client is not None:
        try:
            shared = int(client.get(_redis_key(engine)) or 0)
        except Exception:
            shared = -1  # unknown: never trust the cache while Redis does not answer
    return _cache(engine)["version"], shared


@event.listens_for(Engine, "after_cursor_execute")
def _note_write(conn: Connection, cursor: Any, statement: str, *args: Any) -> None:
    if _WRITE.match(statement):
        conn.info[_TOUCHED] = True
        bump(conn.engine)


@event.listens_for(Engine, "commit")
def _note_commit(conn: Connection) -> None:
    if conn.info.pop(_TOUCHED, False):
        bump(conn.engine)


@event.listens_for(Engine, "rollback")
def _note_rollback(conn: Connection) -> None:
    if conn.info.pop(_TOUCHED, False):
        bump(conn.engine)


def cached(func: Callable[..., T]) -> Callable[..., T]:
    """Cache ``func(session, *args)`` per engine and arguments (see the module docstring)."""

    @functools.wraps(func)
    def wrapper(session: Session, *args: Any) -> T:
        ttl = get_settings().catalog_cache_seconds
        bind = session.get_bind()
        engine = bind if isinstance(bind, Engine) else getattr(bind, "engine", None)
        touched = session.in_transaction() and session.connection().info.get(_TOUCHED, False)
        if ttl <= 0 or engine is None or touched:
            return func(session, *args)
        version = _version(engine)
        key = f"{func.__qualname__}:{args!r}"
        entries = _cache(engine)["entries"]
        hit = entries.get(key)
        now = time.monotonic()
        if hit is not None and hit[0] == version and hit[1] > now and version[1] >= 0:
            return cast(T, _copy(hit[2]))
        value = func(session, *args)
        if version[1] >= 0:
            entries[key] = (version, now + ttl, value)
        return _copy(value)

    return wrapper


def _copy(value: T) -> T:
    """Callers get their own list: one that appends an option must not change the cache."""
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


@cached
def document_type_options(session: Session) -> list[tuple[str, str]]:
    rows = session.exec(
        select(DocumentType).where(DocumentType.is_active).order_by(col(DocumentType.name))
    ).all()
    return [
        (
            str(t.id),
            f"{t.name} (solo con firma digital)" if t.requires_digital_signature else t.name,
        )
        for t in rows
    ]


@cached
def center_options(session: Session) -> list[tuple[str, str]]:
    rows = session.exec(
        select(ManagementCenter)
        .where(ManagementCenter.is_active)
        .order_by(col(ManagementCenter.id))
    ).all()
    return [(str(c.id), c.name) for c in rows]


@cached
def department_options(session: Session, center_id: int) -> list[tuple[str, str]]:
    rows = session.exec(
        select(Department)
        .where(Department.center_id == center_id, Department.is_active)
        .order_by(col(Department.name))
    ).all()
    return [(str(d.id), d.name) for d in rows]


@cached
def reception_destination(session: Session) -> str:
    row = session.exec(
        select(Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(Department.is_reception, Department.is_active)
    ).first()
    return destination_label(row[0], row[1]) if row else "Trámite Documentario"


@cached
def department_label(session: Session, department_id: int | None) -> str:
    """ "Dependencia — Centro de Gestión", as every page and email names a destination."""
    if department_id is None:
        return ""
    row = session.exec(
        select(Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(Department.id == department_id)
    ).first()
    return destination_label(row[0], row[1]) if row else ""


@cached
def document_type_name(session: Session, document_type_id: int | None) -> str:
    """The name a filing's detail prints for its type (inactive types keep their name)."""
    if document_type_id is None:
        return ""
    row = session.get(DocumentType, document_type_id)
    return row.name if row else ""
