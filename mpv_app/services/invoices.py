"""The comprobante a filing carries: checked against sender, type and PETROPERÚ; never twice.

The XML was read when it was staged (``services.uploads``); here, inside the submit's
transaction, it is checked and recorded. "Never twice" is a unique constraint on issuer RUC +
serie-número: the pre-check names the earlier filing, the constraint settles two submits of
the same invoice at once (``services.submission.submit_resolving`` retries the loser once, so it
gets the pre-check's message).
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from mpv_app.domain.enums import IdentityDocType
from mpv_app.domain.invoices import (
    KINDS_BY_DOCUMENT_TYPE,
    Invoice,
    already_filed,
    problems,
)
from mpv_app.models import Correspondence, DocumentType, FilingInvoice, Sender, StagedUpload
from mpv_app.services.errors import FieldErrors
from mpv_app.settings import get_settings

ONE_INVOICE = "Adjunte un solo comprobante electrónico (XML) por correspondencia."


def staged_invoices(files: list[StagedUpload]) -> list[Invoice]:
    return [Invoice.from_json(f.invoice) for f in files if f.invoice]


def earlier_filing(session: Session, invoice: Invoice) -> Correspondence | None:
    return session.exec(
        select(Correspondence)
        .join(FilingInvoice, col(FilingInvoice.correspondence_id) == Correspondence.id)
        .where(
            FilingInvoice.issuer_ruc == invoice.issuer_ruc,
            FilingInvoice.number == invoice.number,
        )
    ).first()


def invoice_problems(
    session: Session, invoice: Invoice, doc_type: DocumentType, sender: Sender
) -> list[str]:
    """Everything wrong with filing ``invoice`` as ``doc_type`` by ``sender``, in Spanish."""
    found = problems(
        invoice,
        document_type_code=doc_type.code,
        document_type_name=doc_type.name,
        sender_ruc=sender.doc_number if sender.doc_type is IdentityDocType.RUC else None,
        sender_dni=sender.doc_number if sender.doc_type is IdentityDocType.DNI else None,
        institution_ruc=get_settings().institution_ruc,
    )
    earlier = earlier_filing(session, invoice)
    if earlier is not None:
        # The earlier number is the sender's to see only when the earlier filing is theirs.
        mine = earlier.sender_id == sender.id
        found.append(already_filed(invoice.number, earlier.tracking_number if mine else None))
    return found


def checked_invoice(
    session: Session, files: list[StagedUpload], doc_type: DocumentType, sender: Sender
) -> Invoice | None:
    """The filing's comprobante when its type is one; ``FieldErrors`` when it cannot go."""
    if doc_type.code not in KINDS_BY_DOCUMENT_TYPE:
        return None
    invoices = staged_invoices(files)
    if not invoices:
        return None
    if len(invoices) > 1:
        raise FieldErrors({"annexes": ONE_INVOICE})
    found = invoice_problems(session, invoices[0], doc_type, sender)
    if found:
        raise FieldErrors({"annexes": " ".join(found)})
    return invoices[0]


def record_invoice(session: Session, filing_id: int, invoice: Invoice) -> None:
    session.add(FilingInvoice(correspondence_id=filing_id, **invoice.values()))
