"""/verificar with an uploaded cargo: is it signed by the institution, and does it match?

Two questions, answered separately:

* the signature: pyHanko validates the institution's signature field against the cargo
  certificate (and the roots of ``MPV_SIGNATURE_TRUST_DIR``); it must be intact, trusted and
  cover the whole file, so a byte changed anywhere, or anything appended, fails it;
* the record: the cargo's own summary (its /Keywords, ``receipts.cargo.summary_keywords``)
  names a verification code; the filing with that code must have the same number, the same
  dates, and every listed hash among its files (a cargo issued before a subsanación lists
  fewer files than today's, and is still genuine).

Only yes/no answers about what the uploaded file itself says are returned: never a value of
the record that the file does not already carry.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader
from sqlmodel import Session, col, select

from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.verification import normalize_code
from mpv_app.models import Attachment, Correspondence
from mpv_app.receipts.signing import FIELD, cargo_identity
from mpv_app.receipts.summary import CARGO_MARK
from mpv_app.settings import get_settings
from mpv_app.storage.signatures import certificates_in, load_trust_roots

MAX_CARGO_BYTES = 5 * 1024 * 1024  # a cargo is tens of KB; nothing larger is read


@dataclass(frozen=True)
class CargoCheck:
    readable: bool  # a PDF carrying a cargo summary at all
    signature_ok: bool
    found: bool  # a filing with the cargo's verification code exists
    number_ok: bool = False
    dates_ok: bool = False
    files_ok: bool = False
    # Echoed from the uploaded file itself (the uploader already holds them).
    number: str = ""
    files: int = 0

    @property
    def genuine(self) -> bool:
        return (
            self.signature_ok and self.found and self.number_ok and self.dates_ok and self.files_ok
        )


def _summary(data: bytes) -> dict[str, Any] | None:
    try:
        keywords = str((PdfReader(io.BytesIO(data), strict=False).metadata or {}).get("/Keywords"))
    except Exception:
        return None
    if not keywords.startswith(CARGO_MARK):
        return None
    try:
        summary = json.loads(keywords[len(CARGO_MARK) :])
    except ValueError:
        return None
    return summary if isinstance(summary, dict) else None


def _signature_ok(data: bytes) -> bool:
    settings = get_settings()
    roots = [*certificates_in(cargo_identity(settings).cert_file)]
    roots += list(load_trust_roots(settings.signature_trust_dir))
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
        ours = [s for s in signatures if s.field_name == FIELD]
        if len(ours) != 1 or len(signatures) != 1:
            return False
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(ours[0], context)
    except Exception:  # a hostile file is simply not a genuine cargo
        return False
    return bool(
        status.intact
        and status.valid
        and status.trusted
        and status.coverage is SignatureCoverageLevel.ENTIRE_FILE
    )


def check_cargo(session: Session, data: bytes) -> CargoCheck:
    summary = _summary(data) if len(data) <= MAX_CARGO_BYTES else None
    if summary is None:
        return CargoCheck(readable=False, signature_ok=False, found=False)
    signature_ok = _signature_ok(data)
    number = str(summary.get("numero", ""))[:20]
    hashes = [str(h).lower() for h in summary.get("sha256", []) if isinstance(h, str)]
    code = normalize_code(str(summary.get("codigo", "")))
    filing = (
        session.exec(select(Correspondence).where(Correspondence.verification_code == code)).first()
        if code
        else None
    )
    if filing is None:
        return CargoCheck(True, signature_ok, False, number=number, files=len(hashes))
    try:
        sent = datetime.fromisoformat(str(summary.get("envio", "")))
        received = date.fromisoformat(str(summary.get("recepcion", "")))
    except ValueError:
        sent, received = None, None
    filed = set(
        session.exec(
            select(Attachment.sha256).where(
                Attachment.correspondence_id == filing.id,
                col(Attachment.kind) != AttachmentKind.RESPONSE,
            )
        ).all()
    )
    return CargoCheck(
        readable=True,
        signature_ok=signature_ok,
        found=True,
        number_ok=number == filing.tracking_number,
        dates_ok=sent == filing.submitted_at and received == filing.received_on,
        files_ok=bool(hashes) and all(h in filed for h in hashes),
        number=number,
        files=len(hashes),
    )
