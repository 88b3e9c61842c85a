"""The sender's own filings, newest first (the full search comes with the consulta issue)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.models import Correspondence, Sender
from mpv_app.settings import get_settings


def recent_filings(session: Session, user_id: int, limit: int = 20) -> list[dict[str, str]]:
    tz = get_settings().tz
    rows = session.exec(
        select(Correspondence)
        .join(Sender, col(Sender.id) == Correspondence.sender_id)
        .where(Sender.user_id == user_id)
        .order_by(col(Correspondence.submitted_at).desc())
        .limit(limit)
    ).all()
    return [
        {
            "number": f.tracking_number,
            "submitted": format_local(f.submitted_at, tz),
            "received": format_date(f.received_on),
            "subject": f.subject,
            "status": f.status.label,
        }
        for f in rows
    ]
