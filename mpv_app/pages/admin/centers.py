"""Administración › Centros de gestión."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import (
    Column,
    actions,
    admin_frame,
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
from mpv_app.state.admin_centers import AdminCentersState as S


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
    ("Dependencias activas", lambda row: row["departments"]),
    ("Estado", lambda row: status_badge(row["status"])),
    ("Acciones", _actions),
]


def _create_form() -> rx.Component:
    return form_card(
        "Nuevo centro de gestión",
        rx.form(
            rx.vstack(
                rx.grid(
                    text_field("Código", "code", error=S.errors["code"], required=True),
                    text_field("Nombre", "name", error=S.errors["name"], required=True),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                submit_buttons("Crear centro de gestión"),
                spacing="3",
                width="100%",
            ),
            key=S.form_key,
            on_submit=S.create,
            reset_on_submit=False,
            no_validate=True,
            aria_label="Nuevo centro de gestión",
        ),
    )


def _edit_dialog() -> rx.Component:
    return edit_dialog(
        "Editar centro de gestión",
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


def centers_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            admin_frame(
                "Centros de gestión",
                "Sedes a las que se dirige la correspondencia. Un centro inactivo deja de "
                "ofrecerse al remitente, pero su historial se conserva.",
                notice(S.notice),
                _create_form(),
                rx.heading("Centros registrados", as_="h2", size="5"),
                data_table(
                    "Centros de gestión",
                    COLUMNS,
                    S.rows,
                ),
                _edit_dialog(),
            ),
        )
    )
