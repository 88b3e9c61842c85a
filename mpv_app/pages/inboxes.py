"""The staff inboxes: each row opens the filing, where the actions are."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.components.filing_search import search_page
from mpv_app.pages.common import shell
from mpv_app.state.inboxes import DepartmentInboxState, ReceptionInboxState


def _dashboard_link() -> rx.Component:
    return rx.link(
        rx.button("Panel", rx.icon("chart-bar"), variant="outline"), href=routes.DASHBOARD
    )


def reception_inbox_page() -> rx.Component:
    empty = rx.text("No hay correspondencia registrada pendiente de derivar.", role="status")
    return shell(
        gate(
            ReceptionInboxState.access,
            search_page(
                ReceptionInboxState,
                title="Bandeja de Trámite Documentario",
                actions=_dashboard_link(),
                empty=empty,
                intro="Correspondencia en estado Registrada u Observada, de la fecha de "
                "recepción más antigua a la más reciente. Abra un número para derivarla, "
                "observarla o rechazarla; la Observada espera la subsanación del remitente.",
            ),
        )
    )


def department_inbox_page() -> rx.Component:
    empty = rx.text("No hay correspondencia derivada a su dependencia.", role="status")
    return shell(
        gate(
            DepartmentInboxState.access,
            search_page(
                DepartmentInboxState,
                title="Bandeja de la dependencia",
                actions=_dashboard_link(),
                empty=empty,
                intro="Correspondencia derivada a su dependencia, de la fecha de recepción más "
                "antigua a la más reciente. Abra un número para tomarla, atenderla, "
                "rechazarla o derivarla.",
                show_destination=False,
            ),
        )
    )
