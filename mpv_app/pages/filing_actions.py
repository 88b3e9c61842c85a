"""The staff action bar and its dialogs on a filing's detail page."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.components.dialog_uploads import below_zones
from mpv_app.components.forms import form_alert, label, select_field
from mpv_app.components.uploads import annex_field
from mpv_app.domain.enums import AttachmentKind, EventAction
from mpv_app.settings import get_settings
from mpv_app.state.filing_actions import FilingActionsState as A
from mpv_app.state.filing_detail import FilingDetailState as D

# The staff actions in the bar's order; each opens the dialog of the same kind.
BUTTONS = [
    (EventAction.TAKE, "hand", "blue"),
    (EventAction.ATTEND, "circle-check", "green"),
    (EventAction.ROUTE, "forward", "indigo"),
    (EventAction.OBSERVE, "message-square-warning", "orange"),
    (EventAction.REJECT, "circle-x", "red"),
]


def action_bar() -> rx.Component:
    return rx.cond(
        D.actions.length() > 0,
        rx.hstack(
            *[
                rx.cond(
                    D.actions.contains(action.value),
                    rx.button(
                        rx.icon(icon, size=16),
                        action.label,
                        color_scheme=color,
                        on_click=A.open_dialog(action.value),
                    ),
                    rx.fragment(),
                )
                for action, icon, color in BUTTONS
            ],
            spacing="3",
            wrap="wrap",
            aria_label="Acciones",
        ),
        rx.fragment(),
    )


def _textarea(text: str, name: str, *, required: bool) -> rx.Component:
    field_id = f"f-{name}"
    return rx.box(
        label(text, field_id),
        rx.text_area(
            id=field_id,
            name=name,
            required=required,
            rows="4",
            max_length=2000,
            aria_invalid=rx.cond(A.field_errors["note"], "true", "false"),
            aria_describedby=f"{field_id}-error",
            width="100%",
        ),
        rx.el.p(A.field_errors["note"], id=f"{field_id}-error", style={"color": "#b42318"}),
        width="100%",
    )


def _dialog(action: EventAction, title: str, description: str, *body: rx.Component) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title(title),
            rx.dialog.description(description, size="2", margin_bottom="12px"),
            form_alert(A.error),
            *body,
            max_width="560px",
        ),
        open=A.dialog == action.value,
        on_open_change=lambda _open: A.close_dialog(),
    )


def _buttons(submit: str, color: str) -> rx.Component:
    return rx.hstack(
        rx.button(
            "Cancelar", type="button", variant="soft", color_scheme="gray", on_click=A.close_dialog
        ),
        rx.button(submit, type="submit", color_scheme=color, loading=A.busy),
        justify="end",
        spacing="3",
        margin_top="12px",
    )


def take_dialog() -> rx.Component:
    return _dialog(
        EventAction.TAKE,
        "Tomar la correspondencia",
        "Pasará a estado En proceso y el remitente recibirá un aviso por correo.",
        rx.form(_buttons(EventAction.TAKE.label, "blue"), on_submit=lambda _data: A.take()),
    )


def _text_dialog(
    action: EventAction,
    title: str,
    description: str,
    field: tuple[str, str],
    submit: tuple[str, str, Any],
) -> rx.Component:
    """A dialog that asks for one required text: ``field`` is (label, name), ``submit`` the
    button's (verb, colour) and the handler the form goes to."""
    text, name = field
    verb, color, handler = submit
    return _dialog(
        action,
        title,
        description,
        rx.form(
            _textarea(text, name, required=True),
            _buttons(verb, color),
            on_submit=handler,
            reset_on_submit=False,
        ),
    )


def reject_dialog() -> rx.Component:
    return _text_dialog(
        EventAction.REJECT,
        "Rechazar la correspondencia",
        "El remitente recibirá por correo el motivo completo que escriba aquí.",
        ("Motivo del rechazo", "reason"),
        ("Rechazar", "red", A.reject),
    )


def observe_dialog() -> rx.Component:
    """issue 14: one observation, all of it in one text (TUO Ley 27444 art. 136)."""
    return _text_dialog(
        EventAction.OBSERVE,
        "Observar la correspondencia",
        "Escriba todas las observaciones en un solo texto: solo se puede observar una vez. "
        "El remitente las recibirá por correo con el plazo para subsanarlas; mientras tanto "
        "la correspondencia no se deriva ni se atiende.",
        ("Observaciones", "observations"),
        ("Observar", "orange", A.observe),
    )


def route_dialog() -> rx.Component:
    return _dialog(
        EventAction.ROUTE,
        "Derivar la correspondencia",
        "Elija el centro de gestión y la dependencia que la atenderá.",
        rx.form(
            rx.vstack(
                select_field(
                    "Centro de gestión",
                    "center_id",
                    [],
                    options_var=D.center_options,
                    required=True,
                    on_change=A.choose_center,
                ),
                select_field(
                    "Dependencia destino",
                    "department_id",
                    [],
                    options_var=A.department_options,
                    required=True,
                    error=A.field_errors["department_id"],
                ),
                _textarea("Nota (opcional)", "note", required=False),
                width="100%",
            ),
            _buttons("Derivar", "indigo"),
            on_submit=A.route,
            reset_on_submit=False,
        ),
    )


def attend_dialog() -> rx.Component:
    limit = get_settings().max_filing_bytes
    return _dialog(
        EventAction.ATTEND,
        "Atender la correspondencia",
        "Quedará Atendida. El remitente recibirá la respuesta por correo y podrá descargar el "
        "archivo de respuesta, si adjunta uno.",
        rx.form(
            rx.vstack(
                _textarea("Respuesta", "note", required=True),
                annex_field(
                    upload_id="upload-response",
                    label="Archivo de respuesta (opcional)",
                    max_size=limit,
                    handler=A.upload_response,
                    on_rejected=A.client_rejected,
                    error_id="upload-response-error",
                    each_file=(A.file_progress, AttachmentKind.RESPONSE.value),
                ),
                below_zones(
                    transfers=A.transfers,
                    on_cancel=A.cancel_transfer,
                    messages=(A.upload_messages,),
                    error_id="upload-response-error",
                    files=A.responses,
                    on_remove=A.remove_response,
                ),
                width="100%",
            ),
            _buttons("Atender", "green"),
            on_submit=A.attend,
            reset_on_submit=False,
        ),
    )


def action_dialogs() -> rx.Component:
    return rx.fragment(
        take_dialog(), reject_dialog(), route_dialog(), attend_dialog(), observe_dialog()
    )
