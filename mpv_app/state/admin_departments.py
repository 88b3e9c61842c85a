"""Administración › Dependencias."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app.domain.rows import DepartmentRow
from mpv_app.selectors.admin import department_rows
from mpv_app.selectors.catalog import center_options
from mpv_app.services import catalog_admin
from mpv_app.state.admin_common import AdminTable, AdminTableMixin, admin_user
from mpv_app.state.common import read


class AdminDepartmentsState(AdminTableMixin, rx.State):
    rows: list[DepartmentRow] = []
    centers: list[tuple[str, str]] = []
    edit_code: str = ""
    edit_name: str = ""
    edit_center_id: str = ""
    shown_center: str = ""

    _table: ClassVar[AdminTable] = AdminTable(
        noun="la dependencia",
        create=catalog_admin.create_department,
        update=catalog_admin.update_department,
        set_active=catalog_admin.set_department_active,
        id_arg="department_id",
        create_fields=("center_id", "code", "name"),
        edit_fields=("center_id", "name"),
    )

    @rx.var
    def shown_rows(self) -> list[DepartmentRow]:
        """The table, optionally narrowed to one center: thirty-odd rows are a long scroll."""
        if not self.shown_center:
            return self.rows
        return [r for r in self.rows if r.center_id == self.shown_center]

    @rx.var
    def all_centers(self) -> list[tuple[str, str]]:
        """Every center with departments, inactive ones too, in table order."""
        seen: dict[str, str] = {}
        for row in self.rows:
            seen.setdefault(row.center_id, row.center)
        return list(seen.items())

    @rx.event
    async def show_center(self, center_id: str) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        self.shown_center = center_id if user is not None else ""
        return leave

    def _refresh(self) -> None:
        self.rows = read(department_rows)
        self.centers = read(center_options)

    def _clear_page(self) -> None:
        self.shown_center = ""

    def _fill_edit(self, row: DepartmentRow) -> None:
        self.edit_code, self.edit_name = row.code, row.name
        self.edit_center_id = row.center_id
