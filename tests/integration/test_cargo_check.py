"""/verificar with an uploaded cargo: the signed cargo is reported genuine; a copy with one
byte changed, a cargo of nobody, or any other PDF are not; nothing of the record leaks."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from sqlmodel import Session, select

from mpv_app.models import Correspondence
from mpv_app.receipts.summary import CARGO_MARK
from mpv_app.selectors.cargo_check import check_cargo
from mpv_app.selectors.receipts import cargo_pdf
from mpv_app.storage.files import FileStore
from tests.factories import filed, pdf_bytes, sender_without_password
from tests.signing import make_ca, make_signer, sign_pdf


def _cargo(session: Session, tmp_path: Path) -> tuple[bytes, Correspondence]:
    sender = sender_without_password(session, 8)
    number = filed(session, sender, FileStore(tmp_path / "files")).tracking_number
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    return cargo_pdf(session, filing), filing


def test_a_genuine_cargo(session: Session, seeded: None, tmp_path: Path) -> None:
    data, filing = _cargo(session, tmp_path)
    result = check_cargo(session, data)
    assert result.genuine and result.signature_ok
    assert (result.number, result.files) == (filing.tracking_number, 1)


def test_one_byte_changed_is_altered(session: Session, seeded: None, tmp_path: Path) -> None:
    data, _ = _cargo(session, tmp_path)
    # A digit of a page's content, well inside the signed byte range.
    index = data.find(b"stream") + 40
    altered = data[:index] + bytes([data[index] ^ 0x01]) + data[index + 1 :]
    result = check_cargo(session, altered)
    assert not result.signature_ok and not result.genuine


def test_appended_revision_is_altered(session: Session, seeded: None, tmp_path: Path) -> None:
    data, _ = _cargo(session, tmp_path)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_blank_page()
    out = io.BytesIO()
    writer.write(out)
    assert not check_cargo(session, out.getvalue()).genuine


def test_a_forged_summary_signed_by_someone_else(
    session: Session, seeded: None, tmp_path: Path
) -> None:
    """A cargo-looking PDF that names a real filing but is signed by a stranger."""
    _, filing = _cargo(session, tmp_path)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes(1))))
    summary = {
        "numero": filing.tracking_number,
        "codigo": filing.verification_code,
        "envio": filing.submitted_at.isoformat(),
        "recepcion": filing.received_on.isoformat(),
        "sha256": [],
    }
    writer.add_metadata({"/Keywords": CARGO_MARK + json.dumps(summary)})
    out = io.BytesIO()
    writer.write(out)
    stranger = make_ca("Falsificador")
    forged = sign_pdf(out.getvalue(), make_signer(stranger, "Falsificador"), stranger)
    result = check_cargo(session, forged)
    assert result.readable and result.found and not result.signature_ok
    assert not result.genuine


def test_other_pdfs_reveal_nothing(session: Session, seeded: None, tmp_path: Path) -> None:
    result = check_cargo(session, pdf_bytes(1))
    assert (result.readable, result.found, result.number) == (False, False, "")
    assert not check_cargo(session, b"not a pdf at all").readable
