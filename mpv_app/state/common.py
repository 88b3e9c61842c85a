"""Glue between Reflex handlers and services: a transaction per call, off the event loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from sqlmodel import Session

from mpv_app.db import session_scope

T = TypeVar("T")


def _in_transaction(func: Callable[..., T], kwargs: dict[str, Any]) -> T:
    with session_scope() as session:
        return func(session=session, **kwargs)


async def call_service(func: Callable[..., T], **kwargs: Any) -> T:
    """Run one service in its own transaction in a worker thread (argon2 and I/O block)."""
    return await asyncio.to_thread(_in_transaction, func, kwargs)


def read(func: Callable[[Session], T]) -> T:
    """A short read-only query from a handler (selectors only; services do the writing)."""
    with session_scope() as session:
        return func(session)


def safe_next(value: str | None, default: str) -> str:
    """Only same-site paths: ``?next=//evil.example`` must not redirect off the desk."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
