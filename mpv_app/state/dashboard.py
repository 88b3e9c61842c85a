"""Panel: counts for every staff role; a department user's figures are their own department's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from mpv_app import routes
from mpv_app.domain.enums import Role
from mpv_app.domain.rows import OverdueRow, StatusCard
from mpv_app.domain.timefmt import format_date
from mpv_app.selectors.catalog import department_label
from mpv_app.selectors.dashboard import Dashboard, dashboard
from mpv_app.services.auth import SessionUser
from mpv_app.settings import get_settings
from mpv_app.state.page import GatedPage
from mpv_app.state.site import PageRead

NO_DEPARTMENT = (
    "Su cuenta no tiene una dependencia asignada. Pida al administrador que se la asigne."
)


def _days(n: int) -> str:
    return "1 día hábil" if n == 1 else f"{n} días hábiles"


@dataclass(frozen=True)
class BoardRead:
    """The board and whose it is; no board for a department account without a department."""

    board: Dashboard | None
    scope: str = ""


def _bars_height(bars: int, *, legend: bool = False) -> int:
    """A horizontal bar chart tall enough for every department's three-line label, plus the
    legend's lines (it wraps to three on a phone)."""
    return (150 if legend else 60) + 52 * max(bars, 1)


class DashboardState(GatedPage, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.RECEPTION, Role.DEPARTMENT, Role.ADMIN)
    scope: str = ""
    notice: str = ""
    cards: list[StatusCard] = []
    # Chart data and their tables: numbers stay numbers so the charts can stack them.
    departments: list[dict[str, Any]] = []
    daily: list[dict[str, Any]] = []
    overdue_departments: list[dict[str, Any]] = []
    chart_heights: dict[str, int] = {"departments": 160, "overdue": 160}
    overdue: list[OverdueRow] = []
    overdue_total: int = 0
    overdue_title: str = ""
    overdue_summary: str = ""

    def _show(self, board: Dashboard) -> None:
        self.cards = [
            StatusCard(label=status.label, code=status.value, count=str(n))
            for status, n in board.status_counts.items()
        ]
        self.departments = [
            {"name": row.name, **{s.value: n for s, n in row.counts.items()}, "total": row.total}
            for row in board.departments
        ]
        self.daily = [
            {
                "day": day.day.strftime("%d/%m"),
                "date": format_date(day.day),
                **{s.value: n for s, n in day.counts.items()},
                "total": day.total,
            }
            for day in board.daily
        ]
        self.overdue_departments = [
            {"name": row.name, "overdue": row.overdue} for row in board.overdue_departments
        ]
        self.chart_heights = {
            "departments": _bars_height(len(board.departments), legend=True),
            "overdue": _bars_height(len(board.overdue_departments)),
        }
        self.overdue = [
            OverdueRow(
                number=f.tracking_number,
                href=routes.filing_detail(f.tracking_number),
                subject=f.subject,
                department=f.department,
                received=format_date(f.received_on),
                days=str(f.business_days),
                status=f.status.label,
                status_code=f.status.value,
            )
            for f in board.overdue
        ]
        self.overdue_total = board.overdue_total
        shown = len(board.overdue)
        self.overdue_summary = (
            f"Total: {board.overdue_total}."
            if shown == board.overdue_total
            else f"Total: {board.overdue_total}. Se muestran las {shown} más antiguas."
        )

    def _close(self) -> None:
        self.notice = ""
        self.cards, self.departments, self.overdue = [], [], []
        self.daily, self.overdue_departments = [], []

    def _page_read(self) -> PageRead:
        settings = get_settings()
        days, today = settings.attention_business_days, datetime.now(settings.tz).date()

        def read(session: Session, user: SessionUser) -> BoardRead:
            own = user.department_id if user.role is Role.DEPARTMENT else None
            if user.role is Role.DEPARTMENT and own is None:
                return BoardRead(None)
            board = dashboard(session, today=today, business_days=days, department_id=own)
            scope = department_label(session, own) if own is not None else "Todas las dependencias"
            return BoardRead(board, scope)

        return read

    async def _opened(self, user: SessionUser, data: BoardRead) -> None:
        days = get_settings().attention_business_days
        self.overdue_title = f"Correspondencia sin atender hace más de {_days(days)}"
        if data.board is None:
            self.scope, self.notice = "", NO_DEPARTMENT
            return
        self.scope = data.scope
        self._show(data.board)
