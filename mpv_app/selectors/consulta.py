"""The consulta: one page of filings for whoever is looking, filtered, sorted and counted.

Every query is scoped first (a sender's own filings, a department's inbox), filtered on indexed
columns, and limited to one page; the total is counted up to a cap so that a broad search over
a million filings costs a bounded scan, not a full one.
"""

from __future__ import annotations

from datetime import date
from math import ceil
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app.domain.attention import OFFICE_HOLDS
from mpv_app.domain.search_filters import FilingFilters
from mpv_app.models import Correspondence
from mpv_app.selectors.columns import run_columns
from mpv_app.selectors.consulta_where import Scope, conditions_for, where_for
from mpv_app.selectors.filing_rows import FilingPage, FilingRow, filing_row, page_query, row_clock
from mpv_app.selectors.shapes import Where, built_once

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


_ATTENTION = "attention"  # a staff inbox's default order: two index-ordered runs
_NEWEST, _OLDEST = "newest", "oldest"


def _order_variant(filters: FilingFilters, scope: Scope) -> str:
    if filters.newest_first is None and scope.attention_first:
        return _ATTENTION
    return _OLDEST if filters.newest_first is False else _NEWEST


def _submission_order(variant: str) -> list[Any]:
    submitted, ident = col(Correspondence.submitted_at), col(Correspondence.id)
    if variant == _OLDEST:
        return [submitted.asc(), ident.asc()]
    return [submitted.desc(), ident.desc()]


def order_for(filters: FilingFilters, scope: Scope) -> list[Any]:
    """A chosen order sorts by submission instant; a staff inbox's default is ``_attention``."""
    variant = _order_variant(filters, scope)
    return _attention() if variant == _ATTENTION else _submission_order(variant)


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
    where = where_for(session, filters, scope)
    if where is None:
        return FilingPage(rows=[], total=0, total_is_capped=False, page=1, pages=1)
    order = _order_variant(filters, scope)
    first: list[Any] | None = None
    if page <= 1:
        first = _rows(session, where, order, 0, page_size)
        if len(first) < page_size:
            rows = _filing_rows(session, first, today)
            return FilingPage(rows=rows, total=len(rows), total_is_capped=False, page=1, pages=1)
    cap, counted_in = COUNT_CAP, None
    if filters.subject and scope.sender_user_id is None:
        cap = BROAD_COUNT_CAP
        if order is not _ATTENTION:
            # Counted in the page's index order, so the database stops after cap + 1 matches
            # (the attention order is no index's: there, any cap + 1 matches will do).
            counted_in = order
    counted = _count(session, where, cap, order=counted_in)
    total = min(counted, cap)
    pages = max(1, ceil(total / page_size))
    page = min(max(1, page), pages)
    if first is None or page != 1:
        first = _rows(session, where, order, (page - 1) * page_size, page_size)
    rows = _filing_rows(session, first, today)
    return FilingPage(rows=rows, total=total, total_is_capped=counted > cap, page=page, pages=pages)


def _rows(session: Session, where: Where, order: str, offset: int, size: int) -> list[Any]:
    if order == _ATTENTION:
        return _attention_page(session, where, offset, size)
    return _page(session, where, (), order, offset, size)


def _filing_rows(session: Session, found: list[Any], today: date | None) -> list[FilingRow]:
    clock = row_clock(session, today)
    return [filing_row(clock, item) for item in found]


_HELD, _NOT_HELD = "held", "not held"  # the attention order's two runs (``_attention_page``)


_STATUS: Any = col(Correspondence.status)
# Named, like every value a reused statement holds (``shapes.built_once``); always the same.
_HOLDS = sa.bindparam("office_holds", list(OFFICE_HOLDS), expanding=True, type_=_STATUS.type)
_RUNS = {_HELD: _STATUS.in_(_HOLDS), _NOT_HELD: sa.not_(_STATUS.in_(_HOLDS))}


def _run(where: Where, extra: tuple[str, ...]) -> list[Any]:
    """``where``'s clauses and, for the attention order's runs, held or not held."""
    return [*where.clauses, *(_RUNS[name] for name in extra)]


def _count(
    session: Session,
    where: Where,
    cap: int,
    *,
    extra: tuple[str, ...] = (),
    order: str | None = None,
) -> int:
    def build() -> Any:
        query = select(col(Correspondence.id)).where(*_run(where, extra))
        if order is not None:
            query = query.order_by(*_submission_order(order))
        capped = query.limit(sa.bindparam("cap", type_=sa.Integer)).subquery()
        return sa.select(sa.func.count()).select_from(capped)

    statement = built_once(where.key("count", extra, order), build)
    params = {**where.params, "cap": cap + 1}
    return int(run_columns(session, statement, params).scalar_one())


_HELD_ORDER = [
    col(Correspondence.received_on).asc(),
    col(Correspondence.submitted_at).asc(),
    col(Correspondence.id).asc(),
]


def _page(
    session: Session, where: Where, extra: tuple[str, ...], order: str, offset: int, size: int
) -> list[Any]:
    if size <= 0:
        return []

    def build() -> Any:
        ordered = _HELD_ORDER if order == _HELD else _submission_order(order)
        return (
            page_query()
            .where(*_run(where, extra))
            .order_by(*ordered)
            .offset(sa.bindparam("first_row", type_=sa.Integer))
            .limit(sa.bindparam("row_count", type_=sa.Integer))
        )

    statement = built_once(where.key("page", extra, order), build)
    params = {**where.params, "first_row": offset, "row_count": size}
    return list(run_columns(session, statement, params).all())


def _attention_page(session: Session, where: Where, offset: int, size: int) -> list[Any]:
    """``_attention``'s order read as two index-ordered runs instead of one sorted whole.

    The CASE order cannot come from an index, so a million-row inbox would be sorted for every
    page; the filings the office holds, then the rest, each read in its own index order, give
    the same page.
    """
    if offset == 0:  # page 1: the held run first, the rest only if it leaves room
        rows = _page(session, where, (_HELD,), _HELD, 0, size)
        rest_offset = 0
    else:
        held_total = _count(session, where, offset + size, extra=(_HELD,))
        held_size = min(size, held_total - offset)
        rows = _page(session, where, (_HELD,), _HELD, offset, held_size)
        rest_offset = max(0, offset - held_total)
    return rows + _page(session, where, (_NOT_HELD,), _NEWEST, rest_offset, size - len(rows))
