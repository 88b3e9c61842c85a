"""One filing as its viewer may see it: data, files, and the timeline of status events.

Access is decided here, once, with ``domain.access.can_view``, for pages and download routes
alike; a filing the viewer may not see is reported exactly like one that does not exist.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app.domain.access import can_view
from mpv_app.domain.enums import EventAction, Role, Status
from mpv_app.domain.identity import Viewer
from mpv_app.domain.observation import cure_is_open, deadline_text
from mpv_app.domain.rows import FileRow, TimelineRow
from mpv_app.domain.signatures import SignatureCheck, signature_lines
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.models import (
    Attachment,
    Correspondence,
    Sender,
    StatusEvent,
    User,
)
from mpv_app.selectors.catalog import department_label, document_type_name
from mpv_app.selectors.columns import run_columns
from mpv_app.selectors.invoices import invoice_line
from mpv_app.selectors.names import display_name
from mpv_app.settings import get_settings

EVENT_LABELS = {
    EventAction.REGISTER: "Registro",
    EventAction.TAKE: "Tomada por la dependencia",
    EventAction.ATTEND: "Atención",
    EventAction.REJECT: "Rechazo",
    EventAction.ROUTE: "Derivación",
    EventAction.OBSERVE: "Observación",
    EventAction.CURE: "Subsanación",
    EventAction.EXPIRE: "No presentada: plazo de subsanación vencido",
}


def viewer_for(session: Session, user_id: int) -> Viewer | None:
    """The viewer behind a download token; deactivated accounts see nothing."""
    user = session.get(User, user_id)
    if user is None or not user.is_active or user.id is None:
        return None
    return Viewer(user.id, user.role, user.department_id)


def _may_see(viewer: Viewer, filing: Correspondence, sender: Sender | None) -> bool:
    return can_view(
        role=viewer.role,
        is_owner=(
            viewer.role is Role.SENDER and sender is not None and sender.user_id == viewer.user_id
        ),
        viewer_department_id=viewer.department_id,
        filing_department_id=filing.department_id,
    )


# The filing with its sender in one statement: the owner check needs the sender, and so does
# the page (its name), which then finds it in the session instead of asking again.
_FILING_WITH_SENDER = select(Correspondence, Sender).join(
    Sender, col(Sender.id) == col(Correspondence.sender_id)
)
_BY_NUMBER = _FILING_WITH_SENDER.where(
    col(Correspondence.tracking_number) == sa.bindparam("number")
)
_BY_ID = _FILING_WITH_SENDER.where(col(Correspondence.id) == sa.bindparam("filing_id"))


def _visible(
    session: Session, viewer: Viewer, query: Any, **params: Any
) -> tuple[Correspondence, Sender] | None:
    found = session.exec(query, params=params).first()
    if found is None or not _may_see(viewer, found[0], found[1]):
        return None
    return found[0], found[1]


def visible_filing(session: Session, viewer: Viewer, tracking_number: str) -> Correspondence | None:
    found = visible_filing_and_sender(session, viewer, tracking_number)
    return found[0] if found else None


def visible_filing_and_sender(
    session: Session, viewer: Viewer, tracking_number: str
) -> tuple[Correspondence, Sender] | None:
    """The sender comes along for ``filing_fields``: the session holds loaded rows weakly,
    so one nobody keeps would be asked for again."""
    return _visible(session, viewer, _BY_NUMBER, number=tracking_number.strip().upper())


def visible_attachment(session: Session, viewer: Viewer, attachment_id: int) -> Attachment | None:
    attachment = session.get(Attachment, attachment_id)
    if attachment is None:
        return None
    found = _visible(session, viewer, _BY_ID, filing_id=attachment.correspondence_id)
    return attachment if found else None


def _size(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return f"{max(1, round(size_bytes / 1024))} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB".replace(".", ",")


def filing_fields(
    session: Session, filing: Correspondence, sender: Sender | None = None
) -> list[tuple[str, str]]:
    tz = get_settings().tz
    sender = sender or session.get(Sender, filing.sender_id)
    invoice = invoice_line(session, filing.id)
    return [
        ("Número de trámite", filing.tracking_number),
        ("Estado", filing.status.label),
        ("Remitente", display_name(sender) if sender else ""),
        ("Asunto", filing.subject),
        ("Tipo de correspondencia", document_type_name(session, filing.document_type_id)),
        ("Nº Documento", filing.document_number),
        ("Fecha del documento", format_date(filing.document_date)),
        ("Nº de páginas", str(filing.page_count)),
        ("Destino", department_label(session, filing.department_id)),
        ("Fecha y hora de envío", format_local(filing.submitted_at, tz)),
        ("Fecha de recepción", format_date(filing.received_on)),
        ("Observación", filing.notes or "—"),
        *([("Comprobante electrónico", invoice)] if invoice else []),
        *observation_fields(filing),
    ]


def observation_fields(filing: Correspondence) -> list[tuple[str, str]]:
    """The observation's dates, once there was one (TUO Ley 27444 art. 136)."""
    if filing.observed_at is None or filing.cure_deadline is None:
        return []
    tz = get_settings().tz
    rows = [
        ("Observada el", format_local(filing.observed_at, tz)),
        ("Plazo para subsanar", f"hasta el {format_date(filing.cure_deadline)}, 23:59"),
    ]
    if filing.cured_at is not None:
        rows.append(("Subsanada el", format_local(filing.cured_at, tz)))
    return rows


def observation_panel(session: Session, filing: Correspondence) -> dict[str, str]:
    """What an Observada filing's page shows above everything: the observations in full, the
    deadline, and whether the sender may still subsanar. Empty when not observed now."""
    if filing.status is not Status.OBSERVED or filing.cure_deadline is None:
        return {}
    settings = get_settings()
    note = run_columns(session, _OBSERVATION_NOTE, {"filing_id": filing.id}).scalar()
    open_now = cure_is_open(filing.cure_deadline, datetime.now(UTC), settings.tz)
    return {
        "observations": note or "",
        "deadline": deadline_text(filing.cure_deadline, settings.observation_business_days),
        "open": "1" if open_now else "",
    }


# The detail page's other reads, as columns and built once: every opening of a filing runs
# them, and building a select and loading entities cost more CPU than SQLite spent answering.
_OBSERVATION_NOTE = (
    sa.select(col(StatusEvent.note))
    .where(
        col(StatusEvent.correspondence_id) == sa.bindparam("filing_id"),
        col(StatusEvent.action) == EventAction.OBSERVE,
    )
    .order_by(col(StatusEvent.id).desc())
    .limit(1)
)
_FILES = (
    sa.select(
        col(Attachment.id),
        col(Attachment.original_name),
        col(Attachment.kind),
        col(Attachment.size_bytes),
        col(Attachment.sha256),
        col(Attachment.content_type),
        col(Attachment.signatures),
    )
    .where(col(Attachment.correspondence_id) == sa.bindparam("filing_id"))
    .order_by(col(Attachment.id))
)
_TIMELINE: Any = (
    sa.select(
        col(StatusEvent.created_at),
        col(StatusEvent.action),
        col(StatusEvent.to_status),
        col(StatusEvent.department_id),
        col(StatusEvent.note),
        col(User.email).label("actor_email"),  # the actor in the same statement
    )
    .select_from(StatusEvent)
    .outerjoin(User, col(User.id) == col(StatusEvent.actor_user_id))
    .where(col(StatusEvent.correspondence_id) == sa.bindparam("filing_id"))
    .order_by(col(StatusEvent.created_at), col(StatusEvent.id))
)


def filing_files(session: Session, filing: Correspondence) -> list[FileRow]:
    return [
        FileRow(
            id=str(a.id),
            name=a.original_name,
            kind=a.kind.label,
            size=_size(a.size_bytes),
            sha256=a.sha256,
            signature=signature_text(a),
        )
        for a in run_columns(session, _FILES, {"filing_id": filing.id})
    ]


class SignedFile(Protocol):
    """What ``signature_text`` reads: an ``Attachment``, or a row of its columns."""

    @property
    def content_type(self) -> str: ...
    @property
    def signatures(self) -> list[dict[str, str]]: ...


def signature_text(attachment: SignedFile) -> str:
    """ "Firmado digitalmente por … (válida)" per signature; "Sin firma digital" for a PDF
    without one; "" for other kinds (a scan's handwritten signature is not ours to judge)."""
    if attachment.content_type != "application/pdf":
        return ""
    checks = [SignatureCheck.from_json(s) for s in attachment.signatures]
    lines = signature_lines(checks, get_settings().tz)
    return " · ".join(lines) if lines else "Sin firma digital"


def filing_timeline(
    session: Session, filing: Correspondence, *, with_actor: bool
) -> list[TimelineRow]:
    """Oldest first, as a history reads; the acting staff member is shown to staff only."""
    tz = get_settings().tz
    events = run_columns(session, _TIMELINE, {"filing_id": filing.id})
    result: list[TimelineRow] = []
    for event in events:
        result.append(
            TimelineRow(
                when=format_local(event.created_at, tz),
                event=EVENT_LABELS[event.action],
                status=event.to_status.label,
                status_code=event.to_status.value,
                department=department_label(session, event.department_id),
                note=event.note or "",
                actor=(event.actor_email or "") if with_actor else "",
            )
        )
    return result
