"""Administración › Dependencias."""

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
from mpv_app.components.forms import select_field, text_field
from mpv_app.pages.common import shell
from mpv_app.state.admin_departments import AdminDepartmentsState as S


def _name(row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.box(
        rx.text(row["name"]),
        rx.cond(
            row["reception"],
            rx.text("Recepción por defecto", size="1", color="#3b4a63"),
            rx.fragment(),
        ),
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
    ("Nombre", _name),
    ("Centro de gestión", lambda row: row["center"]),
    ("Estado", lambda row: status_badge(row["status"])),
    ("Acciones", _actions),
]


def _create_form() -> rx.Component:
    return form_card(
        "Nueva dependencia",
        rx.form(
            rx.vstack(
                select_field(
                    "Centro de gestión",
                    "center_id",
                    [],
                    options_var=S.centers,
                    error=S.errors["center_id"],
                    required=True,
                ),
                rx.grid(
                    text_field("Código", "code", error=S.errors["code"], required=True),
                    text_field("Nombre", "name", error=S.errors["name"], required=True),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                submit_buttons("Crear dependencia"),
                spacing="3",
                width="100%",
            ),
            key=S.form_key,
            on_submit=S.create,
            reset_on_submit=False,
            no_validate=True,
            aria_label="Nueva dependencia",
        ),
    )


def _edit_dialog() -> rx.Component:
    return edit_dialog(
        "Editar dependencia",
        S.edit_open,
        S.set_edit_open,
        rx.form(
            rx.vstack(
                read_only("Código", S.edit_code),
                select_field(
                    "Centro de gestión",
                    "edit_center_id",
                    [],
                    options_var=S.centers,
                    error=S.edit_errors["center_id"],
                    required=True,
                    default_value=S.edit_center_id,
                ),
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


def departments_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            admin_frame(
                "Dependencias",
                "Áreas que reciben y atienden la correspondencia, cada una dentro de un "
                "centro de gestión activo. Trámite Documentario, la recepción por defecto, "
                "siempre permanece activa.",
                notice(S.notice),
                _create_form(),
                rx.heading("Dependencias registradas", as_="h2", size="5"),
                rx.box(
                    select_field(
                        "Mostrar las dependencias de",
                        "shown_center",
                        [],
                        options_var=S.all_centers,
                        placeholder="Todos los centros de gestión",
                        on_change=S.show_center,
                    ),
                    max_width="420px",
                    width="100%",
                ),
                data_table("Dependencias", COLUMNS, S.shown_rows),
                _edit_dialog(),
            ),
        )
    )
