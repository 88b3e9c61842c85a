"""Background tasks the app runs beside its requests (Reflex lifespan tasks)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from mpv_app.cpu_affinity import collect_young_every, pin_this_worker, shorten_gil_turns
from mpv_app.db import get_engine, session_scope
from mpv_app.mail.transports import transport_from_settings
from mpv_app.mail.worker import run_worker
from mpv_app.services.maintenance import sweep
from mpv_app.services.observation import expire_overdue
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore

logger = logging.getLogger(__name__)


async def pin_worker() -> None:
    """Runs once in each worker process, on its event loop's thread, as the worker starts
    (beside the other lifespan tasks, so the first few events may run before it)."""
    settings = get_settings()
    pin_this_worker(settings.worker_cpu)
    shorten_gil_turns(settings.gil_switch_ms)
    collect_young_every(settings.gc_young_objects)


async def start_mail_worker() -> None:
    """Send queued mail; several app workers may run this, claims keep each email single."""
    settings = get_settings()
    await run_worker(get_engine, transport_from_settings(settings), settings.mail_poll_seconds)


def _sweep_once() -> None:
    settings = get_settings()
    with session_scope() as session:  # observations left unfixed past their deadline
        expire_overdue(session=session, store=FileStore(settings.storage_dir))
    with session_scope() as session:
        sweep(
            session=session,
            store=FileStore(settings.storage_dir),
            staging_ttl=timedelta(hours=settings.staging_ttl_hours),
            grace=timedelta(minutes=settings.store_grace_minutes),
        )


async def start_maintenance() -> None:
    """Close expired observations, sweep abandoned uploads and orphan files, every few minutes."""
    while True:
        try:
            await asyncio.to_thread(_sweep_once)
        except Exception:  # a failed sweep must not stop the app; the next one retries
            logger.exception("maintenance sweep failed")
        await asyncio.sleep(get_settings().maintenance_seconds)
