"""Verificación de cargo (public)."""

from __future__ import annotations

import reflex as rx

from mpv_app.pages.common import narrow
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
        title="Verificación de cargo",
    )
