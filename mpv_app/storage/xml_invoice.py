"""Reading an XML annex as an electronic invoice, with its size capped before any parsing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mpv_app.domain.files import FileRuleError
from mpv_app.domain.invoices import Invoice, InvoiceDangerous, InvoiceUnreadable, parse_invoice


@dataclass(frozen=True)
class InvoiceReading:
    invoice: Invoice | None
    note: str | None  # why it is not read as a comprobante (it stays a plain annex)


def dangerous_xml(name: str) -> str:
    return (
        f"«{name}» no se aceptó: el XML declara entidades o referencias externas (DTD), que "
        "pueden usarse para atacar al servidor. Los comprobantes electrónicos no las usan."
    )


def read_invoice(path: Path, name: str, *, max_bytes: int) -> InvoiceReading:
    """A UBL comprobante, or a note saying why not; raises ``FileRuleError`` when dangerous."""
    if path.stat().st_size > max_bytes:
        return InvoiceReading(
            None, f"es demasiado grande para leerlo como comprobante ({max_bytes // 1024} KB)"
        )
    try:
        return InvoiceReading(parse_invoice(path.read_bytes()), None)
    except InvoiceDangerous as error:
        raise FileRuleError(dangerous_xml(name)) from error
    except InvoiceUnreadable as error:
        return InvoiceReading(None, str(error))
