"""Administración › Tipos de correspondencia."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import (
    Column,
    checkbox,
    code_and_name,
    edit_name,
    read_only,
    state_columns,
    table_section,
)
from mpv_app.pages.common import shell
from mpv_app.state.admin_document_types import AdminDocumentTypesState as S

SIGNED = "Solo con firma digital"
SIGNATURE_HINT = (
    "Marque «Solo con firma digital» si el documento principal de este tipo debe venir "
    "firmado digitalmente; sin firma, la correspondencia no se registra."
)

COLUMNS: list[Column] = [
    ("Código", "code"),
    ("Nombre", "name"),
    (SIGNED, "signature"),
    *state_columns(S, "name"),
]


def document_types_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            table_section(
                S,
                "Tipos de correspondencia",
                "Los tipos que el remitente elige al registrar su correspondencia. Un tipo "
                "inactivo deja de ofrecerse; lo ya registrado con él no cambia.",
                create=(
                    "Nuevo tipo de correspondencia",
                    "Crear tipo de correspondencia",
                    [
                        code_and_name(S.errors),
                        checkbox(SIGNED, "requires_digital_signature"),
                        rx.text(SIGNATURE_HINT, size="2", color="#5d6b82"),
                    ],
                ),
                list_title="Tipos registrados",
                columns=COLUMNS,
                edit=(
                    "Editar tipo de correspondencia",
                    [
                        read_only("Código", S.edit_code),
                        edit_name(S.edit_errors, S.edit_name),
                        checkbox(
                            SIGNED, "edit_requires_digital_signature", default_checked=S.edit_signed
                        ),
                    ],
                ),
            ),
        )
    )
