"""Administración › Personal."""

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
from mpv_app.domain.enums import Role
from mpv_app.pages.common import shell
from mpv_app.selectors.accounts import ROLE_LABELS
from mpv_app.state.admin_staff import AdminStaffState as S

ROLE_OPTIONS = [
    (role.value, ROLE_LABELS[role]) for role in (Role.RECEPTION, Role.DEPARTMENT, Role.ADMIN)
]
DEPARTMENT_HINT = f"Obligatoria solo para el rol {ROLE_LABELS[Role.DEPARTMENT]}."
PASSWORD_HINT = (
    "Opcional. Si la deja vacía, la persona recibirá por correo un enlace para elegir su "
    "contraseña."
)


def _actions(row: rx.Var[dict[str, str]]) -> rx.Component:
    return rx.cond(
        row["email"] == S.me,
        rx.text("Su cuenta", size="2", color="#5d6b82"),
        actions(
            edit_button(S.start_edit(row["id"]), row["email"]),
            toggle_button(
                row["status"],
                on_activate=S.set_active(row["id"], True),
                on_deactivate=S.set_active(row["id"], False),
                name=row["email"],
            ),
        ),
    )


COLUMNS: list[Column] = [
    ("Correo", lambda row: row["email"]),
    ("Rol", lambda row: row["role_label"]),
    ("Dependencia", lambda row: row["department"]),
    ("Estado", lambda row: status_badge(row["status"])),
    ("Acciones", _actions),
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


def _create_form() -> rx.Component:
    return form_card(
        "Nueva cuenta del personal",
        rx.form(
            rx.vstack(
                rx.grid(
                    text_field(
                        "Correo",
                        "email",
                        error=S.errors["email"],
                        input_type="email",
                        required=True,
                        auto_complete="off",
                    ),
                    *_role_and_department("", S.errors),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                text_field(
                    "Contraseña inicial",
                    "password",
                    error=S.errors["password"],
                    input_type="password",
                    hint=PASSWORD_HINT,
                    auto_complete="new-password",
                ),
                submit_buttons("Crear cuenta"),
                spacing="3",
                width="100%",
            ),
            key=S.form_key,
            on_submit=S.create,
            reset_on_submit=False,
            no_validate=True,
            aria_label="Nueva cuenta del personal",
        ),
    )


def _edit_dialog() -> rx.Component:
    return edit_dialog(
        "Editar cuenta del personal",
        S.edit_open,
        S.set_edit_open,
        rx.form(
            rx.vstack(
                read_only("Correo", S.edit_email),
                *_role_and_department(
                    "edit_", S.edit_errors, role=S.edit_role, department_id=S.edit_department_id
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


def staff_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            admin_frame(
                "Cuentas del personal",
                "Cuentas de Trámite Documentario, de las dependencias y de administración. "
                "Desactivar una cuenta cierra sus sesiones y le impide ingresar; su historial "
                "se conserva.",
                notice(S.notice),
                rx.cond(
                    S.created_notice,
                    rx.callout(
                        S.created_notice, icon="mail-check", color_scheme="green", role="status"
                    ),
                    rx.fragment(),
                ),
                _create_form(),
                rx.heading("Cuentas registradas", as_="h2", size="5"),
                data_table(
                    "Cuentas del personal",
                    COLUMNS,
                    S.rows,
                ),
                _edit_dialog(),
            ),
        )
    )
