"""Administración › Tipos de correspondencia."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app.domain.rows import DocumentTypeRow
from mpv_app.selectors.admin import document_type_rows
from mpv_app.services import catalog_admin
from mpv_app.state.admin_common import AdminTable, AdminTableMixin
from mpv_app.state.common import read

SIGNED = "requires_digital_signature"


class AdminDocumentTypesState(AdminTableMixin, rx.State):
    rows: list[DocumentTypeRow] = []
    edit_code: str = ""
    edit_name: str = ""
    edit_signed: bool = False

    _table: ClassVar[AdminTable] = AdminTable(
        noun="el tipo de correspondencia",
        create=catalog_admin.create_document_type,
        update=catalog_admin.update_document_type,
        set_active=catalog_admin.set_document_type_active,
        id_arg="document_type_id",
        create_fields=("code", "name", SIGNED),
        edit_fields=("name", SIGNED),
        flags=frozenset({SIGNED}),
    )

    def _refresh(self) -> None:
        self.rows = read(document_type_rows)

    def _fill_edit(self, row: DocumentTypeRow) -> None:
        self.edit_code, self.edit_name = row.code, row.name
        self.edit_signed = row.signature == "Sí"
