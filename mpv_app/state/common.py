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


def form_text(form_data: object, name: str) -> str:
    """One field of a submitted form as text; a browser may send anything, even no dict."""
    if not isinstance(form_data, dict):
        return ""
    value = form_data.get(name, "")
    return value if isinstance(value, str) else ""


def form_dict(form_data: object) -> dict[str, Any]:
    """The submitted form, or an empty one when a browser sent something else."""
    return form_data if isinstance(form_data, dict) else {}


def safe_next(value: str | None, default: str) -> str:
    """Only same-site paths: ``?next=//evil.example`` must not redirect off the desk."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return default
