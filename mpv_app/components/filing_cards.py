"""Below 768 px a result is a card, not a table row: número, estado, fecha de envío, asunto.

A pure function of one row of the search (``FilingSearchMixin.rows``), read by attribute.
"""

from __future__ import annotations

import reflex as rx

from mpv_app.components.filing_search import status_badge
from mpv_app.domain.rows import FilingRow


def filing_card(row: rx.Var[FilingRow], *, link_label: str = "Ver detalle") -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.link(
                row.number,
                rx.el.span(" — ", link_label, class_name="sr-only"),
                href=row.href,
                weight="bold",
            ),
            status_badge(row.status, row.status_code),
            justify="between",
            align="center",
            wrap="wrap",
            width="100%",
        ),
        rx.text("Enviada el ", row.submitted, size="2", color="#3b4a63"),
        rx.text(row.subject, style={"overflow_wrap": "anywhere"}),
        class_name="filing-card",
    )


def filing_cards(rows: rx.Var[list[FilingRow]]) -> rx.Component:
    return rx.el.ul(
        rx.foreach(rows, filing_card),
        aria_label="Resultados",
        class_name="filing-cards",
    )
