"""The page frame every page shares: branded header, navigation, main region and help footer."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

BRAND_NAVY = "#0b2f5b"
BRAND_YELLOW = "#f6c400"
MAIN_ID = "contenido"


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str


def skip_link() -> rx.Component:
    """Keyboard users jump straight past the header."""
    return rx.el.a(
        "Saltar al contenido",
        href=f"#{MAIN_ID}",
        class_name="skip-link",
        # The client router swallows plain fragment jumps; move focus explicitly.
        on_click=rx.call_script(f"document.getElementById('{MAIN_ID}').focus()"),
    )


def nav_link(item: NavItem, *, on_navy: bool = True) -> rx.Component:
    return rx.link(
        item.label, href=item.href, color="white" if on_navy else BRAND_NAVY, weight="medium"
    )


def help_link(href: str, *, on_navy: bool = True) -> rx.Component:
    """The help icon the user guide promises, with its name for screen readers."""
    return rx.link(
        rx.icon("circle-help", size=18, aria_hidden="true"),
        "Ayuda",
        href=href,
        weight="medium",
        style={
            "color": "white" if on_navy else BRAND_NAVY,
            "display": "inline-flex",
            "align_items": "center",
            "gap": "4px",
        },
    )


def nav_bar(*items: rx.Component, vertical: bool = False) -> rx.Component:
    return rx.flex(
        *items,
        spacing="4",
        wrap="wrap",
        align="start" if vertical else "center",
        direction="column" if vertical else "row",
    )


def menu_button(menu: rx.Component) -> rx.Component:
    """Below 1024 px the navigation folds into «Menú»: a Radix popover, so the button says
    whether it is open, Escape closes it and focus goes back to the button."""
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(
                rx.icon("menu", size=18, aria_hidden="true"),
                "Menú",
                variant="outline",
                size="2",
                type="button",
                id="menu-button",
                style={"color": "white", "box_shadow": "inset 0 0 0 1px white"},
            ),
        ),
        rx.popover.content(
            rx.el.nav(menu, aria_label="Navegación principal"),
            align="end",
            id="menu-panel",
            min_width="220px",
        ),
    )


def header(nav: rx.Component, menu: rx.Component | None = None) -> rx.Component:
    return rx.el.header(
        rx.flex(
            rx.link(
                rx.vstack(
                    rx.text(
                        "PETROPERÚ", weight="bold", size="6", color=BRAND_YELLOW, line_height="1.2"
                    ),
                    rx.text("Mesa de Partes Virtual", size="3", color="white", line_height="1.2"),
                    spacing="1",
                ),
                href="/",
                underline="none",
                aria_label="PETROPERÚ Mesa de Partes Virtual, ir al inicio",
            ),
            rx.el.nav(
                nav,
                aria_label="Navegación principal",
                display=rx.breakpoints(initial="none", md="block") if menu else "block",
            ),
            rx.box(menu_button(menu), display=rx.breakpoints(initial="block", md="none"))
            if menu is not None
            else rx.fragment(),
            justify="between",
            align="center",
            wrap="wrap",
            gap="3",
            max_width="1100px",
            margin_x="auto",
            padding="12px 16px",
        ),
        style={"background": BRAND_NAVY, "border_bottom": f"4px solid {BRAND_YELLOW}"},
    )


def footer(office_hours: rx.Var[str] | str, reception_note: rx.Var[str] | str) -> rx.Component:
    return rx.el.footer(
        rx.grid(
            rx.box(
                rx.heading("¿Necesita ayuda?", as_="h2", size="3", margin_bottom="2"),
                rx.text("Trámite Documentario: 6145000 anexo 14344"),
                rx.text("Mesa de Servicios Digitales: 0800 76001 y 6145000 anexo 77777"),
            ),
            rx.box(
                rx.heading("Horario de atención", as_="h2", size="3", margin_bottom="2"),
                rx.text(office_hours),
                rx.text(reception_note, size="2", id="reception-rule"),
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            gap="5",
            max_width="1100px",
            margin_x="auto",
            padding="24px 16px 12px",
        ),
        rx.text(
            "© PETROPERÚ S.A. — Mesa de Partes Virtual",
            size="1",
            text_align="center",
            padding="0 16px 16px",
        ),
        style={"background": "#eef2f7", "border_top": "1px solid #d0d7e2", "margin_top": "auto"},
    )


def page_shell(
    *children: rx.Component,
    nav: rx.Component,
    menu: rx.Component | None = None,
    office_hours: rx.Var[str] | str,
    reception_note: rx.Var[str] | str = "",
    banner: rx.Component | None = None,
) -> rx.Component:
    return rx.flex(
        skip_link(),
        header(nav, menu),
        banner if banner is not None else rx.fragment(),
        rx.el.main(
            *children,
            id=MAIN_ID,
            tab_index=-1,
            style={
                "width": "100%",
                "max_width": "1100px",
                "margin": "0 auto",
                "padding": "24px 16px",
            },
        ),
        footer(office_hours, reception_note),
        direction="column",
        min_height="100vh",
    )
