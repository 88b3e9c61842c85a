"""A consulta's result rows: what one line of a list or inbox shows, ready for a state var."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from mpv_app import routes
from mpv_app.domain.attention import waiting, waiting_text
from mpv_app.domain.deadlines import business_days_elapsed
from mpv_app.domain.labels import destination_label
from mpv_app.domain.rows import FilingRow
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.models import Correspondence, Department, DocumentType, ManagementCenter, Sender
from mpv_app.selectors.calendar import extra_holidays_cached
from mpv_app.selectors.names import display_name
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


def filing_row(
    clock: RowClock,
    filing: Correspondence,
    sender: Sender,
    type_name: str,
    department: str,
    center: str,
) -> FilingRow:
    days = business_days_elapsed(filing.received_on, clock.today, clock.holidays)
    level = waiting(filing.status, days, clock.limit)
    return FilingRow(
        number=filing.tracking_number,
        href=routes.filing_detail(filing.tracking_number),
        submitted=format_local(filing.submitted_at, get_settings().tz),
        received=format_date(filing.received_on),
        subject=filing.subject,
        type=type_name,
        destination=destination_label(department, center),
        status=filing.status.label,
        status_code=filing.status.value,
        sender=display_name(sender),
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


def page_query() -> Any:
    """The columns ``filing_row`` needs, joined; the caller adds conditions, order and paging."""
    return (
        select(Correspondence, Sender, DocumentType.name, Department.name, ManagementCenter.name)
        .join(Sender, col(Sender.id) == Correspondence.sender_id)
        .join(DocumentType, col(DocumentType.id) == Correspondence.document_type_id)
        .join(Department, col(Department.id) == Correspondence.department_id)
        .join(ManagementCenter, col(ManagementCenter.id) == Correspondence.center_id)
    )
