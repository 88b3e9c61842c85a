"""Building blocks of the administration pages: frame, tables with Estado, dialogs, cards."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from mpv_app import routes
from mpv_app.components.forms import form_alert


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
    return rx.cond(
        status == "Activo",
        rx.button(
            "Desactivar",
            on_click=on_deactivate,
            color_scheme="red",
            variant="soft",
            size="2",
            aria_label="Desactivar " + name,
        ),
        rx.button(
            "Activar",
            on_click=on_activate,
            color_scheme="green",
            variant="soft",
            size="2",
            aria_label="Activar " + name,
        ),
    )


def edit_button(on_click: Any, name: rx.Var[str]) -> rx.Component:
    return rx.button(
        "Editar", on_click=on_click, variant="outline", size="2", aria_label="Editar " + name
    )


def actions(*buttons: rx.Component) -> rx.Component:
    return rx.hstack(*buttons, spacing="2", wrap="nowrap")


Column = tuple[str, Callable[[rx.Var[dict[str, str]]], Any]]

_CELL = {"padding": "10px 12px", "text_align": "left", "vertical_align": "middle"}
# A plain <table> (Radix's wraps it in a scroll area that collapses when restyled). Under the
# "sm" breakpoint each row becomes a small card: every cell shows its column name (from
# data-label) beside the value, so nothing hides off-screen to the right.
_TABLE_STYLE = {
    "width": "100%",
    "border": "1px solid #d0d7e2",
    "border_radius": "8px",
    "overflow": "hidden",
    "& table": {"width": "100%", "border_collapse": "collapse"},
    "& th": {
        **_CELL,
        "background": "#f4f6fa",
        "font_weight": "600",
        "border_bottom": "1px solid #d0d7e2",
    },
    "& td": {**_CELL, "border_bottom": "1px solid #e3e8ef"},
    "& tbody tr:last-child td": {"border_bottom": "none"},
    "@media (max-width: 47.99em)": {
        "& thead": {
            "position": "absolute",
            "width": "1px",
            "height": "1px",
            "overflow": "hidden",
            "clip": "rect(0 0 0 0)",
        },
        "& table, & tbody, & tr, & td": {"display": "block", "width": "100%"},
        "& tbody tr": {"border_bottom": "1px solid #d0d7e2", "padding": "8px 0"},
        "& tbody tr:last-child": {"border_bottom": "none"},
        "& td, & tbody tr:last-child td": {
            "display": "flex",
            "gap": "12px",
            "align_items": "center",
            "border_bottom": "none",
            "padding": "4px 12px",
            "overflow_wrap": "anywhere",
        },
        "& td::before": {
            "content": "attr(data-label)",
            "flex": "0 0 40%",
            "overflow_wrap": "normal",
            "font_weight": "600",
            "color": "#3b4a63",
        },
    },
}


def data_table(
    caption: str, columns: list[Column], rows: rx.Var[list[dict[str, str]]]
) -> rx.Component:
    """A table on wide screens, one labelled card per row on a phone."""

    def render(row: rx.Var[dict[str, str]]) -> rx.Component:
        return rx.el.tr(
            *[rx.el.td(cell(row), custom_attrs={"data-label": header}) for header, cell in columns]
        )

    return rx.box(
        rx.el.table(
            rx.el.caption(caption, class_name="sr-only"),
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h, _ in columns])),
            rx.el.tbody(rx.foreach(rows, render)),
        ),
        style=_TABLE_STYLE,
    )


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


def edit_dialog(
    title: str, open_: rx.Var[bool], on_open_change: Any, *children: rx.Component
) -> rx.Component:
    """One dialog per page, filled from the row being edited; closed, it holds no fields."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(
                "Los cambios se aplican a lo que se registre desde ahora.", size="2"
            ),
            *children,
            max_width="520px",
        ),
        open=open_,
        on_open_change=on_open_change,
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
    """An entry of the administration index: the whole card is one link."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(
                    icon, size=32, aria_hidden="true", color="var(--accent-9)", flex_shrink="0"
                ),
                rx.vstack(
                    rx.heading(title, as_="h2", size="5"),
                    rx.text(text, color="#3b4a63"),
                    rx.text(summary, size="2", weight="medium"),
                    spacing="1",
                ),
                align="start",
                spacing="4",
            ),
            size="3",
            class_name="action-card",
            height="100%",
        ),
        href=href,
        underline="none",
        aria_label=title,
    )
