"""Administración › Tipos de correspondencia."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import (
    Column,
    actions,
    admin_frame,
    checkbox,
    data_table,
    edit_button,
    edit_dialog,
    form_card,
    notice,
    read_only,
    status_badge,
    submit_buttons,
    toggle_button,
)
from mpv_app.components.forms import text_field
from mpv_app.pages.common import shell
from mpv_app.state.admin_document_types import AdminDocumentTypesState as S

SIGNATURE_HINT = (
    "Marque «Solo con firma digital» si el documento principal de este tipo debe venir "
    "firmado digitalmente; sin firma, la correspondencia no se registra."
)


def _actions(row: rx.Var[dict[str, str]]) -> rx.Component:
    return actions(
        edit_button(S.start_edit(row["id"]), row["name"]),
        toggle_button(
            row["status"],
            on_activate=S.set_active(row["id"], True),
            on_deactivate=S.set_active(row["id"], False),
            name=row["name"],
        ),
    )


COLUMNS: list[Column] = [
    ("Código", lambda row: row["code"]),
    ("Nombre", lambda row: row["name"]),
    ("Solo con firma digital", lambda row: row["signature"]),
    ("Estado", lambda row: status_badge(row["status"])),
    ("Acciones", _actions),
]


def _create_form() -> rx.Component:
    return form_card(
        "Nuevo tipo de correspondencia",
        rx.form(
            rx.vstack(
                rx.grid(
                    text_field("Código", "code", error=S.errors["code"], required=True),
                    text_field("Nombre", "name", error=S.errors["name"], required=True),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                checkbox("Solo con firma digital", "requires_digital_signature"),
                rx.text(SIGNATURE_HINT, size="2", color="#5d6b82"),
                submit_buttons("Crear tipo de correspondencia"),
                spacing="3",
                width="100%",
            ),
            key=S.form_key,
            on_submit=S.create,
            reset_on_submit=False,
            no_validate=True,
            aria_label="Nuevo tipo de correspondencia",
        ),
    )


def _edit_dialog() -> rx.Component:
    return edit_dialog(
        "Editar tipo de correspondencia",
        S.edit_open,
        S.set_edit_open,
        rx.form(
            rx.vstack(
                read_only("Código", S.edit_code),
                text_field(
                    "Nombre",
                    "edit_name",
                    error=S.edit_errors["name"],
                    required=True,
                    default_value=S.edit_name,
                ),
                checkbox(
                    "Solo con firma digital",
                    "edit_requires_digital_signature",
                    default_checked=S.edit_signed,
                ),
                submit_buttons("Guardar cambios", cancel=True),
                spacing="3",
                width="100%",
                margin_top="3",
            ),
            on_submit=S.save_edit,
            reset_on_submit=False,
            no_validate=True,
        ),
    )


def document_types_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            admin_frame(
                "Tipos de correspondencia",
                "Los tipos que el remitente elige al registrar su correspondencia. Un tipo "
                "inactivo deja de ofrecerse; lo ya registrado con él no cambia.",
                notice(S.notice),
                _create_form(),
                rx.heading("Tipos registrados", as_="h2", size="5"),
                data_table(
                    "Tipos de correspondencia",
                    COLUMNS,
                    S.rows,
                ),
                _edit_dialog(),
            ),
        )
    )
