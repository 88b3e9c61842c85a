"""Mi cuenta."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.tables import key_value_list
from mpv_app.pages.common import shell
from mpv_app.state.account import AccountState
from mpv_app.state.auth import AuthState


def account_page() -> rx.Component:
    return shell(
        gate(
            AccountState.access,
            rx.vstack(
                rx.heading("Mi cuenta", as_="h1", size="7"),
                rx.text("Bienvenido(a), ", rx.text.strong(AuthState.user_name), "."),
                rx.heading("Datos del remitente", as_="h2", size="5"),
                rx.text(
                    "Estos datos aparecen en la sección «Remitente» de cada correspondencia.",
                    size="2",
                ),
                key_value_list(AccountState.rows),
                spacing="3",
                width="100%",
            ),
        )
    )
