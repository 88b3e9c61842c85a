"""Administración › Calendario: feriados institucionales y horario de atención."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, ClassVar

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.domain.reception import hours_text, reception_note
from mpv_app.domain.rows import HolidayRow
from mpv_app.domain.search_filters import positive_int
from mpv_app.selectors.admin import holiday_rows, national_holiday_rows, office_hours_values
from mpv_app.selectors.calendar import office_hours
from mpv_app.services import calendar_admin
from mpv_app.services.auth import SessionUser
from mpv_app.settings import get_settings
from mpv_app.state.admin_common import (
    admin_attempt,
    checked,
    first_invalid,
    row_answer,
    success,
    text,
)
from mpv_app.state.common import read
from mpv_app.state.page import GatedPage
from mpv_app.state.site import SiteState


class AdminCalendarState(GatedPage, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.ADMIN,)
    holidays: list[HolidayRow] = []
    national: list[HolidayRow] = []
    year: int = 0
    opens_at: str = ""
    closes_at: str = ""
    all_day: bool = False  # "hasta las 23:59 de cada día hábil"
    rule_text: str = ""
    hours_errors: dict[str, str] = {}
    holiday_errors: dict[str, str] = {}
    notice: str = ""
    form_key: int = 0

    def _refresh(self) -> None:
        self.holidays = read(holiday_rows)
        self.opens_at, self.closes_at = read(office_hours_values)
        hours = read(office_hours)
        self.all_day = hours.all_day
        self.rule_text = f"{hours_text(hours)} {reception_note(hours)}"

    def _close(self) -> None:
        self.holidays, self.notice = [], ""
        self.hours_errors, self.holiday_errors = {}, {}

    async def _open(self, user: SessionUser) -> None:
        self.year = datetime.now(UTC).astimezone(get_settings().tz).year
        self.national = national_holiday_rows(self.year)
        # In a worker thread: this event holds the state's lock, nothing else touches it.
        await asyncio.to_thread(self._refresh)

    @rx.event
    async def save_hours(self, form_data: dict[str, Any]) -> Any:
        result, leave = await admin_attempt(
            self,
            calendar_admin.set_office_hours,
            opens_at=text(form_data, "opens_at"),
            closes_at=text(form_data, "closes_at"),
            all_day=checked(form_data, "all_day"),
        )
        if result is None:
            return leave
        self.hours_errors = result.errors
        if not result.ok:
            return rx.set_focus(first_invalid(result.errors, ("opens_at", "closes_at")))
        await asyncio.to_thread(self._refresh)
        rule = (
            "hasta las 23:59 de cada día hábil" if self.all_day else f"hasta las {self.closes_at}"
        )
        message = (
            f"Horario de atención actualizado: de {self.opens_at} a {self.closes_at}; "
            f"recepción {rule}."
        )
        return [SiteState.load, success(message)]  # the footer states the new rule at once

    @rx.event
    async def add_holiday(self, form_data: dict[str, Any]) -> Any:
        result, leave = await admin_attempt(
            self,
            calendar_admin.add_holiday,
            day=text(form_data, "day"),
            name=text(form_data, "name"),
        )
        if result is None:
            return leave
        self.holiday_errors, self.notice = result.errors, result.message
        if not result.ok:
            return (
                rx.set_focus(first_invalid(result.errors, ("day", "name")))
                if result.errors
                else None
            )
        self.form_key += 1
        await asyncio.to_thread(self._refresh)
        return success(f"Se registró el feriado del {result.value.day:%d/%m/%Y}.")

    @rx.event
    async def remove_holiday(self, row_id: str) -> Any:
        holiday_id = positive_int(row_id) or 0
        result, leave = await admin_attempt(
            self, calendar_admin.remove_holiday, holiday_id=holiday_id
        )
        if result is None:
            return leave
        return await row_answer(
            self, result, lambda day: f"Se eliminó el feriado del {day:%d/%m/%Y}."
        )
