"""The audit trail: every service that changes something calls ``record`` in its transaction."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from mpv_app.domain.audit import AuditAction
from mpv_app.models import AuditLog, Correspondence


def record(
    session: Session,
    *,
    action: AuditAction,
    entity: str,
    entity_id: object,
    actor_user_id: int | None = None,
    correspondence_id: int | None = None,
    detail: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditLog:
    entry = AuditLog(
        actor_user_id=actor_user_id,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        correspondence_id=correspondence_id,
        detail=detail or {},
        ip_address=ip_address,
    )
    session.add(entry)
    return entry


def record_filing(
    session: Session,
    filing: Correspondence,
    *,
    action: AuditAction,
    detail: dict[str, Any],
    actor_user_id: int | None = None,
) -> AuditLog:
    """``record`` for a change to a filing: named by its number, linked by its id."""
    return record(
        session,
        action=action,
        entity="correspondence",
        entity_id=filing.tracking_number,
        actor_user_id=actor_user_id,
        correspondence_id=filing.id,
        detail=detail,
    )
