"""Everything the cargo (receipt) shows, read for one filing of one owner."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mpv_app import routes
from mpv_app.domain.enums import AttachmentKind, SenderKind
from mpv_app.domain.labels import destination_label
from mpv_app.domain.reception import reception_note
from mpv_app.models import (
    Attachment,
    Correspondence,
    Department,
    DocumentType,
    ManagementCenter,
    Sender,
    User,
)
from mpv_app.receipts.cargo import ReceiptData, ReceiptFile, build_receipt_pdf
from mpv_app.receipts.signing import sign_cargo
from mpv_app.selectors.accounts import DOC_LABELS
from mpv_app.selectors.calendar import office_hours
from mpv_app.selectors.filing_detail import observation_fields, signature_text
from mpv_app.selectors.invoices import invoice_line
from mpv_app.settings import get_settings


def receipt_data(session: Session, filing: Correspondence) -> ReceiptData:
    settings = get_settings()
    sender = session.get(Sender, filing.sender_id)
    user = session.get(User, sender.user_id) if sender else None
    doc_type = session.get(DocumentType, filing.document_type_id)
    department = session.get(Department, filing.department_id)
    center = session.get(ManagementCenter, filing.center_id)
    assert sender and user and doc_type and department and center
    if sender.kind is SenderKind.NATURAL_PERSON:
        name = f"{sender.first_names} {sender.last_names}"
    else:
        name = f"{sender.business_name} (representante: {sender.legal_representative})"
    files = session.exec(
        select(Attachment)
        .where(
            Attachment.correspondence_id == filing.id, Attachment.kind != AttachmentKind.RESPONSE
        )
        .order_by(col(Attachment.id))
    ).all()
    return ReceiptData(
        tracking_number=filing.tracking_number,
        verification_code=filing.verification_code,
        verify_url=settings.base_url.rstrip("/") + routes.verify(filing.verification_code),
        sender_name=name,
        sender_document=f"{DOC_LABELS[sender.doc_type]} {sender.doc_number}",
        sender_email=user.email,
        subject=filing.subject,
        document_type=doc_type.name,
        document_number=filing.document_number,
        document_date=filing.document_date,
        page_count=filing.page_count,
        destination=destination_label(department.name, center.name),
        submitted_at=filing.submitted_at,
        received_on=filing.received_on,
        files=tuple(
            ReceiptFile(
                name=f.original_name,
                kind_label=f.kind.label,
                size_bytes=f.size_bytes,
                sha256=f.sha256,
                signature=signature_text(f),
            )
            for f in files
        ),
        tz=settings.tz,
        invoice=invoice_line(session, filing.id),
        observation_fields=tuple(observation_fields(filing)) if filing.cured_at else (),
        reception_note=reception_note(office_hours(session)),
    )


def cargo_filename(filing: Correspondence) -> str:
    return f"cargo-{filing.tracking_number}.pdf"


def cargo_pdf(session: Session, filing: Correspondence) -> bytes:
    """The cargo as the sender gets it, whichever door it leaves by (download or email):
    rendered, then signed PAdES with the institution's key (``receipts.signing``)."""
    return sign_cargo(build_receipt_pdf(receipt_data(session, filing)), get_settings())


def cargo_pdf_by_id(session: Session, correspondence_id: int) -> tuple[str, bytes]:
    filing = session.get(Correspondence, correspondence_id)
    if filing is None:
        raise LookupError(f"no filing {correspondence_id} to render a cargo for")
    return cargo_filename(filing), cargo_pdf(session, filing)
