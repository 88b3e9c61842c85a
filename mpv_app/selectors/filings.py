"""Read-side counts for the staff landing pages (the full inboxes come with the staff issue)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from mpv_app.domain.enums import Status
from mpv_app.models import Correspondence


def count_by_status(session: Session, status: Status, department_id: int | None = None) -> int:
    query = select(func.count()).select_from(Correspondence).where(Correspondence.status == status)
    if department_id is not None:
        query = query.where(Correspondence.department_id == department_id)
    return int(session.exec(query).one())
