"""Mis trámites: the consulta de correspondencia of the user guide."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.components.filing_search import search_page
from mpv_app.pages.common import shell
from mpv_app.state.my_filings import MyFilingsState


def my_filings_page() -> rx.Component:
    empty = rx.vstack(
        rx.text("Aún no ha presentado correspondencia."),
        rx.link("Registrar una nueva correspondencia", href=routes.NEW_FILING),
        role="status",
    )
    new_filing = rx.link(
        rx.button("Nueva correspondencia", rx.icon("file-plus")), href=routes.NEW_FILING
    )
    return shell(
        gate(
            MyFilingsState.access,
            search_page(MyFilingsState, title="Mis trámites", actions=new_filing, empty=empty),
        )
    )
