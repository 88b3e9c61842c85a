"""The "Archivos" section pieces: drop zones, the size meter and the staged file list."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.vars import ArrayVar, ObjectVar
from reflex_base.event import parse_args_spec
from reflex_components_core.core.upload import _on_drop_spec

from mpv_app.components.upload_transfers import each_file_on_its_own
from mpv_app.domain.files import ANNEX_HINT, BROWSER_ACCEPT_ANNEX, BROWSER_ACCEPT_MAIN
from mpv_app.domain.rows import StagedRow

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


def _spread_with(component: rx.Component, props: dict[str, Any]) -> None:
    """Hand ``props`` to react-dropzone's ``getRootProps``/``getInputProps`` call.

    Reflex spreads those calls after the element's own props, so a ``role`` set on the zone
    is overwritten by the library's ``role="presentation"``; the library merges what it is
    given instead, which is how the zone becomes a named button and the input gets its label.
    """
    (spread,) = component.special_props
    call = spread._js_expr.removesuffix("()")
    component.special_props = [
        rx.Var(_js_expr=f"{call}({json.dumps(props)})", _var_data=spread._get_all_var_data())
    ]


def _accessible(upload: rx.Component, *, upload_id: str, error_id: str) -> rx.Component:
    zone = upload.children[0]
    file_input = zone.children[0]
    names = f"{upload_id}-label {upload_id}-action"
    _spread_with(zone, {"role": "button", "aria-labelledby": names, "aria-describedby": error_id})
    # The zone is the control people reach; the input stays out of the accessibility tree
    # (a focusable input inside a button is two nested controls) yet keeps its label.
    _spread_with(
        file_input,
        {
            "aria-labelledby": f"{upload_id}-label",
            "id": f"{upload_id}-input",
            "style": {"display": "none"},
        },
    )
    return upload


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
    busy: rx.Var[bool] | bool,
    progress: rx.Var[int] | int,
    error_id: str,
) -> rx.Component:
    return rx.box(
        rx.el.p(label, class_name="field-label", id=f"{upload_id}-label"),
        rx.el.p(hint, class_name="field-hint"),
        _accessible(
            rx.upload.root(
                rx.vstack(
                    rx.icon("upload", size=24, aria_hidden="true"),
                    rx.text(
                        "Arrastre ",
                        "los archivos" if multiple else "el archivo",
                        " aquí o ",
                        rx.el.span("selecciónelo" + ("s" if multiple else ""), class_name="u"),
                        id=f"{upload_id}-action",
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
                # Until the page's on_load has read the staged files, a file dropped would go
                # up beside that read, and the list it brings back would leave the file out.
                disabled=~rx.State.is_hydrated,
                aria_disabled=~rx.State.is_hydrated,
                class_name="drop-zone",
            ),
            upload_id=upload_id,
            error_id=error_id,
        ),
        rx.fragment()
        if busy is False
        else rx.cond(
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


def file_row(file: rx.Var[StagedRow], on_remove: object) -> rx.Component:
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


def upload_field(
    *,
    upload_id: str,
    label: str,
    hint: str,
    multiple: bool,
    accept: dict[str, list[str]],
    max_size: int,
    handler: Any,
    on_rejected: Callable[[rx.Var], Any],
    error_id: str,
    busy: rx.Var[bool] | bool = False,
    progress: rx.Var[int] | int = 0,
    on_progress: Any = None,
    messages: rx.Var[list[str]] | None = None,
    below: rx.Component | None = None,
    each_file: tuple[Any, str] | None = None,
) -> rx.Component:
    """One drop zone as every form has it: the zone streaming to ``handler`` (chunks, with
    ``on_progress``), then ``below`` (a field error, a notice), then its refusals.

    ``each_file`` = (file progress handler, kind) sends each dropped file
    in its own request instead (see ``each_file_on_its_own``); its bars are ``transfer_list``'s,
    so ``busy`` and ``progress`` are left out."""
    if each_file is not None:
        file_progress, kind = each_file
        # The dropped files, as the zone's on_drop callback names its argument.
        dropped = parse_args_spec(_on_drop_spec)[0][0]
        drop: Any = each_file_on_its_own(
            dropped,
            handler=handler,
            on_progress=file_progress,
            kind=kind,
            zone=upload_id,
        )
    else:
        drop = handler(rx.upload_files_chunk(upload_id=upload_id, on_upload_progress=on_progress))
    return rx.vstack(
        drop_zone(
            upload_id=upload_id,
            label=label,
            hint=hint,
            multiple=multiple,
            accept=accept,
            max_size=max_size,
            on_drop=drop,
            on_drop_rejected=on_rejected,
            busy=busy,
            progress=progress,
            error_id=error_id,
        ),
        below if below is not None else rx.fragment(),
        upload_alerts(messages, zone_id=upload_id) if messages is not None else rx.fragment(),
        width="100%",
        spacing="2",
    )


def pdf_field(*, max_size: int, **field: Any) -> rx.Component:
    """A drop zone for the one PDF of a principal document (``upload_field``'s other keywords)."""
    return upload_field(multiple=False, accept=PDF, max_size=max_size, **field)


def annex_field(*, max_size: int, hint: str = ANNEX_HINT, **field: Any) -> rx.Component:
    """A drop zone for annexes: several files of the accepted types, the types said below it."""
    return upload_field(multiple=True, accept=ANNEX_TYPES, max_size=max_size, hint=hint, **field)


def staged_list(files: rx.Var[list[StagedRow]], on_remove: Callable[[rx.Var], Any]) -> rx.Component:
    """The files staged so far, each with its «Quitar»."""
    return rx.vstack(
        rx.foreach(files, lambda f: file_row(f, on_remove(f["id"]))),
        width="100%",
        id="staged-files",
    )
