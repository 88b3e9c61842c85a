"""Administración › Centros de gestión."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.selectors.admin import center_rows
from mpv_app.services import catalog_admin
from mpv_app.state.admin_common import admin_user, attempt, first_invalid, success, text
from mpv_app.state.common import read

ORDER = ("code", "name")


class AdminCentersState(rx.State):
    access: str = "checking"
    rows: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    notice: str = ""
    form_key: int = 0
    edit_open: bool = False
    edit_id: str = ""
    edit_code: str = ""
    edit_name: str = ""
    edit_errors: dict[str, str] = {}

    def _refresh(self) -> None:
        self.rows = read(center_rows)

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access, self.rows, self.errors, self.notice = "checking", [], {}, ""
        self.edit_open = False
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
            catalog_admin.create_center,
            actor_id=user.user_id,
            code=text(form_data, "code"),
            name=text(form_data, "name"),
        )
        self.errors, self.notice = result.errors, result.message
        if not result.ok:
            return rx.set_focus(first_invalid(result.errors, ORDER)) if result.errors else None
        self.form_key += 1
        self._refresh()
        return success(f"Se creó el centro de gestión {result.value.name}.")

    @rx.event
    async def start_edit(self, row_id: str) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        row = next((r for r in self.rows if r["id"] == row_id), None)
        if user is None or row is None:
            return leave
        self.edit_id, self.edit_code, self.edit_name = row_id, row["code"], row["name"]
        self.edit_errors, self.edit_open = {}, True
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
            catalog_admin.update_center,
            actor_id=user.user_id,
            center_id=int(self.edit_id),
            name=text(form_data, "edit_name"),
        )
        self.edit_errors = result.errors or ({"name": result.message} if result.message else {})
        if not result.ok:
            return None
        self.edit_open = False
        self._refresh()
        return success(f"Se actualizó el centro de gestión {result.value.name}.")

    @rx.event
    async def set_active(self, row_id: str, active: bool) -> Any:
        user, leave = await admin_user(self)
        if user is None:
            return leave
        result = await attempt(
            catalog_admin.set_center_active,
            actor_id=user.user_id,
            center_id=int(row_id),
            active=active,
        )
        self.notice = result.message
        self._refresh()
        if not result.ok:
            return None
        verb = "activó" if active else "desactivó"
        return success(f"Se {verb} el centro de gestión {result.value.name}.")
