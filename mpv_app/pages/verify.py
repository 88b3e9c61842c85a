"""Verificación de cargo (public)."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.uploads import PDF, upload_field
from mpv_app.pages.common import narrow
from mpv_app.state.cargo_check import CargoCheckState as C
from mpv_app.state.verify import VerifyState


def verify_page() -> rx.Component:
    genuine = rx.vstack(
        rx.callout(
            "Cargo auténtico: corresponde a una correspondencia registrada en la Mesa de "
            "Partes Virtual de PETROPERÚ.",
            icon="badge-check",
            color_scheme="green",
            role="status",
        ),
        rx.el.dl(
            rx.el.dt("Número de trámite", class_name="field-label"),
            rx.el.dd(VerifyState.tracking_number, id="verified-number"),
            rx.el.dt("Fecha y hora de envío", class_name="field-label"),
            rx.el.dd(VerifyState.submitted, " (hora de Lima)"),
            rx.el.dt("Fecha de recepción", class_name="field-label"),
            rx.el.dd(VerifyState.received),
            rx.el.dt("Estado", class_name="field-label"),
            rx.el.dd(VerifyState.status_label, id="verified-status"),
        ),
    )
    unknown = rx.callout(
        "No encontramos un cargo con ese código. Revise que lo haya copiado completo.",
        icon="triangle-alert",
        color_scheme="red",
        role="alert",
    )
    return narrow(
        rx.match(
            VerifyState.outcome,
            ("genuine", genuine),
            ("unknown", unknown),
            rx.hstack(rx.spinner(), rx.text("Verificando…"), role="status"),
        ),
        rx.text(
            "¿Tiene el PDF del cargo? ",
            rx.link("Verifique el archivo", href=routes.VERIFY_CARGO),
            ": comprobamos su firma digital y que coincida con el registro.",
        ),
        title="Verificación de cargo",
    )


_OUTCOMES = {
    "genuine": (
        "green",
        "badge-check",
        "Cargo auténtico: la firma digital de PETROPERÚ es válida y el cargo coincide con el "
        "registro de la Mesa de Partes Virtual.",
    ),
    "altered": (
        "red",
        "triangle-alert",
        "Cargo alterado: el archivo fue modificado después de firmarse, o no lo firmó "
        "PETROPERÚ. No lo acepte como constancia.",
    ),
    "mismatch": (
        "red",
        "triangle-alert",
        "El cargo está firmado, pero sus datos no coinciden con el registro.",
    ),
    "unknown": (
        "red",
        "triangle-alert",
        "No encontramos en el registro la correspondencia de este cargo.",
    ),
    "unreadable": (
        "red",
        "triangle-alert",
        "El archivo no es un cargo de la Mesa de Partes Virtual de PETROPERÚ.",
    ),
}


def _check_row(item: rx.Var[tuple[str, bool]]) -> rx.Component:
    return rx.el.li(
        rx.hstack(
            rx.cond(
                item[1],
                rx.icon("circle-check", color="#067647", aria_label="Sí"),
                rx.icon("circle-x", color="#b42318", aria_label="No"),
            ),
            rx.text(item[0]),
            align="center",
        )
    )


def _result() -> rx.Component:
    return rx.vstack(
        rx.match(
            C.outcome,
            *[
                (
                    code,
                    rx.callout(
                        text, icon=icon, color_scheme=color, role="status", id="cargo-verdict"
                    ),
                )
                for code, (color, icon, text) in _OUTCOMES.items()
            ],
            ("checking", rx.hstack(rx.spinner(), rx.text("Verificando…"), role="status")),
            (
                "error",
                rx.callout(C.message, icon="triangle-alert", color_scheme="red", role="alert"),
            ),
            rx.fragment(),
        ),
        rx.cond(
            C.number != "",
            rx.text("Número de trámite del cargo: ", rx.el.strong(C.number)),
            rx.fragment(),
        ),
        rx.el.ul(
            rx.foreach(C.checks, _check_row),
            aria_label="Comprobaciones",
            style={"list_style": "none", "padding": "0"},
        ),
        width="100%",
    )


def verify_cargo_page() -> rx.Component:
    return narrow(
        rx.text(
            "Suba el cargo de recepción en PDF que recibió por correo o descargó de la Mesa de "
            "Partes Virtual. Comprobamos la firma digital de PETROPERÚ y que el número, las "
            "fechas y los archivos que lista coincidan con el registro. No guardamos el "
            "archivo ni mostramos datos que el cargo no contenga."
        ),
        upload_field(
            upload_id="upload-cargo",
            label="Cargo de recepción (PDF)",
            hint="Un archivo PDF.",
            multiple=False,
            accept=PDF,
            max_size=5 * 1024 * 1024,
            handler=C.upload_cargo,
            on_rejected=C.client_rejected,
            busy=C.outcome == "checking",
            progress=100,
            error_id="cargo-verdict",
        ),
        _result(),
        title="Verificación de cargo",
    )
