"""What follows the drop zones in a dialog that sends files one by one (Subsanar, Atender).

Pure: values and handlers come from the page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from mpv_app.components.upload_transfers import transfer_list
from mpv_app.components.uploads import file_row
from mpv_app.domain.rows import StagedRow, TransferRow


def below_zones(
    *,
    transfers: rx.Var[list[TransferRow]],
    on_cancel: Callable[[rx.Var], Any],
    messages: tuple[rx.Var[list[str]], ...],
    error_id: str,
    files: rx.Var[list[StagedRow]],
    on_remove: Callable[[rx.Var], Any],
) -> rx.Fragment:
    """One bar per file in the air, the refusals (one live region, ``error_id``, the zones'
    ``error_id`` too), then the files staged so far, each with its «Quitar»."""

    def lines(texts: rx.Var[list[str]]) -> rx.Component:
        return rx.foreach(texts, lambda text: rx.text(text, color="#b42318"))

    return rx.fragment(
        transfer_list(transfers, on_cancel),
        rx.el.div(*[lines(m) for m in messages], id=error_id, aria_live="polite"),
        rx.foreach(files, lambda f: file_row(f, on_remove(f["id"]))),
    )
