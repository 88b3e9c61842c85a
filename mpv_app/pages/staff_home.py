"""Staff landing pages, rendered only for their role (403 for everyone else)."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.pages.common import shell
from mpv_app.state.staff_home import DepartmentHomeState, ReceptionHomeState


def _count_card(text: str, value: rx.Var[int]) -> rx.Component:
    return rx.card(rx.text(text), rx.heading(value, as_="p", size="8"), max_width="360px")


def reception_page() -> rx.Component:
    return shell(
        gate(
            ReceptionHomeState.access,
            rx.vstack(
                rx.heading("Bandeja de Trámite Documentario", as_="h1", size="7"),
                _count_card("Correspondencia registrada por atender", ReceptionHomeState.pending),
                spacing="4",
            ),
        )
    )


def department_page() -> rx.Component:
    return shell(
        gate(
            DepartmentHomeState.access,
            rx.vstack(
                rx.heading("Bandeja de la dependencia", as_="h1", size="7"),
                _count_card("Correspondencia derivada por tomar", DepartmentHomeState.pending),
                spacing="4",
            ),
        )
    )
