"""Nueva correspondencia: Remitente (read-only), Correspondencia, Archivos, then the receipt."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.filing_done import confirmation_dialog
from mpv_app.components.forms import form_alert, kept_form, label, select_field, text_field
from mpv_app.components.tables import key_value_list
from mpv_app.components.upload_transfers import transfer_list
from mpv_app.components.uploads import (
    annex_field,
    invoice_notice,
    pdf_field,
    size_meter,
    staged_list,
)
from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.files import ANNEX_HINT
from mpv_app.pages.common import shell
from mpv_app.settings import get_settings
from mpv_app.state.filing import FilingState
from mpv_app.state.filing_files import FilingFilesState
from mpv_app.state.site import SiteState


def _err(name: str) -> rx.Var[str]:
    return FilingState.errors[name]


def _saved_on_blur(field: str):  # type: ignore[no-untyped-def]
    return lambda value: FilingState.set_value(field, value)


def _draft_field(label: str, name: str, **more: Any) -> rx.Component:
    """A text field that starts from the saved draft and saves it again when left."""
    return text_field(
        label,
        name,
        error=_err(name),
        default_value=FilingState.values[name],
        on_blur=_saved_on_blur(name),
        **more,
    )


def section(title: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.heading(title, as_="h2", size="5", margin_bottom="3"),
        *children,
        style={"border": "1px solid #d0d7e2", "border_radius": "8px", "padding": "16px"},
        width="100%",
    )


def destination_fields() -> rx.Component:
    switch = rx.hstack(
        rx.switch(
            id="f-knows_destination",
            checked=FilingState.knows_destination,
            on_change=FilingState.set_knows_destination,
        ),
        label("Conozco el lugar de destino", "f-knows_destination"),
        align="center",
        spacing="3",
    )
    chosen = rx.vstack(
        select_field(
            "Centro de gestión",
            "center_id",
            [],
            error=_err("center_id"),
            value=FilingState.center_id,
            on_change=FilingState.choose_center,
            options_var=FilingState.centers,
        ),
        select_field(
            "Dependencia destino",
            "department_id",
            [],
            error=_err("department_id"),
            value=FilingState.department_id,
            on_change=FilingState.choose_department,
            options_var=FilingState.departments,
        ),
        width="100%",
    )
    default = rx.text(
        "Destino: ", rx.text.strong(FilingState.reception_text), id="default-destination"
    )
    return rx.vstack(switch, rx.cond(FilingState.knows_destination, chosen, default), width="100%")


def correspondence_section() -> rx.Component:
    return section(
        "Correspondencia",
        rx.vstack(
            _draft_field("Asunto", "subject", max_length=500),
            select_field(
                "Tipo de correspondencia",
                "document_type_id",
                [],
                error=_err("document_type_id"),
                default_value=FilingState.values["document_type_id"],
                on_change=_saved_on_blur("document_type_id"),
                options_var=FilingState.document_types,
            ),
            rx.grid(
                _draft_field("Nº Documento", "document_number"),
                _draft_field("Fecha Documento", "document_date", input_type="date"),
                _draft_field("Nº de páginas", "page_count", input_type="number", min=1),
                columns=rx.breakpoints(initial="1", sm="3"),
                gap="12px",
                width="100%",
            ),
            _draft_field("Observación", "notes", hint="Opcional."),
            destination_fields(),
            width="100%",
            spacing="3",
        ),
    )


def files_section() -> rx.Component:
    limit = get_settings().max_filing_bytes
    return section(
        "Archivos",
        rx.vstack(
            pdf_field(
                upload_id="upload-main",
                label="Documento principal",
                hint="Un solo archivo PDF, sin contraseña.",
                max_size=limit,
                handler=FilingFilesState.upload_main,
                on_rejected=FilingFilesState.main_rejected,
                error_id="f-main_file-error",
                below=_field_error("main_file"),
                messages=FilingFilesState.main_messages,
                each_file=(FilingFilesState.file_progress, AttachmentKind.MAIN.value),
            ),
            annex_field(
                upload_id="upload-annexes",
                label="Anexos",
                hint=f"Opcional. {ANNEX_HINT}",
                max_size=limit,
                handler=FilingFilesState.upload_annexes,
                on_rejected=FilingFilesState.annex_rejected,
                error_id="f-annexes-error",
                below=rx.fragment(
                    _field_error("annexes"),
                    invoice_notice(
                        FilingFilesState.invoice_summary, FilingFilesState.invoice_notes
                    ),
                ),
                messages=FilingFilesState.annex_messages,
                each_file=(FilingFilesState.file_progress, AttachmentKind.ANNEX.value),
            ),
            transfer_list(FilingFilesState.transfers, FilingFilesState.cancel_transfer),
            size_meter(
                FilingFilesState.meter, FilingFilesState.meter_percent, FilingFilesState.meter_level
            ),
            staged_list(FilingFilesState.files, FilingFilesState.remove),
            width="100%",
            spacing="3",
        ),
    )


def _field_error(name: str) -> rx.Component:
    return rx.el.p(_err(name), id=f"f-{name}-error", style={"color": "#b42318"})


def page_count_dialog() -> rx.Component:
    return rx.cond(
        FilingState.mismatch,
        rx.callout(
            rx.vstack(
                rx.text(FilingState.mismatch),
                rx.hstack(
                    rx.button(
                        "Confirmar y guardar",
                        type="button",
                        on_click=FilingState.confirm_and_submit,
                    ),
                    rx.button(
                        "Corregir",
                        type="button",
                        variant="soft",
                        on_click=FilingState.fix_page_count,
                    ),
                ),
            ),
            icon="info",
            color_scheme="amber",
            role="alert",
        ),
        rx.fragment(),
    )


def _confirmation() -> rx.Component:
    return confirmation_dialog(
        number=FilingState.done_number,
        submitted=FilingState.done_submitted,
        received=FilingState.done_received,
        destination=FilingState.done_destination,
        reception_note=SiteState.reception_note,
        on_download=FilingState.download_receipt,
        on_close=FilingState.close_done,
    )


def new_filing_page() -> rx.Component:
    form = kept_form(
        rx.vstack(
            section("Remitente", key_value_list(FilingState.profile)),
            correspondence_section(),
            files_section(),
            form_alert(FilingState.form_error),
            page_count_dialog(),
            rx.button(
                "Guardar correspondencia",
                type="submit",
                size="3",
                loading=FilingState.submitting,
                disabled=FilingState.submitting
                | (FilingFilesState.uploading != "")
                | (FilingFilesState.transfers.length() > 0),
            ),
            spacing="4",
            width="100%",
        ),
        on_submit=FilingState.submit,
        aria_label="Nueva correspondencia",
        key=FilingState.form_key,  # a new key after saving remounts the fields empty
    )
    return shell(
        gate(
            FilingState.access,
            rx.vstack(
                rx.heading("Nueva correspondencia", as_="h1", size="7"),
                rx.text(
                    "Todos los campos son obligatorios, salvo los marcados como opcionales.",
                    size="2",
                ),
                form,
                _confirmation(),
                spacing="3",
                width="100%",
                max_width="820px",
            ),
        )
    )
