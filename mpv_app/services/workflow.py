"""Staff decisions on a filing: take, attend, reject, route.

Each is one transaction: the status machine decides whether the change exists, the access table
whether it is this person's to make, and a conditional UPDATE on ``version`` whether nobody
changed the filing since the page showed it. Then a status event, an audit row and the sender's
email are written beside it, or nothing is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Unpack

from sqlmodel import Session

from mpv_app.domain.enums import AttachmentKind, EventAction
from mpv_app.domain.status import REASON_REQUIRED
from mpv_app.services import publishing
from mpv_app.services.transitions import (
    MAX_NOTE,
    NOT_ALLOWED,
    NOT_FOUND,
    STALE,
    Asked,
    Changed,
    StaleFiling,
    clean_note,
    transition,
)
from mpv_app.services.uploads import staged_for
from mpv_app.storage.files import FileStore

__all__ = [
    "MAX_NOTE",
    "NOT_ALLOWED",
    "NOT_FOUND",
    "STALE",
    "Changed",
    "StaleFiling",
    "attend",
    "reject",
    "route",
    "take",
]


def take(*, session: Session, now: datetime | None = None, **asked: Unpack[Asked]) -> Changed:
    changed, _filing_id = transition(session, **asked, action=EventAction.TAKE, note="", now=now)
    return changed


def reject(
    *, session: Session, reason: str, now: datetime | None = None, **asked: Unpack[Asked]
) -> Changed:
    note = clean_note(reason, required=REASON_REQUIRED)
    changed, _filing_id = transition(
        session, **asked, action=EventAction.REJECT, note=note, now=now
    )
    return changed


def route(
    *,
    session: Session,
    department_id: int,
    note: str = "",
    now: datetime | None = None,
    **asked: Unpack[Asked],
) -> Changed:
    changed, _filing_id = transition(
        session,
        **asked,
        action=EventAction.ROUTE,
        note=clean_note(note, required=None),
        target_department_id=department_id,
        now=now,
    )
    return changed


def attend(
    *,
    session: Session,
    note: str,
    store: FileStore,
    now: datetime | None = None,
    **asked: Unpack[Asked],
) -> Changed:
    """Close the filing with the answer; the actor's staged response files go with it."""
    text = clean_note(note, required="Escriba la respuesta o nota de atención.")
    changed, filing_id = transition(session, **asked, action=EventAction.ATTEND, note=text, now=now)
    staged = staged_for(session, asked["actor_id"])
    responses = [u for u in staged if u.kind is AttachmentKind.RESPONSE]
    moment = now or datetime.now(UTC)
    publishing.publish(session, store, responses, moment)
    publishing.attach_staged(session, store, filing_id, responses, moment)
    session.flush()
    return changed
