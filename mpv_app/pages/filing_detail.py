"""/tramites/<número>: the filing, its files, "Descargar cargo", its history, and staff actions."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.filing_cure import cure_dialog, observation_panel
from mpv_app.components.filing_search import status_badge
from mpv_app.components.filing_view import files_list, timeline
from mpv_app.components.tables import key_value_list
from mpv_app.pages.common import shell
from mpv_app.pages.filing_actions import action_bar, action_dialogs
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState
from mpv_app.state.filing_cure import FilingCureState
from mpv_app.state.filing_detail import FilingDetailState as D


def _back() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("arrow-left", size=16), AuthState.back_label, align="center", spacing="1"
        ),
        href=AuthState.back_path,
    )


def _not_found() -> rx.Component:
    return rx.vstack(
        rx.heading("Correspondencia no encontrada", as_="h1", size="7"),
        rx.text(
            "No encontramos una correspondencia con el número ",
            rx.el.strong(D.number),
            " entre las que puede consultar. Revise el número e intente de nuevo.",
        ),
        _back(),
        spacing="3",
        role="alert",
    )


def _section(title: str, *children: rx.Component) -> rx.Component:
    return rx.vstack(rx.heading(title, as_="h2", size="5"), *children, spacing="3", width="100%")


def _detail() -> rx.Component:
    return rx.vstack(
        _back(),
        rx.hstack(
            rx.heading("Correspondencia ", D.number, as_="h1", size="7"),
            status_badge(D.status, D.status_code),
            align="center",
            wrap="wrap",
            spacing="3",
        ),
        action_bar(),
        observation_panel(D.observation, can_cure=D.can_cure, on_cure=FilingCureState.open_cure),
        rx.grid(
            _section(
                "Datos de la correspondencia",
                key_value_list(D.fields),
                rx.button(
                    rx.icon("download", size=16),
                    "Descargar cargo",
                    variant="outline",
                    on_click=D.download_receipt,
                ),
            ),
            rx.vstack(
                _section("Archivos", files_list(D.files, D.download_file)),
                _section("Historial", timeline(D.timeline, show_actor=D.is_staff)),
                spacing="5",
                width="100%",
            ),
            columns=rx.breakpoints(initial="1", md="2"),
            spacing="6",
            width="100%",
        ),
        action_dialogs(),
        cure_dialog(state=FilingCureState, limit=get_settings().max_filing_bytes),
        spacing="4",
        width="100%",
    )


def filing_detail_page() -> rx.Component:
    return shell(gate(D.access, rx.cond(D.found, _detail(), _not_found())))
