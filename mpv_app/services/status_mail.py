"""The e-mail a sender gets when their filing changes: one template, a headline per action."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from mpv_app import routes
from mpv_app.domain.enums import EventAction, MailAttachment, Status
from mpv_app.domain.timefmt import format_local
from mpv_app.mail import outbox, templates
from mpv_app.models import (
    Correspondence,
    Sender,
    User,
)
from mpv_app.selectors.catalog import department_label
from mpv_app.selectors.names import display_name
from mpv_app.settings import get_settings

HEADLINES = {
    EventAction.TAKE: "Su correspondencia está siendo atendida por la dependencia.",
    EventAction.ATTEND: "Su correspondencia fue atendida.",
    EventAction.REJECT: "Su correspondencia fue rechazada.",
    EventAction.ROUTE: "Su correspondencia fue derivada a otra dependencia.",
    EventAction.OBSERVE: "Su correspondencia fue observada.",
    EventAction.CURE: "Recibimos la subsanación de su correspondencia.",
    EventAction.EXPIRE: "Su correspondencia se tiene por no presentada.",
}
NOTE_LABELS = {
    EventAction.TAKE: "Nota",
    EventAction.ATTEND: "Respuesta",
    EventAction.REJECT: "Motivo del rechazo",
    EventAction.ROUTE: "Nota",
    EventAction.OBSERVE: "Observaciones",
    EventAction.CURE: "Nota de subsanación",
    EventAction.EXPIRE: "Motivo",
}


def notify(
    session: Session,
    *,
    filing_id: int,
    action: EventAction,
    status: Status,
    note: str,
    now: datetime,
    headline: str | None = None,
    attachment: MailAttachment | None = None,
) -> None:
    filing = session.get(Correspondence, filing_id)
    assert filing is not None
    sender = session.get(Sender, filing.sender_id)
    user = session.get(User, sender.user_id) if sender else None
    assert sender and user
    settings = get_settings()
    outbox.enqueue(
        session,
        to=user.email,
        email=templates.filing_status_changed(
            name=display_name(sender),
            tracking_number=filing.tracking_number,
            subject=filing.subject,
            headline=headline or HEADLINES[action],
            status_label=status.label,
            destination=department_label(session, filing.department_id),
            when_text=format_local(now, settings.tz),
            note_label=NOTE_LABELS[action],
            note=note,
            link=settings.base_url.rstrip("/") + routes.filing_detail(filing.tracking_number),
        ),
        correspondence_id=filing.id,
        attachment=attachment,
    )
