"""A consulta's WHERE: who may see what (``Scope``) and the filters, over named parameters.

Each clause binds its values as named parameters and records a token of its structure, so
``shapes.built_once`` can run a statement built for one navigation again for the next of the
same shape with that one's values (``consulta._page`` and ``_count``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app.domain.enums import Status
from mpv_app.domain.search_filters import FilingFilters
from mpv_app.domain.text import fold
from mpv_app.domain.tracking import TRACKING_RE, number_prefix_range
from mpv_app.models import Correspondence, FilingInvoice, Sender
from mpv_app.search_index import FTS_TABLE
from mpv_app.selectors.shapes import Where
from mpv_app.settings import get_settings

__all__ = ["FTS_TABLE", "Scope", "conditions_for", "where_for"]

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


_SUBJECT = col(Correspondence.subject_folded)
_FTS_PROBE = sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :phrase LIMIT :n")


def _add_subject(session: Session, where: Where, subject: str, *, within_sender: bool) -> None:
    term = fold(subject)
    pattern = f"%{_escape_like(term)}%"
    if within_sender:
        # A sender has at most thousands of rows, already narrowed by their index: scanning
        # those beats the subject index, which would first collect every match of the term
        # in the whole table (``|| ''`` keeps PostgreSQL's planner off the trigram index).
        unindexed = _SUBJECT.concat(where.param("no_index", "", _SUBJECT))
        where.add(
            "subject_scan", unindexed.like(where.param("pattern", pattern, _SUBJECT), escape="\\")
        )
        return
    like = _SUBJECT.like(where.param("pattern", pattern, _SUBJECT), escape="\\")
    if len(term) < _MIN_TRIGRAM or session.get_bind().dialect.name != "sqlite":
        where.add("subject_like", like)  # PostgreSQL: the GIN trigram index serves LIKE '%…%'
        return
    phrase = '"' + term.replace('"', '""') + '"'  # a trigram phrase is a substring match
    probe = {"phrase": phrase, "n": _RARE_TERM_MATCHES + 1}
    ids = session.execute(_FTS_PROBE, probe).scalars().all()
    if len(ids) > _RARE_TERM_MATCHES:
        where.add("subject_like", like)  # common: the ordered scan fills a page in a few hundred
    elif ids:
        ident = col(Correspondence.id)
        where.add("subject_ids", ident.in_(where.param("ids", list(ids), ident, expanding=True)))
    else:
        where.add("nothing", sa.false())


def _add_number(where: Where, number: str) -> None:
    """Exact numbers hit the unique index; prefixes become (year, sequence) index ranges."""
    year, sequence = col(Correspondence.year), col(Correspondence.sequence)
    if TRACKING_RE.fullmatch(number.strip()):
        tracking = col(Correspondence.tracking_number)
        exact = where.param("number", number.strip().upper(), tracking)
        where.add("number", tracking == exact)
        return
    found = number_prefix_range(number)
    if not found.possible:
        where.add("nothing", sa.false())
        return
    if found.years and found.years[0] == found.years[1]:
        # Equality, not a one-year BETWEEN: only then can the (year, sequence) index go on
        # to the correlativo range.
        where.add("year", year == where.param("year", found.years[0], year))
    elif found.years:
        first, last = found.years
        span = (where.param("year_from", first, year), where.param("year_to", last, year))
        where.add("years", year.between(*span))
    if found.sequences:
        first, last = found.sequences
        span = (where.param("seq_from", first, sequence), where.param("seq_to", last, sequence))
        where.add("sequences", sequence.between(*span))


def _number_narrower_than_a_sender(number: str) -> bool:
    """A prefix with its year and part of the correlativo spans fewer rows of the (year,
    sequence) index than a heavy sender (a supplier with thousands of invoices) has filings."""
    if not number or TRACKING_RE.fullmatch(number.strip()):
        return False  # an exact number has its own unique index
    found = number_prefix_range(number)
    if not (found.possible and found.years and found.sequences):
        return False
    return found.years[0] == found.years[1] and found.sequences[1] - found.sequences[0] < 10_000


def _add_invoice_matches(where: Where, filters: FilingFilters) -> None:
    """Filings whose comprobante matches: serie-número and RUC on their indexes."""
    query = select(FilingInvoice.correspondence_id)
    number, ruc, amount = (
        col(FilingInvoice.number),
        col(FilingInvoice.issuer_ruc),
        col(FilingInvoice.amount),
    )
    if filters.invoice_number:
        query = query.where(number == where.param("invoice_number", filters.invoice_number, number))
    if filters.issuer_ruc:
        query = query.where(ruc == where.param("issuer_ruc", filters.issuer_ruc, ruc))
    if filters.amount_min is not None:
        query = query.where(amount >= where.param("amount_min", filters.amount_min, amount))
    if filters.amount_max is not None:
        query = query.where(amount <= where.param("amount_max", filters.amount_max, amount))
    token = (
        "invoices",
        bool(filters.invoice_number),
        bool(filters.issuer_ruc),
        filters.amount_min is not None,
        filters.amount_max is not None,
    )
    where.add(token, col(Correspondence.id).in_(query))


def _local_midnight_utc(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=get_settings().tz)


# Built once: every Mis trámites page asks it, and building costs more than running it.
_SENDER_OF_USER = select(Sender.id).where(col(Sender.user_id) == sa.bindparam("user_id"))
# Each equality filter: its parameter's name and the column it compares.
_EQUALS: tuple[tuple[str, Any], ...] = (
    ("status", col(Correspondence.status)),
    ("document_type_id", col(Correspondence.document_type_id)),
    ("center_id", col(Correspondence.center_id)),
    ("department_id", col(Correspondence.department_id)),
)


def where_for(session: Session, filters: FilingFilters, scope: Scope) -> Where | None:
    """The WHERE over named parameters; None when the scope can match nothing (no sender
    profile). Its shape says which clauses it has, so a statement built for it is reused."""
    where = Where()
    submitted, status = col(Correspondence.submitted_at), col(Correspondence.status)
    if scope.sender_user_id is not None:
        sender_id = scope.sender_id
        if sender_id is None:
            sender_id = session.execute(_SENDER_OF_USER, {"user_id": scope.sender_user_id}).scalar()
        if sender_id is None:
            return None
        sender: Any = col(Correspondence.sender_id)
        compared = sender
        if unindexed := _number_narrower_than_a_sender(filters.number):
            # not indexable: the (year, sequence) index leads
            compared = sender + where.param("no_sender_index", 0, sender)
        owner = compared == where.param("sender_id", sender_id, sender)
        where.add(("sender", unindexed), owner)
    if scope.department_id is not None:
        routed = col(Correspondence.department_id)
        where.add("routed", routed == where.param("routed_to", scope.department_id, routed))
    if scope.statuses:
        held = where.param("statuses", list(scope.statuses), status, expanding=True)
        where.add("statuses", status.in_(held))
    if filters.number:
        _add_number(where, filters.number)
    if filters.date_from:
        since = where.param("since", _local_midnight_utc(filters.date_from), submitted)
        where.add("since", submitted >= since)
    if filters.date_to:
        end = _local_midnight_utc(filters.date_to + timedelta(days=1))
        where.add("until", submitted < where.param("until", end, submitted))
    for name, column in _EQUALS:
        value = getattr(filters, name)
        if value:
            where.add(name, column == where.param(name, value, column))
    if filters.about_invoices:
        _add_invoice_matches(where, filters)
    if filters.subject:
        within_sender = scope.sender_user_id is not None
        _add_subject(session, where, filters.subject, within_sender=within_sender)
    return where


def conditions_for(session: Session, filters: FilingFilters, scope: Scope) -> list[Any] | None:
    """The WHERE clauses (their values bound in them); None when the scope matches nothing."""
    where = where_for(session, filters, scope)
    return None if where is None else where.clauses
