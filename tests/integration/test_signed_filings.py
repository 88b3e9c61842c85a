"""Contrato / Orden de servicio / OTT need a main PDF with a valid, trusted signature; other
types keep accepting unsigned scans. Each attachment stores what pyHanko found, and the detail
page and the cargo say it. Real signatures by a test CA written into MPV_SIGNATURE_TRUST_DIR."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select

from mpv_app.domain.enums import AttachmentKind, SignatureVerdict
from mpv_app.models import Attachment, Correspondence, DocumentType, User
from mpv_app.selectors.filing_detail import filing_files
from mpv_app.selectors.receipts import cargo_pdf
from mpv_app.services.errors import FieldErrors
from mpv_app.services.filing import submit_filing
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from tests.factories import filing_form, pdf_bytes, sender_without_password, stage_bytes
from tests.signing import (
    empty_signature_field,
    make_ca,
    make_signer,
    sign_pdf,
    tamper,
    write_root,
)

CA = make_ca("Entidad de Certificación de Prueba")
SIGNER = make_signer(CA, "Ana Quispe Huamán")


@pytest.fixture
def trusted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    trust_dir = tmp_path / "trust"
    write_root(trust_dir, CA)
    monkeypatch.setenv("MPV_SIGNATURE_TRUST_DIR", str(trust_dir))
    get_settings.cache_clear()
    yield trust_dir
    get_settings.cache_clear()


def _type_id(session: Session, code: str) -> str:
    doc_type = session.exec(select(DocumentType).where(DocumentType.code == code)).one()
    return str(doc_type.id)


def _submit(session: Session, tmp_path: Path, user: User, data: bytes, code: str) -> str:
    assert user.id is not None
    store = FileStore(tmp_path / "files")
    stage_bytes(session, store, user.id, data, "contrato.pdf", AttachmentKind.MAIN)
    result = submit_filing(
        session=session,
        user_id=user.id,
        form=filing_form(session, document_type_id=_type_id(session, code), page_count="1"),
        submission_key=f"key-{code}-{len(data)}",
        store=store,
    )
    session.commit()
    return result.tracking_number


def _rogue_signed() -> bytes:
    rogue = make_ca("CA No Acreditada")
    return sign_pdf(pdf_bytes(1), make_signer(rogue, "Ana Quispe Huamán"), rogue)


def _expired_signed() -> bytes:
    old = make_signer(CA, "Firmante Vencido", valid_from=datetime.now(UTC) - timedelta(days=400))
    return sign_pdf(pdf_bytes(1), old, CA)


REFUSED = [
    ("unsigned", lambda: pdf_bytes(1), "no contiene una firma digital"),
    ("empty-field", lambda: empty_signature_field(pdf_bytes(1)), "no contiene una firma digital"),
    ("altered", lambda: tamper(sign_pdf(pdf_bytes(1), SIGNER, CA)), "modificado después"),
    ("untrusted", _rogue_signed, "entidad de certificación acreditada"),
    ("expired", _expired_signed, "no estaba vigente al momento de la firma"),
]


@pytest.mark.parametrize(("case", "make", "reason"), REFUSED, ids=[r[0] for r in REFUSED])
def test_signed_only_types_say_exactly_why(
    session: Session, seeded: None, tmp_path: Path, trusted: Path, case: str, make, reason: str
) -> None:  # type: ignore[no-untyped-def]
    user = sender_without_password(session, 3)
    with pytest.raises(FieldErrors) as caught:
        _submit(session, tmp_path, user, make(), "CONTRATO")
    session.rollback()
    message = caught.value.errors["main_file"]
    assert message.startswith("El tipo «Contrato» solo se acepta firmado digitalmente")
    assert reason in message, message
    assert session.exec(select(Correspondence)).all() == []


def test_a_valid_signature_is_accepted_stored_and_shown(
    session: Session, seeded: None, tmp_path: Path, trusted: Path
) -> None:
    user = sender_without_password(session, 4)
    second = make_signer(CA, "Luis Salas")
    data = sign_pdf(sign_pdf(pdf_bytes(1), SIGNER, CA), second, CA, field="Firma2")
    number = _submit(session, tmp_path, user, data, "OTT")
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    attachment = session.exec(
        select(Attachment).where(Attachment.correspondence_id == filing.id)
    ).one()
    assert [s["signer"] for s in attachment.signatures] == ["Ana Quispe Huamán", "Luis Salas"]
    first = attachment.signatures[0]
    assert first["issuer"] == "Entidad de Certificación de Prueba"
    assert first["serial"] == format(SIGNER.cert.serial_number, "X")
    assert first["verdict"] == SignatureVerdict.VALID.value and first["signed_at"]
    [shown] = filing_files(session, filing)
    assert shown.signature.startswith("Firmado digitalmente por Ana Quispe Huamán el ")
    assert shown.signature.endswith("(válida)")
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(cargo_pdf(session, filing))).pages
    )
    assert "Firmado digitalmente por Ana Quispe Huamán" in " ".join(text.split())


def test_other_types_accept_a_scan_and_say_it_is_unsigned(
    session: Session, seeded: None, tmp_path: Path, trusted: Path
) -> None:
    user = sender_without_password(session, 5)
    number = _submit(session, tmp_path, user, _rogue_signed(), "CARTA")
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    [shown] = filing_files(session, filing)
    assert shown.signature.endswith("(no confiable)")
    number = _submit(session, tmp_path, user, pdf_bytes(1), "CARTA")
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    assert filing_files(session, filing)[0].signature == "Sin firma digital"
