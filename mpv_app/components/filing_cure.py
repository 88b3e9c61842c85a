"""An Observada filing's panel (observations, deadline) and the sender's "Subsanar" dialog.

Pure: values and handlers come from the page.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.components.dialog_uploads import below_zones
from mpv_app.components.forms import form_alert, label
from mpv_app.components.uploads import annex_field, pdf_field
from mpv_app.domain.enums import AttachmentKind


def observation_panel(
    observation: rx.Var[dict[str, str]], *, can_cure: rx.Var[bool], on_cure: Any
) -> rx.Component:
    return rx.cond(
        observation["deadline"],
        rx.callout.root(
            rx.callout.icon(rx.icon("message-square-warning")),
            rx.vstack(
                rx.heading("Correspondencia observada", as_="h2", size="4"),
                rx.text(
                    "Observaciones:",
                    weight="bold",
                ),
                rx.text(
                    observation["observations"],
                    style={"white_space": "pre-wrap"},
                    id="observations-text",
                ),
                rx.text(
                    "Plazo para subsanar: ",
                    rx.el.strong(observation["deadline"]),
                    ". Mientras esté observada no corre ningún plazo de atención ni se deriva. "
                    "Si no se subsana a tiempo, se tendrá por no presentada.",
                    id="cure-deadline",
                ),
                rx.cond(
                    can_cure,
                    rx.button(
                        rx.icon("file-pen", size=16),
                        "Subsanar",
                        color_scheme="orange",
                        on_click=on_cure,
                    ),
                    rx.fragment(),
                ),
                spacing="2",
                align="start",
            ),
            color_scheme="orange",
            role="region",
            aria_label="Observación",
            width="100%",
        ),
        rx.fragment(),
    )


def cure_dialog(
    *,
    state: Any,
    limit: int,
) -> rx.Component:
    """``state`` is the cure state class: its vars and handlers, nothing else."""
    busy = state.uploading != ""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Subsanar las observaciones"),
            rx.dialog.description(
                "Explique cómo subsana lo observado y, si corresponde, adjunte el documento "
                "principal corregido y los anexos que falten. El total de la correspondencia "
                "no puede superar el límite de tamaño. La correspondencia conserva su número "
                "y su fecha de recepción.",
                size="2",
                margin_bottom="12px",
            ),
            form_alert(state.error),
            rx.form(
                rx.vstack(
                    rx.box(
                        label("Nota de subsanación", "f-cure-note"),
                        rx.text_area(
                            id="f-cure-note",
                            name="note",
                            required=True,
                            rows="4",
                            max_length=2000,
                            aria_invalid=rx.cond(state.field_errors["note"], "true", "false"),
                            aria_describedby="f-cure-note-error",
                            width="100%",
                        ),
                        rx.el.p(
                            state.field_errors["note"],
                            id="f-cure-note-error",
                            style={"color": "#b42318"},
                        ),
                        width="100%",
                    ),
                    pdf_field(
                        upload_id="upload-cure-main",
                        label="Documento principal corregido (opcional)",
                        hint="Un PDF; reemplaza al documento principal presentado.",
                        max_size=limit,
                        handler=state.upload_cure_main,
                        on_rejected=state.main_rejected,
                        error_id="upload-cure-error",
                        each_file=(state.file_progress, AttachmentKind.CURE_MAIN.value),
                    ),
                    annex_field(
                        upload_id="upload-cure-annexes",
                        label="Anexos adicionales (opcional)",
                        max_size=limit,
                        handler=state.upload_cure_annexes,
                        on_rejected=state.annex_rejected,
                        error_id="upload-cure-error",
                        each_file=(state.file_progress, AttachmentKind.CURE_ANNEX.value),
                    ),
                    below_zones(
                        transfers=state.transfers,
                        on_cancel=state.cancel_transfer,
                        messages=(state.messages, state.field_errors.values()),
                        error_id="upload-cure-error",
                        files=state.files,
                        on_remove=state.remove_file,
                    ),
                    width="100%",
                ),
                rx.hstack(
                    rx.button(
                        "Cancelar",
                        type="button",
                        variant="soft",
                        color_scheme="gray",
                        on_click=state.close_cure,
                    ),
                    rx.button(
                        "Enviar subsanación",
                        type="submit",
                        color_scheme="orange",
                        loading=state.busy,
                        disabled=busy,
                    ),
                    justify="end",
                    spacing="3",
                    margin_top="12px",
                ),
                on_submit=state.submit,
                reset_on_submit=False,
            ),
            max_width="600px",
        ),
        open=state.open,
        on_open_change=lambda _open: state.close_cure(),
    )
