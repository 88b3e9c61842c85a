"""Administración › Dependencias."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.selectors.admin import department_rows
from mpv_app.selectors.catalog import center_options
from mpv_app.services import catalog_admin
from mpv_app.state.admin_common import admin_user, attempt, first_invalid, success, text
from mpv_app.state.common import read

ORDER = ("center_id", "code", "name")


class AdminDepartmentsState(rx.State):
    access: str = "checking"
    rows: list[dict[str, str]] = []
    centers: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    notice: str = ""
    form_key: int = 0
    edit_open: bool = False
    edit_id: str = ""
    edit_code: str = ""
    edit_name: str = ""
    edit_center_id: str = ""
    edit_errors: dict[str, str] = {}
    shown_center: str = ""

    @rx.var
    def shown_rows(self) -> list[dict[str, str]]:
        """The table, optionally narrowed to one center: thirty-odd rows are a long scroll."""
        if not self.shown_center:
            return self.rows
        return [r for r in self.rows if r["center_id"] == self.shown_center]

    @rx.var
    def all_centers(self) -> list[tuple[str, str]]:
        """Every center with departments, inactive ones too, in table order."""
        seen: dict[str, str] = {}
        for row in self.rows:
            seen.setdefault(row["center_id"], row["center"])
        return list(seen.items())

    @rx.event
    async def show_center(self, center_id: str) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        self.shown_center = center_id if user is not None else ""
        return leave

    def _refresh(self) -> None:
        self.rows = read(department_rows)
        self.centers = read(center_options)

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access, self.rows, self.errors, self.notice = "checking", [], {}, ""
        self.edit_open, self.shown_center = False, ""
        user, leave = await admin_user(self)
        if user is None:
            return leave
        self._refresh()
        return None

    @rx.event
    async def create(self, form_data: dict[str, Any]) -> Any:
        user, leave = await admin_user(self)
        if user is None:
            return leave
        result = await attempt(
            catalog_admin.create_department,
            actor_id=user.user_id,
            center_id=text(form_data, "center_id"),
            code=text(form_data, "code"),
            name=text(form_data, "name"),
        )
        self.errors, self.notice = result.errors, result.message
        if not result.ok:
            return rx.set_focus(first_invalid(result.errors, ORDER)) if result.errors else None
        self.form_key += 1
        self._refresh()
        return success(f"Se creó la dependencia {result.value.name}.")

    @rx.event
    async def start_edit(self, row_id: str) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        row = next((r for r in self.rows if r["id"] == row_id), None)
        if user is None or row is None:
            return leave
        self.edit_id, self.edit_code, self.edit_name = row_id, row["code"], row["name"]
        self.edit_center_id, self.edit_errors, self.edit_open = row["center_id"], {}, True
        return None

    @rx.event
    async def set_edit_open(self, value: bool) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        self.edit_open = value and user is not None
        return leave

    @rx.event
    async def save_edit(self, form_data: dict[str, Any]) -> Any:
        user, leave = await admin_user(self)
        if user is None:
            return leave
        result = await attempt(
            catalog_admin.update_department,
            actor_id=user.user_id,
            department_id=int(self.edit_id),
            center_id=text(form_data, "edit_center_id"),
            name=text(form_data, "edit_name"),
        )
        self.edit_errors = result.errors or ({"name": result.message} if result.message else {})
        if not result.ok:
            return None
        self.edit_open = False
        self._refresh()
        return success(f"Se actualizó la dependencia {result.value.name}.")

    @rx.event
    async def set_active(self, row_id: str, active: bool) -> Any:
        user, leave = await admin_user(self)
        if user is None:
            return leave
        result = await attempt(
            catalog_admin.set_department_active,
            actor_id=user.user_id,
            department_id=int(row_id),
            active=active,
        )
        self.notice = result.message
        self._refresh()
        if not result.ok:
            return None
        verb = "activó" if active else "desactivó"
        return success(f"Se {verb} la dependencia {result.value.name}.")
