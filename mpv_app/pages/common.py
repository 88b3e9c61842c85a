"""What every page wraps itself in: the shell, with navigation that follows the session."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.layout import NavItem, help_link, nav_bar, nav_link, page_shell
from mpv_app.domain.enums import Role
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState
from mpv_app.state.site import SiteState


def _role_link(role: Role, item: NavItem) -> rx.Component:
    return rx.cond(AuthState.user_role == role.value, nav_link(item), rx.fragment())


def navigation() -> rx.Component:
    signed_in = nav_bar(
        nav_link(NavItem("Inicio", routes.HOME)),
        _role_link(Role.SENDER, NavItem("Nueva correspondencia", routes.NEW_FILING)),
        _role_link(Role.SENDER, NavItem("Mis trámites", routes.MY_FILINGS)),
        _role_link(Role.RECEPTION, NavItem("Bandeja", routes.RECEPTION_INBOX)),
        _role_link(Role.DEPARTMENT, NavItem("Bandeja", routes.DEPARTMENT_INBOX)),
        _role_link(Role.ADMIN, NavItem("Administración", routes.ADMIN)),
        _role_link(Role.ADMIN, NavItem("Auditoría", routes.AUDIT_LOG)),
        rx.cond(
            (AuthState.user_role != Role.SENDER.value) & AuthState.is_authenticated,
            nav_link(NavItem("Panel", routes.DASHBOARD)),
            rx.fragment(),
        ),
        nav_link(NavItem("Mi cuenta", routes.ACCOUNT)),
        help_link(routes.HELP),
        rx.button(
            "Cerrar sesión",
            on_click=AuthState.logout,
            variant="outline",
            size="2",
            style={"color": "white", "border_color": "white"},
        ),
    )
    signed_out = nav_bar(
        nav_link(NavItem("Inicio", routes.HOME)),
        nav_link(NavItem("Registro", routes.REGISTER)),
        nav_link(NavItem("Iniciar sesión", routes.LOGIN)),
        help_link(routes.HELP),
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
