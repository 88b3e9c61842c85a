"""Every signature case gives its verdict: real PAdES signatures made with pyHanko by a test CA
made here; the trust directory holds only what each test puts in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mpv_app.domain.enums import SignatureVerdict
from mpv_app.domain.signatures import SignatureCheck, document_verdict, refusal, signature_lines
from mpv_app.storage.signatures import verify_pdf
from tests.factories import pdf_bytes
from tests.signing import (
    Identity,
    empty_signature_field,
    make_ca,
    make_signer,
    sign_pdf,
    tamper,
    write_root,
)


@pytest.fixture(scope="module")
def ca() -> Identity:
    return make_ca("Entidad de Certificación de Prueba")


@pytest.fixture(scope="module")
def signer(ca: Identity) -> Identity:
    return make_signer(ca, "Ana Quispe Huamán")


def _verify(tmp_path: Path, data: bytes, trust: Identity | None) -> tuple[SignatureCheck, ...]:
    trust_dir = tmp_path / "trust"
    trust_dir.mkdir(exist_ok=True)
    if trust is not None:
        write_root(trust_dir, trust)
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    return verify_pdf(path, trust_dir)


def test_valid_signature(tmp_path: Path, ca: Identity, signer: Identity) -> None:
    [check] = _verify(tmp_path, sign_pdf(pdf_bytes(1), signer, ca), ca)
    assert check.verdict is SignatureVerdict.VALID
    assert check.signer == "Ana Quispe Huamán"
    assert check.issuer == "Entidad de Certificación de Prueba"
    assert check.serial == format(signer.cert.serial_number, "X")
    assert check.signed_at is not None
    assert abs(check.signed_at - datetime.now(UTC)) < timedelta(minutes=5)


def test_modified_after_signing(tmp_path: Path, ca: Identity, signer: Identity) -> None:
    signed = sign_pdf(pdf_bytes(1), signer, ca)
    [check] = _verify(tmp_path, tamper(signed), ca)
    assert check.verdict is SignatureVerdict.ALTERED


def test_expired_certificate(tmp_path: Path, ca: Identity) -> None:
    old = make_signer(ca, "Firmante Vencido", valid_from=datetime.now(UTC) - timedelta(days=400))
    [check] = _verify(tmp_path, sign_pdf(pdf_bytes(1), old, ca), ca)
    assert check.verdict is SignatureVerdict.EXPIRED


def test_untrusted_ca(tmp_path: Path, ca: Identity) -> None:
    rogue = make_ca("CA No Acreditada")
    forged = sign_pdf(pdf_bytes(1), make_signer(rogue, "Ana Quispe Huamán"), rogue)
    [check] = _verify(tmp_path, forged, ca)
    assert check.verdict is SignatureVerdict.UNTRUSTED


def test_nothing_is_trusted_without_roots(tmp_path: Path, ca: Identity, signer: Identity) -> None:
    [check] = _verify(tmp_path, sign_pdf(pdf_bytes(1), signer, ca), None)
    assert check.verdict is SignatureVerdict.UNTRUSTED


def test_empty_signature_field(tmp_path: Path, ca: Identity) -> None:
    data = empty_signature_field(pdf_bytes(1))
    assert b"/Sig" in data  # what the old presence check was fooled by
    assert _verify(tmp_path, data, ca) == ()
    assert document_verdict(()) is SignatureVerdict.UNSIGNED


def test_two_signatures(tmp_path: Path, ca: Identity, signer: Identity) -> None:
    second = make_signer(ca, "Luis Salas")
    data = sign_pdf(sign_pdf(pdf_bytes(1), signer, ca), second, ca, field="Firma2")
    checks = _verify(tmp_path, data, ca)
    assert [(c.signer, c.verdict) for c in checks] == [
        ("Ana Quispe Huamán", SignatureVerdict.VALID),
        ("Luis Salas", SignatureVerdict.VALID),
    ]


def test_unsigned_pdf(tmp_path: Path, ca: Identity) -> None:
    assert _verify(tmp_path, pdf_bytes(1), ca) == ()


def _check(verdict: SignatureVerdict) -> SignatureCheck:
    return SignatureCheck("Ana", "CA", "1F", datetime(2026, 12, 1, 15, 0, tzinfo=UTC), verdict)


def test_document_verdict_and_words() -> None:
    altered, valid = _check(SignatureVerdict.ALTERED), _check(SignatureVerdict.VALID)
    assert document_verdict([altered, valid]) is SignatureVerdict.VALID
    assert document_verdict([_check(SignatureVerdict.UNTRUSTED), altered]) is (
        SignatureVerdict.ALTERED
    )
    assert signature_lines([valid], ZoneInfo("America/Lima")) == [
        "Firmado digitalmente por Ana el 01/12/2026 10:00 (válida)"
    ]
    assert SignatureCheck.from_json(valid.to_json()) == valid
    messages = {v: refusal("contrato.pdf", "Contrato", v) for v in SignatureVerdict}
    assert "no contiene una firma digital" in messages[SignatureVerdict.UNSIGNED]
    assert "modificado después de firmarse" in messages[SignatureVerdict.ALTERED]
    assert "entidad de certificación acreditada" in messages[SignatureVerdict.UNTRUSTED]
    assert "no estaba vigente al momento de la firma" in messages[SignatureVerdict.EXPIRED]
