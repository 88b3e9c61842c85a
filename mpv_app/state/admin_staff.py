"""Administración › Personal: staff accounts, their role and department."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.selectors.admin import department_choices, staff_rows
from mpv_app.services import staff
from mpv_app.state.admin_common import admin_user, attempt, first_invalid, success, text
from mpv_app.state.common import read

ORDER = ("email", "role", "department_id", "password")


class AdminStaffState(rx.State):
    access: str = "checking"
    me: str = ""
    rows: list[dict[str, str]] = []
    departments: list[tuple[str, str]] = []
    errors: dict[str, str] = {}
    notice: str = ""
    created_notice: str = ""
    form_key: int = 0
    edit_open: bool = False
    edit_id: str = ""
    edit_email: str = ""
    edit_role: str = ""
    edit_department_id: str = ""
    edit_errors: dict[str, str] = {}

    def _refresh(self) -> None:
        self.rows = read(staff_rows)
        self.departments = read(department_choices)

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access, self.rows, self.errors, self.notice = "checking", [], {}, ""
        self.created_notice, self.edit_open = "", False
        user, leave = await admin_user(self)
        if user is None:
            return leave
        self.me = user.email
        self._refresh()
        return None

    @rx.event
    async def create(self, form_data: dict[str, Any]) -> Any:
        user, leave = await admin_user(self)
        if user is None:
            return leave
        result = await attempt(
            staff.add_staff,
            actor_id=user.user_id,
            email=text(form_data, "email"),
            role=text(form_data, "role"),
            department_id=text(form_data, "department_id"),
            password=text(form_data, "password"),
        )
        self.errors, self.notice = result.errors, result.message
        if not result.ok:
            self.created_notice = ""
            return rx.set_focus(first_invalid(result.errors, ORDER)) if result.errors else None
        email = result.value.user.email
        self.created_notice = (
            f"Se envió a {email} un enlace de un solo uso para que elija su contraseña."
            if result.value.set_password_link
            else f"La cuenta {email} ya puede ingresar con la contraseña inicial indicada."
        )
        self.form_key += 1
        self._refresh()
        return success(f"Se creó la cuenta {email}.")

    @rx.event
    async def start_edit(self, row_id: str) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        row = next((r for r in self.rows if r["id"] == row_id), None)
        if user is None or row is None:
            return leave
        self.edit_id, self.edit_email, self.edit_role = row_id, row["email"], row["role"]
        self.edit_department_id, self.edit_errors = row["department_id"], {}
        self.edit_open = True
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
            staff.update_staff,
            actor_id=user.user_id,
            user_id=int(self.edit_id),
            role=text(form_data, "edit_role"),
            department_id=text(form_data, "edit_department_id"),
        )
        self.edit_errors = result.errors or ({"role": result.message} if result.message else {})
        if not result.ok:
            return None
        self.edit_open = False
        self._refresh()
        return success(f"Se actualizó la cuenta {result.value.email}.")

    @rx.event
    async def set_active(self, row_id: str, active: bool) -> Any:
        user, leave = await admin_user(self)
        if user is None:
            return leave
        result = await attempt(
            staff.set_staff_active, actor_id=user.user_id, user_id=int(row_id), active=active
        )
        self.notice = result.message
        self._refresh()
        if not result.ok:
            return None
        if active:
            return success(f"Se activó la cuenta {result.value.email}.")
        return success(f"Se desactivó la cuenta {result.value.email} y se cerraron sus sesiones.")
