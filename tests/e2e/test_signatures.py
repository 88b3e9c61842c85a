"""Digital signatures in the browser: a Contrato whose signed PDF was altered is refused with
the reason; a validly signed one is filed and its page says who signed it, and that it is valid.
The app trusts only the test CA this test writes into its trust directory."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.factories import goto, signed_in_sender
from tests.e2e.filing_steps import (
    cargo_text,
    download_bytes,
    file_correspondence,
    fill_form,
    open_form,
    stage,
    submit,
)
from tests.e2e.mailbox import wait_for_mail
from tests.e2e.server import RunningApp
from tests.e2e.test_staff_workflow import open_detail
from tests.factories import pdf_bytes
from tests.signing import make_ca, make_signer, sign_pdf, tamper, write_root

CONTRATO = "Contrato (solo con firma digital)"


@pytest.fixture
def signed(app: RunningApp, tmp_path: Path) -> tuple[Path, Path]:
    ca = make_ca("Entidad de Certificación de Prueba e2e")
    write_root(app.data_dir / "trust", ca, "e2e-raiz.pem")
    good = sign_pdf(pdf_bytes(1, "Contrato de suministro"), make_signer(ca, "Ana Quispe"), ca)
    valid, altered = tmp_path / "contrato-firmado.pdf", tmp_path / "contrato-alterado.pdf"
    valid.write_bytes(good)
    altered.write_bytes(tamper(good))
    return valid, altered


def test_altered_refused_valid_filed_and_shown(
    page: Page, app: RunningApp, signed: tuple[Path, Path]
) -> None:
    valid, altered = signed
    signed_in_sender(page, app)
    open_form(page)
    fill_form(page, "Contrato de suministro de repuestos", doc_type=CONTRATO, pages=1)
    stage(page, "main", altered)
    page.get_by_role("button", name="Guardar correspondencia").click()
    expect(page.locator("#f-main_file-error")).to_contain_text(
        "«contrato-alterado.pdf» fue modificado después de firmarse"
    )
    for path in screenshot(page, "nueva-contrato-alterado"):
        assert path.stat().st_size > 10_000

    stage(page, "main", valid)
    number = submit(page)
    open_detail(page, number)
    files = page.get_by_role("list", name="Archivos").locator("li")
    expect(files.locator(".signature-line")).to_contain_text("Firmado digitalmente por Ana Quispe")
    expect(files.locator(".signature-line")).to_contain_text("(válida)")
    for path in screenshot(page, "detalle-contrato-firmado"):
        assert path.stat().st_size > 10_000
    assert "Firmado digitalmente por Ana Quispe" in " ".join(cargo_text(page).split())


def _verify_upload(page: Page, path: Path, verdict: str) -> None:
    goto(page, "/verificar")
    page.locator("#upload-cargo input[type=file]").set_input_files(str(path))
    expect(page.locator("#cargo-verdict")).to_contain_text(verdict, timeout=30_000)


def test_cargo_downloaded_emailed_and_verified(page: Page, app: RunningApp, tmp_path: Path) -> None:
    sender = signed_in_sender(page, app)
    filed = file_correspondence(page, tmp_path, "Solicitud con cargo verificable")
    # The confirmation window states the reception rule in force, as the footer does.
    rule = page.locator("#reception-rule").inner_text()
    assert rule.startswith("Lo presentado en un día hábil"), rule
    expect(page.get_by_role("dialog", name="Correspondencia registrada")).to_contain_text(rule)
    open_detail(page, filed.number)
    downloaded, _ = download_bytes(page, page.get_by_role("button", name="Descargar cargo"))
    mail = wait_for_mail(app.mail_dir, sender.email, f"Correspondencia registrada {filed.number}")
    [attached] = list(mail.iter_attachments())  # type: ignore[attr-defined]
    emailed = attached.get_content()
    index = downloaded.find(b"stream") + 40
    altered = downloaded[:index] + bytes([downloaded[index] ^ 0x01]) + downloaded[index + 1 :]
    for name, content, verdict in (
        ("descargado", downloaded, "Cargo auténtico"),
        ("correo", emailed, "Cargo auténtico"),
        ("alterado", altered, "Cargo alterado"),
    ):
        path = tmp_path / f"cargo-{name}.pdf"
        path.write_bytes(content)
        _verify_upload(page, path, verdict)
        checks = page.get_by_role("list", name="Comprobaciones").locator("li")
        expect(checks).to_have_count(4)
        if name != "alterado":
            expect(page.get_by_text(f"Número de trámite del cargo: {filed.number}")).to_be_visible()
        for shot in screenshot(page, f"verificar-cargo-{name}"):
            assert shot.stat().st_size > 10_000
    # A PDF that is not a cargo reveals nothing.
    other = tmp_path / "otro.pdf"
    other.write_bytes(pdf_bytes(1))
    _verify_upload(page, other, "no es un cargo")
