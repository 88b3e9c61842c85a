"""Administración › Dependencias."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import (
    Column,
    Row,
    code_and_name,
    edit_name,
    read_only,
    state_columns,
    table_section,
)
from mpv_app.components.forms import select_field
from mpv_app.pages.common import shell
from mpv_app.state.admin_departments import AdminDepartmentsState as S


def _name(row: Row) -> rx.Component:
    return rx.box(
        rx.text(row["name"]),
        rx.cond(
            row["reception"],
            rx.text("Recepción por defecto", size="1", color="#3b4a63"),
            rx.fragment(),
        ),
    )


COLUMNS: list[Column] = [
    ("Código", "code"),
    ("Nombre", _name),
    ("Centro de gestión", "center"),
    *state_columns(S, "name"),
]


def _center(name: str, errors: rx.Var[dict[str, str]], **default: rx.Var[str]) -> rx.Component:
    """Centro de gestión: an active one, for a new department or one that moves."""
    return select_field(
        "Centro de gestión",
        name,
        [],
        options_var=S.centers,
        error=errors["center_id"],
        required=True,
        **default,
    )


def _filter() -> rx.Component:
    return rx.box(
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
    )


def departments_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            table_section(
                S,
                "Dependencias",
                "Áreas que reciben y atienden la correspondencia, cada una dentro de un "
                "centro de gestión activo. Trámite Documentario, la recepción por defecto, "
                "siempre permanece activa.",
                create=(
                    "Nueva dependencia",
                    "Crear dependencia",
                    [_center("center_id", S.errors), code_and_name(S.errors)],
                ),
                list_title="Dependencias registradas",
                above_table=(_filter(),),
                columns=COLUMNS,
                rows=S.shown_rows,
                edit=(
                    "Editar dependencia",
                    [
                        read_only("Código", S.edit_code),
                        _center("edit_center_id", S.edit_errors, default_value=S.edit_center_id),
                        edit_name(S.edit_errors, S.edit_name),
                    ],
                ),
            ),
        )
    )
