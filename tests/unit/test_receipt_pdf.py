from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from mpv_app.receipts import cargo
from mpv_app.receipts.cargo import ReceiptData, ReceiptFile, build_receipt_pdf, format_size

ROOT = Path(__file__).resolve().parents[2]
LIMA = ZoneInfo("America/Lima")
VERIFY_URL = "https://mpv.petroperu.com.pe/verificar/7K3M-Q9TZ-2HXD-8RWA"
HAS_DEJAVU = all((cargo.DEJAVU_DIR / name).is_file() for name in cargo._DEJAVU_FILES.values())


def _file(name: str, kind: str, size: int) -> ReceiptFile:
    return ReceiptFile(name, kind, size, hashlib.sha256(name.encode()).hexdigest())


def sample_data() -> ReceiptData:
    """A late-evening filing: sent on the 17th (Lima), legally received on the 18th."""
    return ReceiptData(
        tracking_number="MPV-2026-000123",
        verification_code="7K3M-Q9TZ-2HXD-8RWA",
        verify_url=VERIFY_URL,
        sender_name="Compañía Minera Señor de Luren S.A.C.",
        sender_document="RUC 20100128218",
        sender_email="mesa.partes@luren.com.pe",
        subject="Solicitud de información sobre la licitación Nº 045-2026 (válvulas)",
        document_type="Carta",
        document_number="CARTA-045-2026/GG",
        document_date=date(2026, 3, 16),
        page_count=12,
        destination="Gerencia Corporativa Legal — Oficina Principal (San Isidro)",
        submitted_at=datetime(2026, 3, 17, 22, 5, tzinfo=UTC),
        received_on=date(2026, 3, 18),
        files=(
            _file("carta_solicitud_licitacion_045.pdf", "Documento principal", 1_258_291),
            _file("anexo_01_especificaciones_tecnicas_valvulas_refineria.xlsx", "Anexo", 870_400),
            _file("foto.jpg", "Anexo", 512),
        ),
        tz=LIMA,
    )


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _squash(text: str) -> str:
    """Extraction breaks lines where the PDF wraps them; compare without any whitespace."""
    return "".join(text.split())


def _images(pdf: bytes) -> list[object]:
    return [image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]


@pytest.fixture
def core_fonts_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fresh machine without fonts-dejavu-core."""
    monkeypatch.setattr(cargo, "DEJAVU_DIR", tmp_path / "no-fonts")


def test_receipt_contains_what_the_sender_must_be_able_to_prove() -> None:
    data = sample_data()
    pdf = build_receipt_pdf(data)
    assert pdf.startswith(b"%PDF-")
    text = _text(pdf)
    flat = _squash(text)
    for expected in (
        "CARGO DE RECEPCIÓN",
        data.tracking_number,
        data.subject,
        data.sender_name,
        data.sender_document,
        data.sender_email,
        data.verification_code,
        data.verify_url,
        "Verifique la autenticidad de este cargo en:",
        "El registro de la correspondencia no implica su conformidad ni aceptación.",
        "Lo presentado fuera del horario de atención se considera recibido el siguiente día hábil.",
        "17/03/2026 17:05 (hora de Lima)",  # 22:05 UTC shown in Lima time
        "Fecha de recepción 18/03/2026",
        "Fecha Documento 16/03/2026",
        "Página 1 de 1",
    ):
        assert _squash(expected) in flat, expected
    for item in data.files:
        assert _squash(item.name) in flat, item.name
        assert item.sha256 in flat, item.name
    for size in ("1,2 MB", "850 KB", "512 bytes"):
        assert size in text


def test_metadata_is_set_from_the_filing() -> None:
    meta = PdfReader(io.BytesIO(build_receipt_pdf(sample_data()))).metadata
    assert meta is not None
    assert meta.author == "PETROPERÚ S.A."
    assert meta.title == "Cargo de recepción MPV-2026-000123"
    assert meta.creation_date == datetime(2026, 3, 17, 22, 5, tzinfo=UTC)


def test_receipt_has_exactly_one_image_the_qr() -> None:
    assert len(_images(build_receipt_pdf(sample_data()))) == 1


def test_qr_decodes_to_the_verify_url() -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    (image,) = PdfReader(io.BytesIO(build_receipt_pdf(sample_data()))).pages[0].images
    assert image.image is not None
    results = zxingcpp.read_barcodes(image.image.convert("L"))
    assert [r.text for r in results] == [VERIFY_URL]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode


LONG_SUBJECT = (
    "Remito el “Informe técnico” de la Refinería Talara — ampliación Nº 3 🚀👍🏽 "
    "con observaciones sobre válvulas, señalización y año fiscal; ¿procede? «sí» … "
) * 4


@pytest.mark.parametrize("fonts", ["system", "core"])
def test_long_unicode_subject_renders(
    fonts: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if fonts == "core":
        monkeypatch.setattr(cargo, "DEJAVU_DIR", tmp_path / "no-fonts")
    elif not HAS_DEJAVU:
        pytest.skip("fonts-dejavu-core is not installed")
    subject = LONG_SUBJECT[:500]
    assert len(subject) == 500
    data = replace(sample_data(), subject=subject, sender_name="José Ñáñez — “Zoë” 😀")
    pdf = build_receipt_pdf(data)
    flat = _squash(_text(pdf))
    assert _squash("Refinería Talara") in flat
    assert "añofiscal" in flat
    assert "🚀" not in flat  # no font here draws emoji: replaced, never a crash
    if fonts == "core":  # Latin-1 only: typographic marks become plain ones
        assert _squash('Remito el "Informe técnico" de la Refinería Talara - ampliación') in flat
        assert _squash('José Ñáñez - "Zoë"') in flat
    else:
        assert _squash("Remito el “Informe técnico” de la Refinería Talara — ampliación") in flat
        assert _squash("José Ñáñez — “Zoë”") in flat


@pytest.mark.usefixtures("core_fonts_only")
def test_core_fonts_fallback_keeps_spanish_accents() -> None:
    flat = _squash(_text(build_receipt_pdf(sample_data())))
    assert _squash("Compañía Minera Señor de Luren S.A.C.") in flat
    assert _squash("Gerencia Corporativa Legal - Oficina Principal") in flat
    assert sample_data().files[0].sha256 in flat


def test_many_files_spill_onto_more_pages_with_numbering() -> None:
    files = tuple(_file(f"anexo_{i:02d}.pdf", "Anexo", 10_000 * i) for i in range(1, 41))
    data = replace(sample_data(), files=files)
    pdf = build_receipt_pdf(data)
    reader = PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages > 1
    flat = _squash(_text(pdf))
    assert _squash(f"Página {pages} de {pages}") in flat
    assert all(item.sha256 in flat for item in files)
    assert len(_images(pdf)) == 1


def test_two_builds_are_byte_identical() -> None:
    assert build_receipt_pdf(sample_data()) == build_receipt_pdf(sample_data())


def test_builds_in_other_processes_are_byte_identical() -> None:
    """A restarted app (another hash seed) must regenerate the very same cargo."""
    script = (
        "import sys; from tests.unit.test_receipt_pdf import sample_data; "
        "from mpv_app.receipts.cargo import build_receipt_pdf; "
        "sys.stdout.buffer.write(build_receipt_pdf(sample_data()))"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    other = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, check=True
    ).stdout
    assert other == build_receipt_pdf(sample_data())


def test_naive_submission_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        replace(sample_data(), submitted_at=datetime(2026, 3, 17, 10, 0))


@pytest.mark.parametrize(
    ("size", "label"),
    [
        (0, "0 bytes"),
        (1023, "1023 bytes"),
        (1024, "1 KB"),
        (870_400, "850 KB"),
        (1024 * 1024 - 1, "1,0 MB"),
        (1_258_291, "1,2 MB"),
        (20 * 1024 * 1024, "20,0 MB"),
    ],
)
def test_format_size_is_spanish(size: int, label: str) -> None:
    assert format_size(size) == label
