"""Glue between Reflex handlers and services: a transaction per call, off the event loop."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import Session

from mpv_app.db import in_thread_read, in_thread_transaction, read_scope
from mpv_app.services.errors import FieldErrors, ServiceBusy, ServiceError

T = TypeVar("T")
logger = logging.getLogger(__name__)
UNAVAILABLE = (DBAPIError, PoolTimeout)  # timeouts, lock waits, lost connections


async def _busy_when_unavailable(name: str, work: Awaitable[T]) -> T:
    """A database that does not answer in time becomes ``ServiceBusy``, a ``ServiceError``
    every handler already shows; nothing was committed (the transaction rolled back)."""
    try:
        return await work
    except UNAVAILABLE as error:
        logger.warning("database unavailable in %s: %s", name, type(error).__name__)
        raise ServiceBusy() from error


async def call_service(func: Callable[..., T], **kwargs: Any) -> T:
    """Run one service in its own transaction in a worker thread (argon2 and I/O block)."""
    return await _busy_when_unavailable(func.__name__, in_thread_transaction(func, **kwargs))


async def read_service(func: Callable[..., T], **kwargs: Any) -> T:
    """``call_service`` for a service function that only reads: a snapshot, no write lock."""
    return await _busy_when_unavailable(func.__name__, in_thread_read(func, **kwargs))


async def call_async_service(func: Callable[..., Awaitable[T]], **kwargs: Any) -> T:
    """``call_service`` for a service that runs its own steps (``services.login.sign_in``)."""
    return await _busy_when_unavailable(func.__name__, func(**kwargs))


async def dialog_call(state: Any, func: Callable[..., Any], **kwargs: Any) -> Exception | None:
    """``call_service`` for a dialog's decision: a refusal goes where the dialog shows it (the
    fields' messages in ``state.field_errors``, any other in ``state.error``) and is returned,
    so the caller can tell a stale page; None when the decision was made."""
    try:
        await call_service(func, **kwargs)
    except FieldErrors as error:
        state.field_errors = error.errors
        return error
    except ServiceError as error:
        state.error = error.message
        return error
    return None


def read(func: Callable[[Session], T]) -> T:
    """A short read-only query from a handler (selectors only; services do the writing): on
    SQLite a snapshot beside the writer, not a turn at the write lock."""
    with read_scope() as session:
        return func(session)


async def read_off_loop(func: Callable[[Session], T]) -> T:
    """``read`` in a worker thread: what every page's on_load uses, so a slow query stalls
    one navigation and not every tab this process serves."""
    return await asyncio.to_thread(read, func)


async def read_once(func: Callable[[Session], T]) -> T:
    """``read_off_loop`` for a navigation's one trip: a database that does not answer in time
    becomes ``ServiceBusy``, as in ``read_service``."""
    return await _busy_when_unavailable("navigation", read_off_loop(func))


def assign_changed(state: Any, **values: Any) -> None:
    """Set only the vars whose value differs: Reflex sends every var that was set, and most
    navigations set the same header, footer and dropdowns as the one before."""
    for name, value in values.items():
        if getattr(state, name) != value:
            setattr(state, name, value)


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
