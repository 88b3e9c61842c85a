"""The cargo's machine-readable summary: number, code, dates and file hashes in /Keywords.

``/verificar`` (``selectors.cargo_check``) reads it back from an uploaded cargo and compares it
with the record; the institution's signature covers it like every other byte of the cargo.
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mpv_app.receipts.cargo import ReceiptData

__all__ = ["CARGO_MARK", "summary_keywords"]


CARGO_MARK = "MPV-CARGO-1 "


def summary_keywords(data: ReceiptData) -> str:
    """What /verificar compares with the record: the cargo's facts, machine-readable, covered
    by the institution's signature like every other byte of the cargo."""
    summary = {
        "numero": data.tracking_number,
        "codigo": data.verification_code,
        "envio": data.submitted_at.astimezone(UTC).isoformat(),
        "recepcion": data.received_on.isoformat(),
        "sha256": [item.sha256.lower() for item in data.files],
    }
    return CARGO_MARK + json.dumps(summary, separators=(",", ":"), sort_keys=True)
