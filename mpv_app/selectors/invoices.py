"""The comprobante recorded with a filing, as the detail page and the cargo print it."""

from __future__ import annotations

from dataclasses import fields

import sqlalchemy as sa
from sqlmodel import Session, col

from mpv_app.domain.invoices import Invoice, summary
from mpv_app.models import FilingInvoice
from mpv_app.selectors.columns import run_columns

# The invoice's columns by ``Invoice``'s field names, built once: every detail page asks.
_INVOICE_OF_FILING = sa.select(
    *(col(getattr(FilingInvoice, f.name)) for f in fields(Invoice))
).where(col(FilingInvoice.correspondence_id) == sa.bindparam("filing_id"))


def filing_invoice(session: Session, correspondence_id: int | None) -> Invoice | None:
    row = run_columns(session, _INVOICE_OF_FILING, {"filing_id": correspondence_id}).first()
    if row is None:
        return None
    return Invoice.of(row)


def invoice_line(session: Session, correspondence_id: int | None) -> str:
    """«Factura F001-… de … por S/ …, emitida el … (RUC emisor …)», or "" when there is none."""
    invoice = filing_invoice(session, correspondence_id)
    return f"{summary(invoice)} (RUC emisor {invoice.issuer_ruc})" if invoice else ""
