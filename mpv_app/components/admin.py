"""Building blocks of the administration pages: frame, tables with Estado, dialogs, cards."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app import routes
from mpv_app.components.admin_table import Column, Row, data_table
from mpv_app.components.cards import link_card
from mpv_app.components.forms import form_alert, kept_form, text_field


def admin_frame(title: str, intro: str, *children: rx.Component) -> rx.Component:
    """Every section page: the way back, its title, one sentence on what it governs."""
    return rx.vstack(
        rx.link("← Volver a Administración", href=routes.ADMIN, size="2"),
        rx.heading(title, as_="h1", size="7"),
        rx.text(intro, color="#3b4a63"),
        *children,
        spacing="4",
        width="100%",
        align="stretch",
    )


def status_badge(status: rx.Var[str]) -> rx.Component:
    return rx.cond(
        status == "Activo",
        rx.badge("Activo", color_scheme="green", variant="soft", size="2"),
        rx.badge("Inactivo", color_scheme="gray", variant="solid", size="2"),
    )


def toggle_button(
    status: rx.Var[str], *, on_activate: Any, on_deactivate: Any, name: rx.Var[str]
) -> rx.Component:
    """Activar or Desactivar, whichever applies; the row's name makes each button distinct."""

    def button(label: str, on_click: Any, color: str) -> rx.Component:
        return rx.button(
            label,
            on_click=on_click,
            color_scheme=color,
            variant="soft",
            size="2",
            aria_label=f"{label} " + name,
        )

    return rx.cond(
        status == "Activo",
        button("Desactivar", on_deactivate, "red"),
        button("Activar", on_activate, "green"),
    )


def edit_button(on_click: Any, name: rx.Var[str]) -> rx.Component:
    return rx.button(
        "Editar", on_click=on_click, variant="outline", size="2", aria_label="Editar " + name
    )


def state_columns(state: Any, name_key: str, *, own: rx.Var[str] | None = None) -> list[Column]:
    """Estado and Acciones (see ``table_section``); ``row[name_key]`` tells the buttons apart.

    The row named ``own`` (the administrator's own account) gets no buttons.
    """

    def buttons(row: Row) -> rx.Component:
        name = row[name_key]
        return rx.hstack(
            edit_button(state.start_edit(row["id"]), name),
            toggle_button(
                row["status"],
                on_activate=state.set_active(row["id"], True),
                on_deactivate=state.set_active(row["id"], False),
                name=name,
            ),
            spacing="2",
            wrap="nowrap",
        )

    def cell(row: Row) -> rx.Component:
        if own is None:
            return buttons(row)
        return rx.cond(
            row[name_key] == own, rx.text("Su cuenta", size="2", color="#5d6b82"), buttons(row)
        )

    return [("Estado", lambda row: status_badge(row["status"])), ("Acciones", cell)]


def form_card(title: str, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(rx.heading(title, as_="h2", size="5"), *children, spacing="3", width="100%"),
        width="100%",
        size="3",
    )


def notice(message: rx.Var[str]) -> rx.Component:
    """A refusal that must stay on screen (a toast would vanish before it is read)."""
    return form_alert(message)


def submit_buttons(label: str, *, cancel: bool = False) -> rx.Component:
    return rx.hstack(
        rx.button(label, type="submit", size="3"),
        rx.dialog.close(rx.button("Cancelar", type="button", variant="soft", size="3"))
        if cancel
        else rx.fragment(),
        spacing="3",
        justify="end" if cancel else "start",
        width="100%",
    )


def _edit_dialog(state: Any, title: str, fields: list[rx.Component]) -> rx.Component:
    """One dialog per page, filled from the row being edited; closed, it holds no fields."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(
                "Los cambios se aplican a lo que se registre desde ahora.", size="2"
            ),
            kept_form(
                rx.vstack(
                    *fields,
                    submit_buttons("Guardar cambios", cancel=True),
                    spacing="3",
                    width="100%",
                    margin_top="3",
                ),
                on_submit=state.save_edit,
            ),
            max_width="520px",
        ),
        open=state.edit_open,
        on_open_change=state.set_edit_open,
    )


def field_grid(*fields: rx.Component) -> rx.Component:
    """Fields side by side from the "sm" breakpoint up, one under another on a phone."""
    return rx.grid(*fields, columns=rx.breakpoints(initial="1", sm="2"), gap="3", width="100%")


def code_and_name(errors: rx.Var[dict[str, str]]) -> rx.Component:
    """Código and Nombre of a new catalog row (the code is fixed once created)."""
    return field_grid(
        text_field("Código", "code", error=errors["code"], required=True),
        text_field("Nombre", "name", error=errors["name"], required=True),
    )


def edit_name(errors: rx.Var[dict[str, str]], value: rx.Var[str]) -> rx.Component:
    """Nombre in an edit dialog, starting from the row's current name."""
    return text_field(
        "Nombre", "edit_name", error=errors["name"], required=True, default_value=value
    )


def table_section(
    state: Any,
    title: str,
    intro: str,
    *,
    create: tuple[str, str, list[rx.Component]],
    list_title: str,
    columns: list[Column],
    edit: tuple[str, list[rx.Component]],
    rows: rx.Var[list[Any]] | None = None,
    above_form: tuple[rx.Component, ...] = (),
    above_table: tuple[rx.Component, ...] = (),
) -> rx.Component:
    """A table page: refusal notice, create form, the table (captioned ``title``), edit dialog.

    ``state`` is the page's state class, built on ``AdminTableMixin``
    (mpv_app/state/admin_common.py): its vars and handlers are wired here by name.
    ``create`` is (form title, button, fields); ``edit`` is (dialog title, fields).
    """
    form_title, submit, form_fields = create
    return admin_frame(
        title,
        intro,
        notice(state.notice),
        *above_form,
        form_card(
            form_title,
            kept_form(
                rx.vstack(*form_fields, submit_buttons(submit), spacing="3", width="100%"),
                key=state.form_key,  # a new key after each creation empties the form
                on_submit=state.create,
                aria_label=form_title,
            ),
        ),
        rx.heading(list_title, as_="h2", size="5"),
        *above_table,
        data_table(title, columns, state.rows if rows is None else rows),
        _edit_dialog(state, *edit),
    )


def read_only(label: str, value: rx.Var[str]) -> rx.Component:
    return rx.box(
        rx.el.p(label, class_name="field-label"),
        rx.el.p(value, style={"margin": "0"}),
        width="100%",
    )


def checkbox(text: str, name: str, *, default_checked: rx.Var[bool] | bool = False) -> rx.Component:
    field_id = f"f-{name}"
    return rx.hstack(
        rx.el.input(
            type="checkbox",
            id=field_id,
            name=name,
            default_checked=default_checked,
            class_name="native-checkbox",
        ),
        rx.el.label(text, html_for=field_id),
        align="center",
        spacing="2",
    )


def section_card(title: str, text: str, icon: str, href: str, summary: rx.Var[str]) -> rx.Component:
    """An entry of the administration index: the whole card follows its heading's link."""
    return link_card(
        title,
        href,
        icon,
        rx.text(text, color="#3b4a63"),
        rx.text(summary, size="2", weight="medium"),
        icon_size=32,
    )
