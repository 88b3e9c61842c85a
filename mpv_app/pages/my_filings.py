"""Mis trámites: the consulta de correspondencia of the user guide.

Results come first, the filters after them in a panel that folds on a phone (open when
filters are applied); the list is a table from 768 px and cards below it.
"""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.components.filing_cards import filing_cards
from mpv_app.components.filing_search import results_table
from mpv_app.components.search_layout import search_page
from mpv_app.pages.common import shell
from mpv_app.state.my_filings import MyFilingsState as S


def _table_or_cards(state: type[S]) -> rx.Component:
    """A table from 768 px, cards below it."""
    return rx.fragment(
        rx.box(results_table(state), class_name="wide-only", width="100%"),
        rx.box(filing_cards(state.rows), class_name="narrow-only", width="100%"),
    )


def my_filings_page() -> rx.Component:
    empty = rx.vstack(
        rx.text("Aún no ha presentado correspondencia."),
        rx.link("Registrar una nueva correspondencia", href=routes.NEW_FILING),
        role="status",
    )
    new_filing = rx.button(
        rx.link(
            rx.icon("file-plus", aria_hidden="true"),
            "Nueva correspondencia",
            href=routes.NEW_FILING,
        ),
        as_child=True,
    )
    return shell(
        gate(
            S.access,
            search_page(
                S, title="Mis trámites", actions=new_filing, empty=empty, table=_table_or_cards
            ),
        )
    )
