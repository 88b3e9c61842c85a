"""Read-only pieces of a filing's detail: its files and its history."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.filing_search import status_badge
from mpv_app.domain.enums import Status
from mpv_app.domain.rows import FileRow, TimelineRow


def files_list(files: rx.Var[list[FileRow]], on_download: object) -> rx.Component:
    def item(file: rx.Var[FileRow]) -> rx.Component:
        return rx.el.li(
            rx.hstack(
                rx.icon("file-text", size=18, aria_hidden="true"),
                rx.vstack(
                    rx.text(file.name, weight="medium", style={"word_break": "break-all"}),
                    rx.text(file.kind, " · ", file.size, size="1", color="#5d6b82"),
                    rx.cond(
                        file.signature != "",
                        rx.text(file.signature, size="1", class_name="signature-line"),
                        rx.fragment(),
                    ),
                    spacing="0",
                    flex="1",
                ),
                rx.button(
                    "Descargar",
                    rx.el.span(" ", file.name, class_name="sr-only"),
                    size="1",
                    variant="soft",
                    on_click=on_download(file.id),  # type: ignore[operator]
                ),
                align="center",
                width="100%",
            ),
            style={"padding": "8px", "border": "1px solid #d0d7e2", "border_radius": "6px"},
        )

    return rx.el.ul(
        rx.foreach(files, item),
        style={"list_style": "none", "padding": "0", "display": "grid", "gap": "8px"},
        aria_label="Archivos",
        width="100%",
    )


def timeline(events: rx.Var[list[TimelineRow]], *, show_actor: rx.Var[bool]) -> rx.Component:
    """An ordered list, oldest first: a screen reader hears it as the history it is."""

    def item(event: rx.Var[TimelineRow]) -> rx.Component:
        return rx.el.li(
            rx.vstack(
                rx.hstack(
                    rx.text(event.when, weight="bold"),
                    rx.text("·", aria_hidden="true"),
                    rx.text(event.event),
                    status_badge(event.status, event.status_code),
                    align="center",
                    wrap="wrap",
                    spacing="2",
                ),
                rx.text("Dependencia: ", event.department, size="2"),
                rx.cond(
                    event.note != "",
                    rx.text(
                        rx.match(
                            event.status_code,
                            (Status.REJECTED.value, "Motivo: "),
                            (Status.OBSERVED.value, "Observaciones: "),
                            "Nota: ",
                        ),
                        event.note,
                        size="2",
                        style={"white_space": "pre-wrap"},
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    show_actor & (event.actor != ""),
                    rx.text("Usuario: ", event.actor, size="1", color="#5d6b82"),
                    rx.fragment(),
                ),
                spacing="1",
            ),
            class_name="timeline-item",
        )

    return rx.el.ol(rx.foreach(events, item), class_name="timeline", aria_label="Historial")
