"""Catalogs and office hours are cached per process, and any write drops the cache: here at
once, in other workers through the version in Redis; a session that wrote reads around it."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mpv_app.db import read_scope, session_scope
from mpv_app.selectors import catalog
from mpv_app.selectors.calendar import office_hours_cached
from mpv_app.selectors.catalog import center_options
from mpv_app.services import catalog_admin
from mpv_app.settings import get_settings


class FakeRedis:
    """What another worker sees: one shared counter per key."""

    def __init__(self) -> None:
        self.values: dict[str, int] = {}
        self.down = False

    def get(self, key: str) -> int | None:
        if self.down:
            raise ConnectionError("redis down")
        return self.values.get(key)

    def incr(self, key: str) -> int:
        if self.down:
            raise ConnectionError("redis down")
        self.values[key] = self.values.get(key, 0) + 1
        return self.values[key]


@pytest.fixture
def selects(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    sa.event.listen(engine, "after_cursor_execute", count)
    yield seen
    sa.event.remove(engine, "after_cursor_execute", count)


@pytest.fixture
def redis(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeRedis]:
    fake = FakeRedis()
    url = f"redis://fake-{uuid.uuid4().hex}"
    monkeypatch.setenv("MPV_REDIS_URL", url)
    get_settings.cache_clear()
    catalog._redis_clients[url] = fake
    yield fake
    catalog._redis_clients.pop(url, None)
    get_settings.cache_clear()


def names(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return [name for _, name in center_options(session)]


def test_a_second_read_does_not_query(engine: Engine, seeded: None, selects: list[str]) -> None:
    first = names(engine)
    before = len(selects)
    assert names(engine) == first
    assert len(selects) == before
    assert "Refinería Talara" in first


def test_a_caller_changing_its_list_does_not_change_the_cache(engine: Engine, seeded: None) -> None:
    with Session(engine) as session:
        center_options(session).append(("0", "Inventado"))
    assert "Inventado" not in names(engine)


def test_raw_sql_and_services_drop_the_cache(engine: Engine, seeded: None, admin_id: int) -> None:
    assert "Refinería Talara" in names(engine)
    with Session(engine) as session:
        session.execute(
            sa.text(
                "UPDATE management_center SET name = 'Refinería Talara Nueva' "
                "WHERE name = 'Refinería Talara'"
            )
        )
        session.commit()
    assert "Refinería Talara Nueva" in names(engine)
    with Session(engine) as session:
        created = catalog_admin.create_center(
            session=session, actor_id=admin_id, code="RPI", name="Refinería El Pilar"
        )
        # The writing session reads its own write before committing.
        assert (str(created.id), "Refinería El Pilar") in center_options(session)
        session.commit()
    assert "Refinería El Pilar" in names(engine)


def test_a_rolled_back_write_leaves_the_committed_view(engine: Engine, seeded: None) -> None:
    assert "Refinería Talara" in names(engine)
    with Session(engine) as session:
        session.execute(
            sa.text("UPDATE management_center SET name = 'Nunca' WHERE name = 'Refinería Talara'")
        )
        assert "Nunca" in [n for _, n in center_options(session)]
        session.rollback()
    assert "Refinería Talara" in names(engine)
    assert "Nunca" not in names(engine)


def test_another_workers_write_drops_this_workers_copy(
    engine: Engine, seeded: None, redis: FakeRedis, selects: list[str]
) -> None:
    names(engine)
    before = len(selects)
    names(engine)
    assert len(selects) == before  # cached
    redis.incr(catalog._redis_key(engine))  # what a write in another worker does
    names(engine)
    assert len(selects) == before + 1


def test_this_workers_write_is_published(engine: Engine, seeded: None, redis: FakeRedis) -> None:
    with Session(engine) as session:
        session.execute(sa.text("UPDATE department SET name = name"))
        session.commit()
    assert redis.values.get(catalog._redis_key(engine), 0) >= 1


def test_without_redis_answering_nothing_is_trusted(
    engine: Engine, seeded: None, redis: FakeRedis, selects: list[str]
) -> None:
    redis.down = True
    names(engine)
    before = len(selects)
    names(engine)
    assert len(selects) > before


def test_zero_seconds_turns_the_cache_off(
    engine: Engine, seeded: None, selects: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MPV_CATALOG_CACHE_SECONDS", "0")
    get_settings.cache_clear()
    try:
        names(engine)
        before = len(selects)
        names(engine)
        assert len(selects) > before
    finally:
        monkeypatch.delenv("MPV_CATALOG_CACHE_SECONDS")
        get_settings.cache_clear()


def test_office_hours_follow_an_admin_change(engine: Engine, seeded: None) -> None:
    with Session(engine) as session:
        default = office_hours_cached(session)
    with Session(engine) as session:
        session.execute(
            sa.text(
                "INSERT INTO office_hours (opens_at, closes_at, updated_at) "
                "VALUES ('08:00:00', '17:00:00', CURRENT_TIMESTAMP)"
            )
        )
        session.commit()
    with Session(engine) as session:
        changed = office_hours_cached(session)
    assert (default.open.hour, changed.open.hour, changed.close.hour) == (7, 8, 17)


@pytest.mark.skipif(not os.environ.get("MPV_TEST_REDIS_URL"), reason="MPV_TEST_REDIS_URL unset")
def test_real_redis_carries_the_version(
    engine: Engine, seeded: None, selects: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import redis as redis_lib

    monkeypatch.setenv("MPV_REDIS_URL", os.environ["MPV_TEST_REDIS_URL"])
    get_settings.cache_clear()
    try:
        names(engine)
        before = len(selects)
        names(engine)
        assert len(selects) == before
        redis_lib.Redis.from_url(os.environ["MPV_TEST_REDIS_URL"]).incr(catalog._redis_key(engine))
        names(engine)
        assert len(selects) == before + 1
    finally:
        get_settings.cache_clear()


def test_pages_reading_through_read_scope_see_an_admin_change(engine: Engine, seeded: None) -> None:
    """Pages read through ``db.read_scope``, whose engine is the read-only twin of the one
    services write through: a write must drop the twin's copy too. It did not, and the footer
    kept the old office hours after "Guardar horario" until the cache's lifetime ran out."""
    with read_scope(engine) as session:
        default = office_hours_cached(session)
    with session_scope(engine) as session:
        session.execute(
            sa.text(
                "INSERT INTO office_hours (opens_at, closes_at, updated_at) "
                "VALUES ('08:00:00', '17:00:00', CURRENT_TIMESTAMP)"
            )
        )
    with read_scope(engine) as session:
        changed = office_hours_cached(session)
    assert (default.open.hour, changed.open.hour, changed.close.hour) == (7, 8, 17)
