"""The staff inboxes: each row opens the filing, where the actions are."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.components.inbox_table import inbox_results
from mpv_app.components.search_layout import search_page
from mpv_app.domain.exports import ExportFormat
from mpv_app.pages.common import shell
from mpv_app.state.inboxes import DepartmentInboxState, ReceptionInboxState


def _actions(state: type[ReceptionInboxState] | type[DepartmentInboxState]) -> rx.Component:
    """Panel, and the current search (filters applied) as a file."""
    return rx.flex(
        rx.button(
            rx.link(rx.icon("chart-bar", aria_hidden="true"), "Panel", href=routes.DASHBOARD),
            variant="outline",
            as_child=True,
        ),
        *[
            rx.button(
                rx.icon("file-down", aria_hidden="true"),
                f"Exportar {fmt.label}",
                on_click=state.export(fmt.value),
                variant="outline",
            )
            for fmt in ExportFormat
        ],
        gap="8px",
        wrap="wrap",
    )


def _inbox_page(
    state: type[ReceptionInboxState] | type[DepartmentInboxState],
    *,
    title: str,
    empty: str,
    intro: str,
    show_destination: bool = True,
) -> rx.Component:
    """An inbox: its search, the export buttons and the compact rows; ``empty`` is what it
    says with nothing in it."""
    return shell(
        gate(
            state.access,
            search_page(
                state,
                title=title,
                actions=_actions(state),
                empty=rx.text(empty, role="status"),
                intro=intro,
                show_destination=show_destination,
                table=inbox_results,
            ),
        )
    )


def reception_inbox_page() -> rx.Component:
    return _inbox_page(
        ReceptionInboxState,
        title="Bandeja de Trámite Documentario",
        empty="No hay correspondencia registrada pendiente de derivar.",
        intro="Correspondencia en estado Registrada u Observada. Primero la Registrada, "
        "de la que lleva más días hábiles en espera a la más reciente; después la "
        "Observada, que espera la subsanación del remitente. Abra un número para "
        "derivarla, observarla o rechazarla.",
    )


def department_inbox_page() -> rx.Component:
    return _inbox_page(
        DepartmentInboxState,
        title="Bandeja de la dependencia",
        empty="No hay correspondencia derivada a su dependencia.",
        intro="Correspondencia derivada a su dependencia. Primero la pendiente "
        "(Registrada o En proceso), de la que lleva más días hábiles en espera a la más "
        "reciente; después la observada y la concluida, la más reciente primero. Abra "
        "un número para tomarla, atenderla, rechazarla o derivarla.",
        show_destination=False,
    )
