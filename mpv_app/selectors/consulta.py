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

from mpv_app.domain.attention import OFFICE_HOLDS
from mpv_app.domain.enums import Status
from mpv_app.domain.search_filters import FilingFilters
from mpv_app.domain.text import fold
from mpv_app.domain.tracking import TRACKING_RE, number_prefix_range
from mpv_app.models import (
    Correspondence,
    FilingInvoice,
    Sender,
)
from mpv_app.selectors.columns import run_columns
from mpv_app.selectors.filing_rows import FilingPage, FilingRow, filing_row, page_query, row_clock
from mpv_app.settings import get_settings

__all__ = [
    "COUNT_CAP",
    "FilingFilters",
    "FilingPage",
    "FilingRow",
    "Scope",
    "conditions_for",
    "order_for",
    "search_filings",
]

COUNT_CAP = 10_000
# A subject searched across every sender is counted up to ten pages only: an exact count of a
# common word means visiting every match, while the first page needs twenty.
BROAD_COUNT_CAP = 200
FTS_TABLE = "correspondence_subject_fts"
_MIN_TRIGRAM = 3  # shorter terms cannot use a trigram index: they fall back to LIKE
# SQLite: a term with at most this many FTS matches is looked up by id; a commoner one is found
# faster by walking the page's order and testing each subject until the page is full.
_RARE_TERM_MATCHES = 1_000


@dataclass(frozen=True)
class Scope:
    """What the viewer may see at all, applied before any filter."""

    sender_user_id: int | None = None  # a remitente: only their own
    sender_id: int | None = None  # their Sender row, when the session check has read it
    department_id: int | None = None  # a dependencia: what is routed to it now
    statuses: tuple[Status, ...] = ()  # e.g. the reception inbox: REGISTERED only
    attention_first: bool = False  # a staff inbox's default order (see ``order_for``)


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
    probe = sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase LIMIT :n")
    ids = session.execute(probe, {"phrase": phrase, "n": _RARE_TERM_MATCHES + 1}).scalars().all()
    if len(ids) > _RARE_TERM_MATCHES:
        return like  # common: the ordered scan fills a page after a few hundred rows
    return col(Correspondence.id).in_(ids) if ids else sa.false()


def _number_clauses(number: str) -> list[Any]:
    """Exact numbers hit the unique index; prefixes become (year, sequence) index ranges."""
    if TRACKING_RE.fullmatch(number.strip()):
        return [Correspondence.tracking_number == number.strip().upper()]
    found = number_prefix_range(number)
    if not found.possible:
        return [sa.false()]
    clauses: list[Any] = []
    if found.years and found.years[0] == found.years[1]:
        # Equality, not a one-year BETWEEN: only then can the (year, sequence) index go on
        # to the correlativo range.
        clauses.append(col(Correspondence.year) == found.years[0])
    elif found.years:
        clauses.append(col(Correspondence.year).between(*found.years))
    if found.sequences:
        clauses.append(col(Correspondence.sequence).between(*found.sequences))
    return clauses


def _number_narrower_than_a_sender(number: str) -> bool:
    """A prefix with its year and part of the correlativo spans fewer rows of the (year,
    sequence) index than a heavy sender (a supplier with thousands of invoices) has filings."""
    if not number or TRACKING_RE.fullmatch(number.strip()):
        return False  # an exact number has its own unique index
    found = number_prefix_range(number)
    if not (found.possible and found.years and found.sequences):
        return False
    return found.years[0] == found.years[1] and found.sequences[1] - found.sequences[0] < 10_000


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


# Built once: every Mis trámites page asks it, and building costs more than running it.
_SENDER_OF_USER = select(Sender.id).where(col(Sender.user_id) == sa.bindparam("user_id"))


def conditions_for(session: Session, filters: FilingFilters, scope: Scope) -> list[Any] | None:
    """The WHERE clauses; None when the scope can match nothing (no sender profile)."""
    conditions: list[Any] = []
    if scope.sender_user_id is not None:
        sender_id = scope.sender_id
        if sender_id is None:
            sender_id = session.execute(_SENDER_OF_USER, {"user_id": scope.sender_user_id}).scalar()
        if sender_id is None:
            return None
        sender_column: Any = col(Correspondence.sender_id)
        if _number_narrower_than_a_sender(filters.number):
            sender_column = sender_column + 0  # not indexable: the (year, sequence) index leads
        conditions.append(sender_column == sender_id)
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
    """A chosen order sorts by submission instant; a staff inbox's default is ``_attention``."""
    submitted, ident = col(Correspondence.submitted_at), col(Correspondence.id)
    if filters.newest_first is None and scope.attention_first:
        return _attention()
    if filters.newest_first is False:
        return [submitted.asc(), ident.asc()]
    return [submitted.desc(), ident.desc()]


def _attention() -> list[Any]:
    """What needs attention first, so page 1 is the day's work and nothing urgent is buried.

    First the filings the office holds (Registrada, En proceso: ``domain.attention``), the
    oldest legal reception date first, so the most overdue tops the list and today's arrivals
    follow the backlog; then the rest (Observada waits on the sender, the others are closed),
    the most recently sent first. Within a group, each CASE is either always NULL or never,
    so NULL ordering (which differs between SQLite and PostgreSQL) never matters.
    """
    held = col(Correspondence.status).in_(OFFICE_HOLDS)
    submitted, ident = col(Correspondence.submitted_at), col(Correspondence.id)
    return [
        sa.case((held, 0), else_=1).asc(),
        sa.case((held, col(Correspondence.received_on))).asc(),
        sa.case((held, submitted)).asc(),
        sa.case((held, None), else_=submitted).desc(),
        sa.case((held, ident), else_=-ident).asc(),
    ]


def search_filings(
    session: Session,
    filters: FilingFilters,
    scope: Scope,
    *,
    page: int = 1,
    page_size: int = 20,
    today: date | None = None,
) -> FilingPage:
    """``today`` (local) dates the rows' ages; the caller passes it so a test can fix it.

    Page 1 is read before anything is counted: when it is not full, its length is the total,
    which is the case of nearly every sender's Mis trámites and most inboxes.
    """
    conditions = conditions_for(session, filters, scope)
    if conditions is None:
        return FilingPage(rows=[], total=0, total_is_capped=False, page=1, pages=1)
    first: list[Any] | None = None
    if page <= 1:
        first = _rows(session, conditions, filters, scope, 0, page_size)
        if len(first) < page_size:
            rows = _filing_rows(session, first, today)
            return FilingPage(rows=rows, total=len(rows), total_is_capped=False, page=1, pages=1)
    cap = COUNT_CAP
    capped_query = select(col(Correspondence.id)).where(*conditions)
    if filters.subject and scope.sender_user_id is None:
        cap = BROAD_COUNT_CAP
        if not (filters.newest_first is None and scope.attention_first):
            # Counted in the page's index order, so the database stops after cap + 1 matches
            # (the attention order is no index's: there, any cap + 1 matches will do).
            capped_query = capped_query.order_by(*order_for(filters, scope))
    counted = _count(session, capped_query, cap)
    total = min(counted, cap)
    pages = max(1, ceil(total / page_size))
    page = min(max(1, page), pages)
    if first is None or page != 1:
        first = _rows(session, conditions, filters, scope, (page - 1) * page_size, page_size)
    rows = _filing_rows(session, first, today)
    return FilingPage(rows=rows, total=total, total_is_capped=counted > cap, page=page, pages=pages)


def _rows(
    session: Session,
    conditions: list[Any],
    filters: FilingFilters,
    scope: Scope,
    offset: int,
    size: int,
) -> list[Any]:
    if filters.newest_first is None and scope.attention_first:
        return _attention_page(session, conditions, offset, size)
    return _page(session, conditions, order_for(filters, scope), offset, size)


def _filing_rows(session: Session, found: list[Any], today: date | None) -> list[FilingRow]:
    clock = row_clock(session, today)
    return [filing_row(clock, item) for item in found]


def _count(session: Session, query: Any, cap: int) -> int:
    capped = query.limit(cap + 1).subquery()
    return int(run_columns(session, select(sa.func.count()).select_from(capped)).scalar_one())


def _page(
    session: Session, conditions: list[Any], order: list[Any], offset: int, size: int
) -> list[Any]:
    if size <= 0:
        return []
    query = page_query().where(*conditions).order_by(*order).offset(offset).limit(size)
    return list(run_columns(session, query).all())


def _attention_page(session: Session, conditions: list[Any], offset: int, size: int) -> list[Any]:
    """``_attention``'s order read as two index-ordered runs instead of one sorted whole.

    The CASE order cannot come from an index, so a million-row inbox would be sorted for every
    page; the filings the office holds, then the rest, each read in its own index order, give
    the same page.
    """
    held = col(Correspondence.status).in_(OFFICE_HOLDS)
    submitted, ident = col(Correspondence.submitted_at), col(Correspondence.id)
    held_order = [col(Correspondence.received_on).asc(), submitted.asc(), ident.asc()]
    if offset == 0:  # page 1: the held run first, the rest only if it leaves room
        rows = _page(session, [*conditions, held], held_order, 0, size)
        rest_offset = 0
    else:
        held_total = _count(session, select(ident).where(*conditions, held), offset + size)
        held_size = min(size, held_total - offset)
        rows = _page(session, [*conditions, held], held_order, offset, held_size)
        rest_offset = max(0, offset - held_total)
    rest = [*conditions, sa.not_(held)]
    return rows + _page(
        session, rest, [submitted.desc(), ident.desc()], rest_offset, size - len(rows)
    )
