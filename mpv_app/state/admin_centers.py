"""Administración › Centros de gestión."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app.domain.rows import CenterRow
from mpv_app.selectors.admin import center_rows
from mpv_app.services import catalog_admin
from mpv_app.state.admin_common import AdminTable, AdminTableMixin
from mpv_app.state.common import read


class AdminCentersState(AdminTableMixin, rx.State):
    rows: list[CenterRow] = []
    edit_code: str = ""
    edit_name: str = ""

    _table: ClassVar[AdminTable] = AdminTable(
        noun="el centro de gestión",
        create=catalog_admin.create_center,
        update=catalog_admin.update_center,
        set_active=catalog_admin.set_center_active,
        id_arg="center_id",
        create_fields=("code", "name"),
        edit_fields=("name",),
    )

    def _refresh(self) -> None:
        self.rows = read(center_rows)

    def _fill_edit(self, row: CenterRow) -> None:
        self.edit_code, self.edit_name = row.code, row.name
