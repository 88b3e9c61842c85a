"""Background tasks the app runs beside its requests (Reflex lifespan tasks)."""

from __future__ import annotations

from mpv_app.db import get_engine
from mpv_app.mail.transports import transport_from_settings
from mpv_app.mail.worker import run_worker
from mpv_app.settings import get_settings


async def start_mail_worker() -> None:
    """Send queued mail; several app workers may run this, claims keep each email single."""
    settings = get_settings()
    await run_worker(get_engine, transport_from_settings(settings), settings.mail_poll_seconds)
