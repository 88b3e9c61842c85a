"""The page for an address the desk does not have: the site's frame, a heading, a way back."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.pages.common import shell


def not_found_page() -> rx.Component:
    return shell(
        rx.vstack(
            rx.heading("Página no encontrada", as_="h1", size="7"),
            rx.text("La dirección que abrió no existe o cambió."),
            rx.hstack(
                rx.link("Ir al inicio", href=routes.HOME),
                rx.link("Ayuda", href=routes.HELP),
                spacing="4",
            ),
            spacing="3",
        )
    )
