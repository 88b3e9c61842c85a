"""A staff search as rows to export: the same scope, filters and order as the page, capped.

Read in keyset-free batches of ``BATCH`` rows (OFFSET over the page's own order), so a large
export never holds every row in memory; the cap bounds the whole scan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app.domain.labels import destination_label
from mpv_app.domain.search_filters import FilingFilters
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.models import (
    Correspondence,
    Department,
    DocumentType,
    FilingInvoice,
    ManagementCenter,
    Sender,
)
from mpv_app.selectors.accounts import DOC_LABELS
from mpv_app.selectors.consulta import Scope, conditions_for, order_for
from mpv_app.selectors.names import display_name
from mpv_app.settings import get_settings

BATCH = 500
HEADERS = (
    "Número de trámite",
    "Estado",
    "Fecha y hora de envío",
    "Fecha de recepción",
    "Remitente",
    "Documento del remitente",
    "Asunto",
    "Tipo de correspondencia",
    "Nº Documento",
    "Destino",
    "Comprobante (serie-número)",
    "RUC del emisor",
    "Moneda",
    "Importe",
)


@dataclass(frozen=True)
class ExportRow:
    number: str
    status: str
    submitted: str
    received: str
    sender: str
    sender_document: str
    subject: str
    document_type: str
    document_number: str
    destination: str
    invoice_number: str
    issuer_ruc: str
    currency: str
    amount: Decimal | None

    def cells(self) -> tuple[str | Decimal | None, ...]:
        return (
            self.number,
            self.status,
            self.submitted,
            self.received,
            self.sender,
            self.sender_document,
            self.subject,
            self.document_type,
            self.document_number,
            self.destination,
            self.invoice_number,
            self.issuer_ruc,
            self.currency,
            self.amount,
        )


def export_count(session: Session, filters: FilingFilters, scope: Scope, *, cap: int) -> int:
    """How many rows ``export_rows`` yields (the audit row records it), counted up to ``cap``."""
    conditions = conditions_for(session, filters, scope)
    if conditions is None:
        return 0
    capped = select(col(Correspondence.id)).where(*conditions).limit(cap).subquery()
    return int(session.exec(select(sa.func.count()).select_from(capped)).one())


def export_rows(
    session: Session, filters: FilingFilters, scope: Scope, *, cap: int
) -> Iterator[ExportRow]:
    conditions = conditions_for(session, filters, scope)
    if conditions is None:
        return
    tz = get_settings().tz
    query = (
        select(
            Correspondence,
            Sender,
            DocumentType.name,
            Department.name,
            ManagementCenter.name,
            FilingInvoice,
        )
        .join(Sender, col(Sender.id) == Correspondence.sender_id)
        .join(DocumentType, col(DocumentType.id) == Correspondence.document_type_id)
        .join(Department, col(Department.id) == Correspondence.department_id)
        .join(ManagementCenter, col(ManagementCenter.id) == Correspondence.center_id)
        .outerjoin(FilingInvoice, col(FilingInvoice.correspondence_id) == Correspondence.id)
        .where(*conditions)
        .order_by(*order_for(filters, scope))
    )
    for offset in range(0, cap, BATCH):
        batch = session.exec(query.offset(offset).limit(min(BATCH, cap - offset))).all()
        for filing, sender, type_name, department, center, invoice in batch:
            yield ExportRow(
                number=filing.tracking_number,
                status=filing.status.label,
                submitted=format_local(filing.submitted_at, tz),
                received=format_date(filing.received_on),
                sender=display_name(sender),
                sender_document=f"{DOC_LABELS[sender.doc_type]} {sender.doc_number}",
                subject=filing.subject,
                document_type=type_name,
                document_number=filing.document_number,
                destination=destination_label(department, center),
                invoice_number=invoice.number if invoice else "",
                issuer_ruc=invoice.issuer_ruc if invoice else "",
                currency=invoice.currency if invoice else "",
                amount=invoice.amount if invoice else None,
            )
        if len(batch) < BATCH:
            return
