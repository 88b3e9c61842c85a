"""Administración › Personal: staff accounts, their role and department."""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from mpv_app.domain.rows import StaffRow
from mpv_app.selectors.admin import department_choices, staff_rows
from mpv_app.services import staff
from mpv_app.services.auth import SessionUser
from mpv_app.state.admin_common import AdminTable, AdminTableMixin, Outcome
from mpv_app.state.common import read


class AdminStaffState(AdminTableMixin, rx.State):
    rows: list[StaffRow] = []
    me: str = ""
    departments: list[tuple[str, str]] = []
    created_notice: str = ""
    edit_email: str = ""
    edit_role: str = ""
    edit_department_id: str = ""

    _table: ClassVar[AdminTable] = AdminTable(
        noun="la cuenta",
        create=staff.add_staff,
        update=staff.update_staff,
        set_active=staff.set_staff_active,
        id_arg="user_id",
        create_fields=("email", "role", "department_id", "password"),
        edit_fields=("role", "department_id"),
        label="email",
        edit_message_field="role",
    )

    def _refresh(self) -> None:
        self.rows = read(staff_rows)
        self.departments = read(department_choices)

    def _clear_page(self) -> None:
        self.created_notice = ""

    def _open_page(self, user: SessionUser) -> None:
        self.me = user.email
        self._refresh()

    def _fill_edit(self, row: StaffRow) -> None:
        self.edit_email, self.edit_role = row.email, row.role
        self.edit_department_id = row.department_id

    def _created(self, result: Outcome) -> str:
        """Besides the toast, a notice that stays: how the new account gets its password."""
        if not result.ok:
            self.created_notice = ""
            return ""
        email = result.value.user.email
        self.created_notice = (
            f"Se envió a {email} un enlace de un solo uso para que elija su contraseña."
            if result.value.set_password_link
            else f"La cuenta {email} ya puede ingresar con la contraseña inicial indicada."
        )
        return f"Se creó la cuenta {email}."

    def _switched(self, value: Any, active: bool) -> str:
        if active:
            return f"Se activó la cuenta {value.email}."
        return f"Se desactivó la cuenta {value.email} y se cerraron sus sesiones."
