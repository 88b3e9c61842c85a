"""What a cargo prints, resolved to display strings by the caller (``selectors.receipts``):
rendering (``receipts.cargo``) then needs no database, and the same data renders the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

_RECEPTION_NOTE = (
    "Lo presentado fuera del horario de atención se considera recibido el siguiente día hábil."
)


@dataclass(frozen=True)
class ReceiptFile:
    """One stored file as the sender will see it listed on the cargo."""

    name: str
    kind_label: str  # "Documento principal" / "Anexo"
    size_bytes: int
    sha256: str
    signature: str = ""  # "Firmado digitalmente por … (válida)", "Sin firma digital", or ""


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on a cargo, already resolved to display strings by the caller, so
    rendering needs no database and the same data always renders the same bytes."""

    tracking_number: str
    verification_code: str
    verify_url: str
    sender_name: str
    sender_document: str  # e.g. "DNI 45678901" / "RUC 20100128218"
    sender_email: str
    subject: str
    document_type: str
    document_number: str
    document_date: date
    page_count: int
    destination: str
    submitted_at: datetime
    received_on: date
    files: tuple[ReceiptFile, ...]
    tz: ZoneInfo
    invoice: str = ""  # the electronic comprobante read from the XML annex, if any
    # After an observation: when it was made, its deadline, and when it was fixed. A cured
    # filing's cargo is the cargo of its subsanación too: same number, same reception date.
    observation_fields: tuple[tuple[str, str], ...] = ()
    # The reception rule in force (``domain.reception.reception_note``), in its exact words.
    reception_note: str = _RECEPTION_NOTE

    def __post_init__(self) -> None:
        # A naive time would print as if it were Lima time whatever it really was.
        if self.submitted_at.tzinfo is None or self.submitted_at.utcoffset() is None:
            raise ValueError("submitted_at must be timezone-aware.")


def format_size(size_bytes: int) -> str:
    """Peruvian style (decimal comma), binary units as the upload limit counts them."""
    if size_bytes < 1024:
        return f"{size_bytes} bytes"
    if (kib := round(size_bytes / 1024)) < 1024:
        return f"{kib} KB"
    return f"{size_bytes / (1024 * 1024):.1f} MB".replace(".", ",")
