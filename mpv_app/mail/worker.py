"""The sending half of the outbox: claims due rows and hands them to a transport.

Requests never talk to a mail server; this worker does, so a slow or dead server only delays
mail. A row is claimed with a conditional UPDATE committed before sending, so any number of
workers (one per backend process) can run side by side without sending a row twice.

Delivery is at-least-once, not exactly-once: a worker killed after the server accepted a
message but before it recorded the row as sent will send it again once the claim goes stale
(``STALE_SENDING``). Every attempt of one row carries the same Message-ID
(``message_id_for``), so the resend is recognisable as the same message by mail servers and
clients that deduplicate, and by anyone reading the headers.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, col

from mpv_app.dbtypes import utcnow
from mpv_app.mail.transports import (
    DeliveryError,
    FileTransport,
    MailFile,
    SmtpTransport,
    Transport,
    message_id_for,
    parse_smtp_url,
    transport_from_settings,
)
from mpv_app.models import MailAttachment, OutboxEmail, OutboxStatus

__all__ = [
    "DeliveryError",
    "FileTransport",
    "MailFile",
    "SmtpTransport",
    "Transport",
    "backoff",
    "deliver_due",
    "message_id_for",
    "parse_smtp_url",
    "run_worker",
    "transport_from_settings",
]

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)
STALE_SENDING = timedelta(minutes=10)  # far beyond any SMTP timeout: its sender has died

id_col, status_col = col(OutboxEmail.id), col(OutboxEmail.status)
next_col, attempts_col = col(OutboxEmail.next_attempt_at), col(OutboxEmail.attempts)


def backoff(attempts: int) -> timedelta:
    """30 s after the first failure, doubling each time, never more than an hour."""
    return min(FIRST_BACKOFF * (1 << min(max(attempts - 1, 0), 16)), MAX_BACKOFF)


@dataclass(frozen=True)
class _Claimed:
    id: int
    to: str
    subject: str
    text: str
    html: str
    attempts: int
    correspondence_id: int | None = None
    attachment: MailAttachment | None = None


def _recover_stale(conn: Connection, now: datetime) -> None:
    """Rows left SENDING by a dead worker go back to the queue (or fail, if out of tries).

    While a row is SENDING, ``next_attempt_at`` holds the moment it was claimed.
    """
    stale = sa.and_(status_col == OutboxStatus.SENDING, next_col <= now - STALE_SENDING)
    note = "interrupted while sending (worker stopped)"
    failed = conn.execute(
        sa.update(OutboxEmail)
        .where(stale, attempts_col >= MAX_ATTEMPTS)
        .values(status=OutboxStatus.FAILED, last_error=note)
    ).rowcount
    retried = conn.execute(
        sa.update(OutboxEmail)
        .where(stale)
        .values(status=OutboxStatus.PENDING, next_attempt_at=now, last_error=f"{note}; retry")
    ).rowcount
    if failed or retried:
        logger.warning("outbox: recovered %d stuck message(s), gave up on %d", retried, failed)


def _claim(engine: Engine, outbox_id: int, now: datetime) -> _Claimed | None:
    """Take the row for this worker; committed before sending, so no one else can take it."""
    with engine.begin() as conn:
        claimed = conn.execute(
            sa.update(OutboxEmail)
            .where(id_col == outbox_id, status_col == OutboxStatus.PENDING, next_col <= now)
            .values(status=OutboxStatus.SENDING, attempts=attempts_col + 1, next_attempt_at=now)
        ).rowcount
        if claimed != 1:
            return None
        row = conn.execute(
            sa.select(
                col(OutboxEmail.to_address),
                col(OutboxEmail.subject),
                col(OutboxEmail.body_text),
                col(OutboxEmail.body_html),
                attempts_col,
                col(OutboxEmail.correspondence_id),
                col(OutboxEmail.attachment),
            ).where(id_col == outbox_id)
        ).one()
    return _Claimed(outbox_id, *row)


def _attachments(engine: Engine, claimed: _Claimed) -> list[MailFile]:
    """Render what the row carries, now: the cargo is built from the filing as it stands."""
    if claimed.attachment is None or claimed.correspondence_id is None:
        return []
    from mpv_app.selectors.receipts import cargo_pdf_by_id  # the worker alone needs receipts

    with Session(engine) as session:
        name, content = cargo_pdf_by_id(session, claimed.correspondence_id)
    return [MailFile(filename=name, content=content)]


def _finish(engine: Engine, outbox_id: int, **values: Any) -> None:
    with engine.begin() as conn:
        conn.execute(
            sa.update(OutboxEmail)
            .where(id_col == outbox_id, status_col == OutboxStatus.SENDING)
            .values(**values)
        )


def _send_one(engine: Engine, transport: Transport, claimed: _Claimed, now: datetime) -> bool:
    try:
        transport.send(
            to=claimed.to,
            subject=claimed.subject,
            text=claimed.text,
            html=claimed.html,
            message_id=message_id_for(claimed.id),
            attachments=_attachments(engine, claimed),
        )
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000]
        if claimed.attempts >= MAX_ATTEMPTS:
            logger.error(
                "outbox %d: giving up after %d attempts: %s", claimed.id, MAX_ATTEMPTS, error
            )
            _finish(engine, claimed.id, status=OutboxStatus.FAILED, last_error=error)
        else:
            retry_at = now + backoff(claimed.attempts)
            logger.warning(
                "outbox %d: attempt %d failed, next at %s: %s",
                claimed.id,
                claimed.attempts,
                retry_at.isoformat(),
                error,
            )
            _finish(
                engine,
                claimed.id,
                status=OutboxStatus.PENDING,
                next_attempt_at=retry_at,
                last_error=error,
            )
        return False
    return True


def deliver_due(
    engine: Engine, transport: Transport, *, now: datetime | None = None, batch: int = 20
) -> int:
    """Send up to ``batch`` due messages once each; returns how many the transport accepted.

    ``now`` pins the clock, so tests can step past a backoff without waiting for it.
    """
    if now is not None and now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
    with engine.begin() as conn:  # one short transaction per idle round
        _recover_stale(conn, clock())
        due = conn.execute(
            sa.select(id_col)
            .where(status_col == OutboxStatus.PENDING, next_col <= clock())
            .order_by(next_col, id_col)
            .limit(batch)
        )
        ids = [outbox_id for outbox_id in due.scalars() if outbox_id is not None]
    sent = 0
    for outbox_id in ids:
        claimed = _claim(engine, outbox_id, clock())
        if claimed is None:
            continue  # another worker took it, or it is no longer due
        if _send_one(engine, transport, claimed, clock()):
            _finish(engine, claimed.id, status=OutboxStatus.SENT, sent_at=clock())
            sent += 1
    return sent


async def run_worker(
    engine_factory: Callable[[], Engine], transport: Transport, poll_seconds: float
) -> None:
    """Poll forever; a bad round (database down, a bug) is logged and the next one tries again.

    Meant as a Reflex lifespan task: cancellation at shutdown is the only way out.
    """
    engine: Engine | None = None
    logger.info("outbox worker started: %r, every %.1f s", transport, poll_seconds)
    while True:
        try:
            if engine is None:
                engine = engine_factory()
            sent = await asyncio.to_thread(deliver_due, engine, transport)
            if sent:
                logger.info("outbox: sent %d message(s)", sent)
        except Exception:
            logger.exception("outbox worker round failed; next try in %.1f s", poll_seconds)
        await asyncio.sleep(poll_seconds)
