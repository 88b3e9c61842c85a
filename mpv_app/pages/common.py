"""What every page wraps itself in: the shell filled with this installation's settings."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.layout import NavItem, page_shell
from mpv_app.settings import get_settings

PUBLIC_NAV = [NavItem("Inicio", routes.HOME)]


def office_hours_text() -> str:
    settings = get_settings()
    return (
        f"Lunes a viernes de {settings.office_open:%H:%M} a {settings.office_close:%H:%M} "
        "(hora de Lima), excepto feriados."
    )


def shell(*children: rx.Component) -> rx.Component:
    return page_shell(*children, nav_items=PUBLIC_NAV, office_hours=office_hours_text())
