"""The comprobante recorded with a filing, as the detail page and the cargo print it."""

from __future__ import annotations

from sqlmodel import Session, select

from mpv_app.domain.invoices import Invoice, summary
from mpv_app.models import FilingInvoice


def filing_invoice(session: Session, correspondence_id: int | None) -> Invoice | None:
    row = session.exec(
        select(FilingInvoice).where(FilingInvoice.correspondence_id == correspondence_id)
    ).first()
    if row is None:
        return None
    return Invoice.of(row)


def invoice_line(session: Session, correspondence_id: int | None) -> str:
    """«Factura F001-… de … por S/ …, emitida el … (RUC emisor …)», or "" when there is none."""
    invoice = filing_invoice(session, correspondence_id)
    return f"{summary(invoice)} (RUC emisor {invoice.issuer_ruc})" if invoice else ""
