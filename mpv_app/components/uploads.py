"""The "Archivos" section pieces: drop zones, the size meter and the staged file list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar

from mpv_app.domain.files import BROWSER_ACCEPT_ANNEX, BROWSER_ACCEPT_MAIN

METER_COLORS = {"ok": "green", "warning": "amber", "full": "red"}
# What the browser offers to pick, from domain.files; the server decides by content.
PDF = BROWSER_ACCEPT_MAIN
ANNEX_TYPES = BROWSER_ACCEPT_ANNEX


def _refusal_lines(rejected: rx.Var) -> rx.Var:
    """In the browser: each rejection becomes "codes|size|name"; the file's bytes stay there."""

    def line(rejection: ObjectVar[dict[str, Any]]) -> rx.Var:
        rejection = rejection.to(ObjectVar, dict[str, dict[str, Any]])
        file = rejection["file"].to(ObjectVar, dict[str, Any])
        errors = rejection["errors"].to(ArrayVar, list[dict[str, Any]])
        codes = errors.map(lambda error: error["code"]).join(",")
        return rx.Var.create(f"{codes}|{file['size']}|{file['name']}")

    return rejected.to(ArrayVar, list[dict[str, Any]]).map(line)


def drop_zone(
    *,
    upload_id: str,
    label: str,
    hint: str,
    multiple: bool,
    accept: dict[str, list[str]],
    max_size: int,
    on_drop: rx.EventChain | object,
    on_drop_rejected: Callable[[rx.Var], Any],
    busy: rx.Var[bool],
    progress: rx.Var[int],
    error_id: str,
) -> rx.Component:
    return rx.box(
        rx.el.p(label, class_name="field-label", id=f"{upload_id}-label"),
        rx.el.p(hint, class_name="field-hint"),
        rx.upload.root(
            rx.vstack(
                rx.icon("upload", size=24, aria_hidden="true"),
                rx.text(
                    "Arrastre el archivo aquí o ",
                    rx.el.span("selecciónelo", style={"text_decoration": "underline"}),
                ),
                align="center",
                spacing="1",
            ),
            id=upload_id,
            multiple=multiple,
            max_files=0 if multiple else 1,
            accept=accept,
            max_size=max_size,
            on_drop=on_drop,
            on_drop_rejected=lambda rejected: on_drop_rejected(_refusal_lines(rejected)),
            aria_labelledby=f"{upload_id}-label",
            aria_describedby=error_id,
            class_name="drop-zone",
        ),
        rx.cond(
            busy,
            rx.vstack(
                rx.text("Subiendo… ", progress, " %", size="2", role="status"),
                rx.progress(value=progress, max=100, width="100%"),
                width="100%",
                spacing="1",
                margin_top="2",
            ),
            rx.fragment(),
        ),
        width="100%",
    )


def size_meter(text: rx.Var[str], percent: rx.Var[int], level: rx.Var[str]) -> rx.Component:
    return rx.box(
        rx.hstack(
            rx.text("Tamaño total", weight="bold"),
            rx.text(text, id="size-meter-text", aria_live="polite"),
            justify="between",
            width="100%",
        ),
        rx.progress(
            value=percent,
            max=100,
            color_scheme=rx.match(level, ("warning", "amber"), ("full", "red"), "green"),
            aria_label="Tamaño total de los archivos",
            width="100%",
        ),
        rx.cond(
            level == "warning",
            rx.text("Está cerca del límite permitido.", size="2", color="#b54708"),
            rx.fragment(),
        ),
        width="100%",
        data_level=level,
        id="size-meter",
    )


def file_row(file: rx.Var[dict[str, str]], on_remove: object) -> rx.Component:
    return rx.hstack(
        rx.icon("file-text", size=18, aria_hidden="true"),
        rx.vstack(
            rx.text(file["name"], weight="medium", style={"word_break": "break-all"}),
            rx.text(file["kind_label"], " · ", file["size"], " ", file["pages"], size="1"),
            spacing="0",
            flex="1",
        ),
        rx.button(
            "Quitar",
            rx.el.span(" ", file["name"], class_name="sr-only"),
            type="button",
            variant="soft",
            color_scheme="red",
            size="1",
            on_click=on_remove,
        ),
        width="100%",
        align="center",
        padding="8px",
        border="1px solid #d0d7e2",
        border_radius="6px",
        class_name="staged-file",
    )


def invoice_notice(summary_text: rx.Var[str], notes: rx.Var[list[str]]) -> rx.Component:
    """What the desk read from an XML annex: the comprobante, or why it stays a plain annex."""
    return rx.fragment(
        rx.cond(
            summary_text != "",
            rx.callout(
                summary_text,
                icon="receipt",
                color_scheme="blue",
                id="invoice-summary",
                role="status",
            ),
        ),
        rx.foreach(
            notes,
            lambda note: rx.callout(note, icon="info", color_scheme="amber", role="status"),
        ),
    )


def upload_alerts(messages: rx.Var[list[str]], *, zone_id: str) -> rx.Component:
    """The refusals of one drop zone, right under it (``{zone_id}-messages``)."""

    def alert(message: rx.Var[str]) -> rx.Component:
        return rx.callout(message, icon="triangle-alert", color_scheme="red", role="alert")

    return rx.vstack(rx.foreach(messages, alert), id=f"{zone_id}-messages", width="100%")
