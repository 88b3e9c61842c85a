"""What every page wraps itself in: the shell, with navigation that follows the session."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.layout import NavItem, help_link, nav_bar, nav_link, page_shell
from mpv_app.domain.enums import Role
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState
from mpv_app.state.site import SiteState


def _role_link(role: Role, item: NavItem, on_navy: bool) -> rx.Component:
    return rx.cond(
        AuthState.user_role == role.value, nav_link(item, on_navy=on_navy), rx.fragment()
    )


def navigation(*, on_navy: bool = True) -> rx.Component:
    """The header's links: inline on the navy bar, or stacked in the «Menú» panel."""
    vertical = not on_navy

    def link(label: str, href: str) -> rx.Component:
        return nav_link(NavItem(label, href), on_navy=on_navy)

    signed_in = nav_bar(
        link("Inicio", routes.HOME),
        _role_link(Role.SENDER, NavItem("Nueva correspondencia", routes.NEW_FILING), on_navy),
        _role_link(Role.SENDER, NavItem("Mis trámites", routes.MY_FILINGS), on_navy),
        _role_link(Role.RECEPTION, NavItem("Bandeja", routes.RECEPTION_INBOX), on_navy),
        _role_link(Role.DEPARTMENT, NavItem("Bandeja", routes.DEPARTMENT_INBOX), on_navy),
        _role_link(Role.ADMIN, NavItem("Administración", routes.ADMIN), on_navy),
        _role_link(Role.ADMIN, NavItem("Auditoría", routes.AUDIT_LOG), on_navy),
        rx.cond(
            (AuthState.user_role != Role.SENDER.value) & AuthState.is_authenticated,
            link("Panel", routes.DASHBOARD),
            rx.fragment(),
        ),
        link("Mi cuenta", routes.ACCOUNT),
        help_link(routes.HELP, on_navy=on_navy),
        rx.button(
            "Cerrar sesión",
            on_click=AuthState.logout,
            variant="outline",
            size="2",
            style={"color": "white", "box_shadow": "inset 0 0 0 1px white"} if on_navy else {},
        ),
        vertical=vertical,
    )
    signed_out = nav_bar(
        link("Inicio", routes.HOME),
        link("Registro", routes.REGISTER),
        link("Iniciar sesión", routes.LOGIN),
        help_link(routes.HELP, on_navy=on_navy),
        vertical=vertical,
    )
    return rx.cond(AuthState.is_authenticated, signed_in, signed_out)


def session_banner() -> rx.Component:
    """Ticks while signed in; warns before the idle timeout so typed work is not lost."""
    return rx.cond(
        AuthState.is_authenticated,
        rx.box(
            rx.moment(
                interval=int(get_settings().session_check_seconds * 1000),
                on_change=AuthState.tick,
                display="none",
            ),
            rx.cond(
                AuthState.expiry_warning,
                rx.callout(
                    rx.hstack(
                        rx.text("Su sesión está por expirar por inactividad."),
                        rx.button("Seguir conectado", on_click=AuthState.keep_alive, size="1"),
                        align="center",
                        wrap="wrap",
                    ),
                    icon="clock",
                    color_scheme="amber",
                    role="alert",
                ),
                rx.fragment(),
            ),
            max_width="1100px",
            width="100%",
            margin="8px auto 0",
            padding="0 16px",
        ),
        rx.fragment(),
    )


def shell(*children: rx.Component) -> rx.Component:
    return page_shell(
        *children,
        nav=navigation(),
        menu=navigation(on_navy=False),
        office_hours=SiteState.office_hours,
        reception_note=SiteState.reception_note,
        banner=session_banner(),
    )


def narrow(*children: rx.Component, title: str) -> rx.Component:
    """A single-column form page."""
    return shell(
        rx.vstack(
            rx.heading(title, as_="h1", size="7"),
            *children,
            spacing="4",
            width="100%",
            max_width="560px",
        )
    )
