"""A consulta's result rows: what one line of a list or inbox shows, ready for a state var."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select as columns_select
from sqlmodel import Session, col

from mpv_app import routes
from mpv_app.domain.attention import waiting, waiting_text
from mpv_app.domain.deadlines import business_days_elapsed
from mpv_app.domain.labels import destination_label
from mpv_app.domain.rows import FilingRow
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.models import Correspondence, Department, DocumentType, ManagementCenter, Sender
from mpv_app.selectors.calendar import extra_holidays_cached
from mpv_app.selectors.names import name_of
from mpv_app.settings import get_settings

__all__ = ["FilingPage", "FilingRow", "RowClock", "filing_row", "page_query", "row_clock"]


@dataclass(frozen=True)
class FilingPage:
    rows: list[FilingRow]
    total: int
    total_is_capped: bool  # there are more than COUNT_CAP matches
    page: int
    pages: int


@dataclass(frozen=True)
class RowClock:
    """What a row's age needs: today, the calendar's days off and the allowed N."""

    today: date
    holidays: frozenset[date]
    limit: int


def filing_row(clock: RowClock, found: Any) -> FilingRow:
    """One line from a ``page_query`` row (columns, not ORM objects)."""
    days = business_days_elapsed(found.received_on, clock.today, clock.holidays)
    level = waiting(found.status, days, clock.limit)
    return FilingRow(
        number=found.tracking_number,
        href=routes.filing_detail(found.tracking_number),
        submitted=format_local(found.submitted_at, get_settings().tz),
        received=format_date(found.received_on),
        subject=found.subject,
        type=found.type_name,
        destination=destination_label(found.department, found.center),
        status=found.status.label,
        status_code=found.status.value,
        sender=name_of(found.kind, found.first_names, found.last_names, found.business_name),
        waiting_days=days,
        waiting=level.value,
        waiting_text=waiting_text(days, level),
    )


def row_clock(session: Session, today: date | None = None) -> RowClock:
    settings = get_settings()
    return RowClock(
        today=today or datetime.now(settings.tz).date(),
        holidays=extra_holidays_cached(session),
        limit=settings.attention_business_days,
    )


# Columns only, and the joins built once: a page of 20 rows as ORM objects, with the select
# rebuilt for every navigation, cost more CPU than SQLite spent answering it.
_ROW_COLUMNS: list[Any] = [
    Correspondence.tracking_number,
    Correspondence.submitted_at,
    Correspondence.received_on,
    Correspondence.subject,
    Correspondence.status,
    Sender.kind,
    Sender.first_names,
    Sender.last_names,
    Sender.business_name,
    col(DocumentType.name).label("type_name"),
    col(Department.name).label("department"),
    col(ManagementCenter.name).label("center"),
]
_PAGE_QUERY = (
    columns_select(*_ROW_COLUMNS)
    .select_from(Correspondence)
    .join(Sender, col(Sender.id) == Correspondence.sender_id)
    .join(DocumentType, col(DocumentType.id) == Correspondence.document_type_id)
    .join(Department, col(Department.id) == Correspondence.department_id)
    .join(ManagementCenter, col(ManagementCenter.id) == Correspondence.center_id)
)


def page_query() -> Any:
    """The columns ``filing_row`` needs, joined; the caller adds conditions, order and paging."""
    return _PAGE_QUERY
