"""Files in the air, one bar each: what every upload zone that sends files one by one shares.

The browser sends each dropped file in its own request (``components.upload_transfers``),
named by a slot; these handlers keep one bar per slot, drop it when its request ends or is
cancelled, and join the messages of one drop's files instead of letting each replace the last.
"""

from __future__ import annotations

import re
from typing import Any

import reflex as rx

from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.rows import TransferRow
from mpv_app.settings import get_settings

# A slot names one file's own upload request (the browser makes it: zone, time, index).
SLOT = re.compile(r"^[a-z-]{1,20}-[a-z0-9]{1,16}-\d{1,3}$")
MAX_TRANSFERS = 50


def valid_slot(slot: object) -> str:
    """The slot a request names, or "" (a whole drop in one request, or anything forged)."""
    return slot if isinstance(slot, str) and SLOT.match(slot) else ""


def _kind_label(kind: object) -> str:
    try:
        return AttachmentKind(kind).label
    except ValueError:
        return AttachmentKind.ANNEX.label


class TransfersMixin(rx.State, mixin=True):
    transfers: list[TransferRow] = []  # one per file in the air
    in_flight: int = 0  # bytes the files in the air have sent so far
    _loaded: dict[str, int] = {}
    _ended: list[str] = []
    _drops: dict[str, str] = {}  # per zone, the drop its upload messages are about

    def _reset_transfers(self) -> None:
        self.transfers, self._loaded, self._ended, self._drops = [], {}, [], {}
        self.in_flight = 0

    @rx.event
    def file_progress(self, slot: str, name: str, kind: str, progress: dict[str, Any]) -> None:
        """One file's own bar; ``in_flight`` counts what every file in the air has sent."""
        if not valid_slot(slot) or slot in self._ended:
            return
        if not isinstance(progress, dict) or not isinstance(name, str):
            return
        fraction, loaded = progress.get("progress"), progress.get("loaded")
        percent = round(fraction * 100) if isinstance(fraction, int | float) else 0
        entry = TransferRow(
            slot=slot,
            name=name[:255],
            percent=str(max(0, min(100, percent))),
            kind_label=_kind_label(kind),
        )
        if any(t.slot == slot for t in self.transfers):
            self.transfers = [entry if t.slot == slot else t for t in self.transfers]
        elif len(self.transfers) < MAX_TRANSFERS:
            self.transfers = [*self.transfers, entry]
        else:
            return
        if isinstance(loaded, int) and 0 <= loaded <= get_settings().max_filing_bytes:
            self._loaded = {**self._loaded, slot: loaded}
            self.in_flight = min(sum(self._loaded.values()), get_settings().max_filing_bytes)

    @rx.event
    def cancel_transfer(self, slot: str) -> None:
        """The browser aborted this file's request; its bar goes, its bytes leave the count."""
        if valid_slot(slot):
            self._end(slot)

    def _end(self, slot: str) -> None:
        self._ended = [*self._ended[-MAX_TRANSFERS:], slot]
        self.transfers = [t for t in self.transfers if t.slot != slot]
        self._loaded = {k: v for k, v in self._loaded.items() if k != slot}
        self.in_flight = sum(self._loaded.values())

    def _joined(self, zone: str, slot: str, shown: list[str], messages: list[str]) -> list[str]:
        """One file of a drop: the first to end replaces what ``zone`` showed, the rest join."""
        drop = slot.rpartition("-")[0]
        same = self._drops.get(zone) == drop
        self._drops = {**self._drops, zone: drop}
        kept = shown if same else []
        return [*kept, *(m for m in messages if m not in kept)]
