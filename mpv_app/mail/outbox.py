"""The writing half of the outbox: services queue mail in their own transaction.

A message is only a row until the worker picks it up, so a rolled-back change never emails
anybody and a committed one always will, however the request ends.
"""

from __future__ import annotations

from sqlmodel import Session

from mpv_app.dbtypes import utcnow
from mpv_app.domain import hygiene
from mpv_app.mail.templates import RenderedEmail
from mpv_app.models import MailAttachment, OutboxEmail, OutboxStatus

MAX_ADDRESS_LENGTH = 254
MAX_SUBJECT_LENGTH = 300


def _check_header(value: str, what: str, limit: int) -> str:
    # Rejected here rather than at send time: a bad row would only burn its retries later.
    if not value:
        raise ValueError(f"{what} must be a single non-empty line")
    try:
        hygiene.safe_header(value)  # CR, LF, NUL or any control character: refused
    except ValueError as error:
        raise ValueError(f"{what} must be a single non-empty line") from error
    if len(value) > limit:
        raise ValueError(f"{what} is longer than {limit} characters")
    return value


def enqueue(
    session: Session,
    *,
    to: str,
    email: RenderedEmail,
    correspondence_id: int | None = None,
    attachment: MailAttachment | None = None,
) -> OutboxEmail:
    """Queue ``email`` for ``to``; the caller's commit (or rollback) decides its fate.

    ``attachment`` is rendered by the worker when it sends (the cargo of ``correspondence_id``),
    so the outbox stores no blobs and the PDF is the one a download would give."""
    if attachment is not None and correspondence_id is None:
        raise ValueError("an attachment is rendered from its filing: give correspondence_id")
    address = _check_header(to.strip(), "recipient address", MAX_ADDRESS_LENGTH)
    try:
        address = hygiene.safe_recipient(address)  # exactly one address: no "a,b@x.pe"
    except ValueError as error:
        raise ValueError(f"not one email address: {address!r}") from error
    row = OutboxEmail(
        to_address=address,
        subject=_check_header(email.subject, "subject", MAX_SUBJECT_LENGTH),
        body_text=email.text,
        body_html=email.html,
        status=OutboxStatus.PENDING,
        attempts=0,
        next_attempt_at=utcnow(),
        correspondence_id=correspondence_id,
        attachment=attachment,
    )
    session.add(row)
    return row
