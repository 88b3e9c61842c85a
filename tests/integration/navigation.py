"""Opening a page as its on_load does, on a real state tree and a real database, with the
transactions and statements counted where the app's engine sends them."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from reflex.istate.data import RouterData
from reflex.state import State
from sqlalchemy import event
from sqlmodel import Session

from mpv_app import db
from mpv_app.models import AuthSession, User
from mpv_app.services.auth import hash_token
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState

PAGE_SIZE = 20


@pytest.fixture
def app_engine(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded: None
) -> Iterator[Any]:
    """The app's own engine on this test's database, as the running app would have it."""
    monkeypatch.setenv("MPV_DATABASE_URL", database_url)
    monkeypatch.setenv("MPV_STORAGE_DIR", str(tmp_path / "files"))
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    yield db.get_engine()
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()


class Trips:
    """Transactions begun and statements sent through the app's engine."""

    def __init__(self, engine: Any) -> None:
        self.engine, self.transactions = engine, 0
        self.statements: list[str] = []
        event.listen(engine, "begin", self._begin)
        event.listen(engine, "before_cursor_execute", self._statement)

    def _begin(self, _conn: Any) -> None:
        self.transactions += 1

    def _statement(self, _conn: Any, _cursor: Any, sql: str, *_args: Any) -> None:
        if not sql.startswith("BEGIN"):
            self.statements.append(sql)

    def reset(self) -> None:
        self.transactions, self.statements = 0, []

    def stop(self) -> None:
        event.remove(self.engine, "begin", self._begin)
        event.remove(self.engine, "before_cursor_execute", self._statement)


def signed_in(session: Session, user: User) -> str:
    """A live session whose touch is not due, so a navigation only reads."""
    token, now = secrets.token_urlsafe(32), datetime.now(UTC)
    assert user.id is not None
    session.add(
        AuthSession(
            token_hash=hash_token(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(minutes=30),
        )
    )
    session.commit()
    return token


def tab(token: str, path: str, **params: str) -> State:
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    query = f"?{urlencode(params)}" if params else ""
    root.router = RouterData.from_router_data(
        {"pathname": path, "asPath": path + query, "query": params}
    )
    substate(root, AuthState).session_token = token  # type: ignore[attr-defined]
    return root


def route(root: State, pattern: str, path: str, **query: Any) -> None:
    """A dynamic route as the router reports it: the pattern, the path, the segments' values."""
    root.router = RouterData.from_router_data({"pathname": pattern, "asPath": path, "query": query})


def substate(root: State, state: type) -> Any:
    return root.get_substate(state.get_full_name().split(".")[1:])  # type: ignore[attr-defined]


def open_page(root: State, state: type) -> Any:
    """The page's on_load, as Reflex runs it when the tab navigates there."""
    page = substate(root, state)
    asyncio.run(page.load())
    return page


def counts(trips: Trips) -> list[str]:
    return [sql for sql in trips.statements if "count(" in sql.lower()]
