"""The confirmation window after «Guardar correspondencia»: the number, the dates, the cargo.

Pure: values and handlers come from the page. Escape, a click outside and ``on_close`` close
it; each action is one tab stop (links styled as buttons through ``as_child``).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app import routes


def confirmation_dialog(
    *,
    number: rx.Var[str],
    submitted: rx.Var[str],
    received: rx.Var[str],
    destination: rx.Var[str],
    reception_note: rx.Var[str],
    on_download: Any,
    on_close: Any,
) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Correspondencia registrada"),
            rx.vstack(
                rx.text("Número de trámite"),
                rx.heading(number, as_="p", size="7", id="tracking-number"),
                rx.text("Fecha y hora de envío: ", rx.text.strong(submitted), " (hora de Lima)"),
                rx.text("Fecha de recepción: ", rx.text.strong(received)),
                rx.text("Destino: ", destination),
                rx.text(
                    reception_note, " El registro no implica conformidad ni aceptación.", size="2"
                ),
                rx.text("Le enviamos esta información a su correo.", size="2"),
                rx.hstack(
                    rx.button("Descargar cargo", on_click=on_download),
                    rx.button(
                        rx.link("Ir a mis trámites", href=routes.MY_FILINGS),
                        variant="soft",
                        as_child=True,
                    ),
                    rx.button(
                        rx.link("Registrar otra", href=routes.NEW_FILING),
                        variant="outline",
                        as_child=True,
                    ),
                    wrap="wrap",
                ),
                spacing="2",
            ),
        ),
        open=number != "",
        on_open_change=on_close,
    )
