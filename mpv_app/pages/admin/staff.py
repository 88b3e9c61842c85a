"""Administración › Personal."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import Column, field_grid, read_only, state_columns, table_section
from mpv_app.components.forms import select_field, text_field
from mpv_app.domain.enums import Role
from mpv_app.pages.common import shell
from mpv_app.state.admin_staff import AdminStaffState as S

ROLE_OPTIONS = [(role.value, role.label) for role in (Role.RECEPTION, Role.DEPARTMENT, Role.ADMIN)]
DEPARTMENT_HINT = f"Obligatoria solo para el rol {Role.DEPARTMENT.label}."
PASSWORD_HINT = (
    "Opcional. Si la deja vacía, la persona recibirá por correo un enlace para elegir su "
    "contraseña."
)

COLUMNS: list[Column] = [
    ("Correo", "email"),
    ("Rol", "role_label"),
    ("Dependencia", "department"),
    *state_columns(S, "email", own=S.me),  # no buttons on the admin's own row
]


def _role_and_department(
    prefix: str, errors: rx.Var[dict[str, str]], **defaults: rx.Var[str]
) -> list[rx.Component]:
    return [
        select_field(
            "Rol",
            f"{prefix}role",
            ROLE_OPTIONS,
            error=errors["role"],
            required=True,
            **({"default_value": defaults["role"]} if defaults else {}),
        ),
        rx.box(
            select_field(
                "Dependencia",
                f"{prefix}department_id",
                [],
                options_var=S.departments,
                error=errors["department_id"],
                **({"default_value": defaults["department_id"]} if defaults else {}),
            ),
            rx.text(DEPARTMENT_HINT, size="1", color="#5d6b82"),
            width="100%",
        ),
    ]


def _create_fields() -> list[rx.Component]:
    return [
        field_grid(
            text_field(
                "Correo",
                "email",
                error=S.errors["email"],
                input_type="email",
                required=True,
                auto_complete="off",
            ),
            *_role_and_department("", S.errors),
        ),
        text_field(
            "Contraseña inicial",
            "password",
            error=S.errors["password"],
            input_type="password",
            hint=PASSWORD_HINT,
            auto_complete="new-password",
        ),
    ]


def staff_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            table_section(
                S,
                "Cuentas del personal",
                "Cuentas de Trámite Documentario, de las dependencias y de administración. "
                "Desactivar una cuenta cierra sus sesiones y le impide ingresar; su historial "
                "se conserva.",
                above_form=(
                    rx.cond(
                        S.created_notice,
                        rx.callout(
                            S.created_notice, icon="mail-check", color_scheme="green", role="status"
                        ),
                        rx.fragment(),
                    ),
                ),
                create=("Nueva cuenta del personal", "Crear cuenta", _create_fields()),
                list_title="Cuentas registradas",
                columns=COLUMNS,
                edit=(
                    "Editar cuenta del personal",
                    [
                        read_only("Correo", S.edit_email),
                        *_role_and_department(
                            "edit_",
                            S.edit_errors,
                            role=S.edit_role,
                            department_id=S.edit_department_id,
                        ),
                    ],
                ),
            ),
        )
    )
