"""The consulta: one page of filings for whoever is looking, filtered, sorted and counted.

Every query is scoped first (a sender's own filings, a department's inbox), filtered on indexed
columns, and limited to one page; the total is counted up to a cap so that a broad search over
a million filings costs a bounded scan, not a full one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from math import ceil
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app import routes
from mpv_app.domain.enums import Status
from mpv_app.domain.labels import destination_label
from mpv_app.domain.search_filters import FilingFilters
from mpv_app.domain.text import fold
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.domain.tracking import TRACKING_RE, number_prefix_range
from mpv_app.models import (
    Correspondence,
    Department,
    DocumentType,
    FilingInvoice,
    ManagementCenter,
    Sender,
)
from mpv_app.settings import get_settings

__all__ = [
    "COUNT_CAP",
    "FilingFilters",
    "FilingPage",
    "Scope",
    "conditions_for",
    "order_for",
    "search_filings",
]

COUNT_CAP = 10_000
FTS_TABLE = "correspondence_subject_fts"
_MIN_TRIGRAM = 3  # shorter terms cannot use a trigram index: they fall back to LIKE


@dataclass(frozen=True)
class Scope:
    """What the viewer may see at all, applied before any filter."""

    sender_user_id: int | None = None  # a remitente: only their own
    department_id: int | None = None  # a dependencia: what is routed to it now
    statuses: tuple[Status, ...] = ()  # e.g. the reception inbox: REGISTERED only
    oldest_received_first: bool = False  # staff inboxes work the oldest legal date first


@dataclass(frozen=True)
class FilingPage:
    rows: list[dict[str, str]]
    total: int
    total_is_capped: bool  # there are more than COUNT_CAP matches
    page: int
    pages: int


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _subject_clause(session: Session, subject: str, *, within_sender: bool) -> Any:
    term = fold(subject)
    pattern = f"%{_escape_like(term)}%"
    if within_sender:
        # A sender has at most thousands of rows, already narrowed by their index: scanning
        # those beats the subject index, which would first collect every match of the term
        # in the whole table (``|| ''`` keeps PostgreSQL's planner off the trigram index).
        return col(Correspondence.subject_folded).concat("").like(pattern, escape="\\")
    like = col(Correspondence.subject_folded).like(pattern, escape="\\")
    if len(term) < _MIN_TRIGRAM or session.get_bind().dialect.name != "sqlite":
        return like  # PostgreSQL: the GIN trigram index serves LIKE '%…%' directly
    phrase = '"' + term.replace('"', '""') + '"'  # a trigram phrase is a substring match
    fts = sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase").bindparams(
        phrase=phrase
    )
    return col(Correspondence.id).in_(fts)


def _number_clauses(number: str) -> list[Any]:
    """Exact numbers hit the unique index; prefixes become (year, sequence) index ranges."""
    if TRACKING_RE.fullmatch(number.strip()):
        return [Correspondence.tracking_number == number.strip().upper()]
    found = number_prefix_range(number)
    if not found.possible:
        return [sa.false()]
    clauses: list[Any] = []
    if found.years:
        clauses.append(col(Correspondence.year).between(*found.years))
    if found.sequences:
        clauses.append(col(Correspondence.sequence).between(*found.sequences))
    return clauses


def _invoice_matches(filters: FilingFilters) -> Any:
    """Filings whose comprobante matches: serie-número and RUC on their indexes."""
    query = select(FilingInvoice.correspondence_id)
    if filters.invoice_number:
        query = query.where(FilingInvoice.number == filters.invoice_number)
    if filters.issuer_ruc:
        query = query.where(FilingInvoice.issuer_ruc == filters.issuer_ruc)
    if filters.amount_min is not None:
        query = query.where(FilingInvoice.amount >= filters.amount_min)
    if filters.amount_max is not None:
        query = query.where(FilingInvoice.amount <= filters.amount_max)
    return query


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=get_settings().tz)


def conditions_for(session: Session, filters: FilingFilters, scope: Scope) -> list[Any] | None:
    """The WHERE clauses; None when the scope can match nothing (no sender profile)."""
    conditions: list[Any] = []
    if scope.sender_user_id is not None:
        sender_id = session.exec(
            select(Sender.id).where(Sender.user_id == scope.sender_user_id)
        ).first()
        if sender_id is None:
            return None
        conditions.append(Correspondence.sender_id == sender_id)
    if scope.department_id is not None:
        conditions.append(Correspondence.department_id == scope.department_id)
    if scope.statuses:
        conditions.append(col(Correspondence.status).in_(scope.statuses))
    if filters.number:
        conditions.extend(_number_clauses(filters.number))
    if filters.date_from:
        conditions.append(Correspondence.submitted_at >= _local_midnight_utc(filters.date_from))
    if filters.date_to:
        end = _local_midnight_utc(filters.date_to + timedelta(days=1))
        conditions.append(Correspondence.submitted_at < end)
    if filters.status:
        conditions.append(Correspondence.status == filters.status)
    if filters.document_type_id:
        conditions.append(Correspondence.document_type_id == filters.document_type_id)
    if filters.center_id:
        conditions.append(Correspondence.center_id == filters.center_id)
    if filters.department_id:
        conditions.append(Correspondence.department_id == filters.department_id)
    if filters.about_invoices:
        conditions.append(col(Correspondence.id).in_(_invoice_matches(filters)))
    if filters.subject:
        within_sender = scope.sender_user_id is not None
        conditions.append(_subject_clause(session, filters.subject, within_sender=within_sender))
    return conditions


def order_for(filters: FilingFilters, scope: Scope) -> list[Any]:
    submitted, ident = col(Correspondence.submitted_at), col(Correspondence.id)
    if filters.newest_first is None and scope.oldest_received_first:
        # The default of a staff inbox: the oldest legal reception date is the most urgent.
        return [col(Correspondence.received_on).asc(), submitted.asc(), ident.asc()]
    if filters.newest_first is False:
        return [submitted.asc(), ident.asc()]
    return [submitted.desc(), ident.desc()]


def _row(filing: Correspondence, type_name: str, department: str, center: str) -> dict[str, str]:
    return {
        "number": filing.tracking_number,
        "href": routes.filing_detail(filing.tracking_number),
        "submitted": format_local(filing.submitted_at, get_settings().tz),
        "received": format_date(filing.received_on),
        "subject": filing.subject,
        "type": type_name,
        "destination": destination_label(department, center),
        "status": filing.status.label,
        "status_code": filing.status.value,
    }


def search_filings(
    session: Session,
    filters: FilingFilters,
    scope: Scope,
    *,
    page: int = 1,
    page_size: int = 20,
) -> FilingPage:
    conditions = conditions_for(session, filters, scope)
    if conditions is None:
        return FilingPage(rows=[], total=0, total_is_capped=False, page=1, pages=1)
    capped = select(col(Correspondence.id)).where(*conditions).limit(COUNT_CAP + 1).subquery()
    counted = session.exec(select(sa.func.count()).select_from(capped)).one()
    total = min(int(counted), COUNT_CAP)
    pages = max(1, ceil(total / page_size))
    page = min(max(1, page), pages)
    query = (
        select(Correspondence, DocumentType.name, Department.name, ManagementCenter.name)
        .join(DocumentType, col(DocumentType.id) == Correspondence.document_type_id)
        .join(Department, col(Department.id) == Correspondence.department_id)
        .join(ManagementCenter, col(ManagementCenter.id) == Correspondence.center_id)
        .where(*conditions)
        .order_by(*order_for(filters, scope))
        .offset((page - 1) * page_size)
        .limit(page_size)
    )
    rows = [_row(*found) for found in session.exec(query).all()]
    return FilingPage(
        rows=rows, total=total, total_is_capped=counted > COUNT_CAP, page=page, pages=pages
    )
