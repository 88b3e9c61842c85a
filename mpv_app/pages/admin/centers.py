"""Administración › Centros de gestión."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import (
    Column,
    code_and_name,
    edit_name,
    read_only,
    state_columns,
    table_section,
)
from mpv_app.pages.common import shell
from mpv_app.state.admin_centers import AdminCentersState as S

COLUMNS: list[Column] = [
    ("Código", "code"),
    ("Nombre", "name"),
    ("Dependencias activas", "departments"),
    *state_columns(S, "name"),
]


def centers_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            table_section(
                S,
                "Centros de gestión",
                "Sedes a las que se dirige la correspondencia. Un centro inactivo deja de "
                "ofrecerse al remitente, pero su historial se conserva.",
                create=(
                    "Nuevo centro de gestión",
                    "Crear centro de gestión",
                    [code_and_name(S.errors)],
                ),
                list_title="Centros registrados",
                columns=COLUMNS,
                edit=(
                    "Editar centro de gestión",
                    [read_only("Código", S.edit_code), edit_name(S.edit_errors, S.edit_name)],
                ),
            ),
        )
    )
