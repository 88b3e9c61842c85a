"""Exporting a staff search leaves an audit row: who took which rows out, and when."""

from __future__ import annotations

from sqlmodel import Session

from mpv_app.domain.audit import AuditAction
from mpv_app.services import audit


def record_export(
    *, session: Session, actor_user_id: int, inbox: str, fmt: str, query: str, rows: int
) -> None:
    audit.record(
        session,
        action=AuditAction.FILING_EXPORT,
        entity="export",
        entity_id=inbox,
        actor_user_id=actor_user_id,
        detail={"format": fmt, "filters": query, "rows": rows},
    )
