"""Several files dropped at once, each in its own upload request: its own bar, its own cancel.

Reflex reports progress, and aborts, per request (``rx.upload_files_chunk``'s
``on_upload_progress``, the ``__upload_controllers_<id>`` ref ``rx.cancel_upload`` aborts), so
a drop is split in the browser into one request per file, each with its own upload id.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex_base.utils import format
from reflex_base.vars import VarData

from mpv_app.domain.rows import TransferRow


def _events_var(js: str) -> rx.Var:
    """A browser-side function over Reflex's event queue (``addEvents``, ``ReflexEvent``)."""
    return rx.Var(
        _js_expr=js,
        _var_data=VarData(
            imports={
                "$/utils/context": ["addEvents"],
                "$/utils/state": ["ReflexEvent", "refs"],
            }
        ),
    )


def each_file_on_its_own(
    files: rx.Var, *, handler: Any, on_progress: Any, kind: str, zone: str
) -> Any:
    """Send every dropped file in its own upload request, so each has its own bar and its own
    cancel (Reflex reports progress, and aborts, per request). The handler gets ``slot``,
    the name of the file's request; ``on_progress`` gets slot, name, kind and the progress."""
    upload, progress = (format.format_event_handler(h) for h in (handler, on_progress))
    js = f"""(() => {{
        const drop = Date.now().toString(36);
        Array.from({files} ?? []).forEach((file, index) => {{
            const slot = {json.dumps(zone)} + "-" + drop + "-" + index;
            const report = (prog) => addEvents([ReflexEvent({json.dumps(progress)},
                {{slot, name: file.name, kind: {json.dumps(kind)}, progress: prog}}, {{}})],
                [prog], {{}});
            report({{loaded: 0, total: file.size, progress: 0}});
            addEvents([ReflexEvent({json.dumps(upload)}, {{files: [file],
                upload_param_name: "chunks", upload_id: slot, extra_headers: {{}}, slot,
                __reflex_event_arg_names: ["slot"], on_upload_progress: report}}, {{}},
                "uploadFiles")], [], {{}});
        }});
    }})"""
    return rx.call_function(_events_var(js))


def cancel_upload_of(slot: rx.Var[str]) -> Any:
    """Abort one file's request in the browser (``rx.cancel_upload`` wants a fixed id)."""
    return rx.call_function(_events_var(f"(() => refs['__upload_controllers_' + {slot}]?.abort())"))


def _number(text: rx.Var) -> rx.Var[int]:
    """The bar wants a number; the row keeps its percent as text."""
    return rx.Var(_js_expr=f"Number({text})", _var_type=int, _var_data=text._get_all_var_data())


def transfer_list(
    transfers: rx.Var[list[TransferRow]], on_cancel: Callable[[rx.Var], Any]
) -> rx.Component:
    """One bar per file in the air, each with its «Cancelar»."""

    def row(transfer: rx.Var[TransferRow]) -> rx.Component:
        name = transfer["name"]
        return rx.hstack(
            rx.vstack(
                rx.text(
                    "Subiendo «",
                    name,
                    "» (",
                    transfer["kind_label"],
                    "): ",
                    transfer["percent"],
                    " %",
                    size="2",
                    style={"overflow_wrap": "anywhere"},
                ),
                rx.progress(
                    value=_number(transfer["percent"]),
                    max=100,
                    width="100%",
                    aria_label="Subiendo " + name.to(str),
                ),
                spacing="1",
                flex="1",
            ),
            rx.button(
                "Cancelar",
                rx.el.span(" ", name, class_name="sr-only"),
                type="button",
                variant="soft",
                color_scheme="red",
                size="1",
                on_click=[cancel_upload_of(transfer["slot"]), on_cancel(transfer["slot"])],
            ),
            align="center",
            width="100%",
            class_name="transfer",
        )

    return rx.vstack(
        rx.foreach(transfers, row), width="100%", id="transfers", role="status", spacing="2"
    )
