"""Filing end to end: the «Nueva correspondencia» form, its uploads and 20 MB meter, the atomic
submit, the confirmation email, the cargo PDF and its public verification, driven in Chromium."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from mpv_app.services.catalog_seed import CENTERS
from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import SenderData, goto, signed_in_sender
from tests.e2e.filing_steps import (
    FORM,
    MY_FILINGS,
    cargo_text,
    filed_number,
    fill_form,
    open_form,
    stage,
    staged,
    submit,
    today,
    upload,
)
from tests.e2e.mailbox import messages_to, wait_for_mail
from tests.e2e.server import RunningApp

MAIL_SUBJECT = "Correspondencia registrada MPV-"
CODE_RE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}")
RECEPTION = "Trámite Documentario — Oficina Principal (San Isidro)"
NO_MAIN = "Adjunte el documento principal en PDF."


def _departments(center: str) -> list[str]:
    return sorted(name for _, c, depts in CENTERS if c == center for _, name in depts)


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


@pytest.fixture
def sender(page: Page, app: RunningApp) -> SenderData:
    return signed_in_sender(page, app)


def meter(page: Page) -> Locator:
    return page.locator("#size-meter-text")


def alert(page: Page, text: str) -> Locator:
    return page.get_by_role("alert").filter(has_text=text)


def field_error(page: Page, label: str, message: str) -> None:
    field = page.get_by_label(label, exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.get_by_text(message, exact=True)).to_be_visible()


def my_filing_rows(page: Page, number: str) -> Locator:
    goto(page, MY_FILINGS)
    expect(page.get_by_role("heading", name="Mis trámites", level=1)).to_be_visible()
    return page.get_by_role("row").filter(has_text=number)


def large_set(folder: Path) -> tuple[Path, list[Path]]:
    """About 19 MB: a 1 MB main PDF and three 6 MB PDF annexes."""
    main = ff.pdf_of_size(folder, "principal-grande.pdf", 1 * ff.MIB)
    annexes = [ff.pdf_of_size(folder, f"anexo-{i}.pdf", 6 * ff.MIB) for i in (1, 2, 3)]
    return main, annexes


def test_full_filing_with_known_destination(
    page: Page, app: RunningApp, sender: SenderData, tmp_path: Path
) -> None:
    _shot(page, "inicio-remitente")
    page.locator("main").get_by_role("link", name="Nueva correspondencia").click()
    expect(page).to_have_url(re.compile(re.escape(FORM) + "/?$"))
    open_form(page)
    _shot(page, "nueva-correspondencia-vacia")
    fill_form(page, "Solicitud de información técnica")

    page.get_by_role("switch", name="Conozco el lugar de destino").click()
    expect(page.locator("#default-destination")).to_have_count(0)
    center = page.get_by_label("Centro de gestión", exact=True)
    departments = page.get_by_label("Dependencia destino", exact=True)
    center.select_option(label="Refinería Talara")
    talara = _departments("Refinería Talara")
    expect(departments.locator("option")).to_have_text(["Seleccione…", *talara])
    departments.select_option(label="Jefatura Mantenimiento Talara")
    center.select_option(label="Refinería Conchán")
    expect(departments).to_have_value("")
    expect(departments.locator("option")).to_have_text(
        ["Seleccione…", *_departments("Refinería Conchán")]
    )
    departments.select_option(label="Jefatura Operaciones Conchán")

    main = ff.pdf(tmp_path, "carta-principal.pdf", pages=3)
    annex = ff.docx(tmp_path, "anexo-tecnico.docx")
    stage(page, "main", main)
    expect(staged(page, main.name)).to_contain_text("3 págs.")
    stage(page, "annexes", annex)
    expect(meter(page)).to_have_text(ff.meter_text(ff.total_size(main, annex)))

    number = submit(page)
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Fecha y hora de envío: ")
    expect(dialog).to_contain_text("Fecha de recepción: ")
    expect(dialog).to_contain_text("Jefatura Operaciones Conchán — Refinería Conchán")
    _shot(page, "confirmacion-correspondencia")
    mail = wait_for_mail(app.mail_dir, sender.email, MAIL_SUBJECT)
    assert number in str(mail["Subject"])

    text = cargo_text(page)
    flat = re.sub(r"\s+", "", text)
    assert number in text
    for path in (main, annex):
        assert path.name in text
        assert ff.sha256(path) in flat, path.name
    code_match = CODE_RE.search(text)
    assert code_match, text
    code = code_match.group(0)
    assert f"/verificar/{code}" in flat

    goto(page, f"/verificar/{code}")
    expect(page.get_by_role("status").filter(has_text="Cargo auténtico")).to_be_visible()
    expect(page.locator("#verified-number")).to_have_text(number)
    expect(page.locator("#verified-status")).to_have_text("Registrada")
    _shot(page, "verificar-autentico")
    goto(page, "/verificar/XXXX-XXXX-XXXX-XXXX")
    expect(alert(page, "No encontramos un cargo con ese código")).to_be_visible()
    expect(page.locator("#verified-number")).to_have_count(0)
    _shot(page, "verificar-desconocido")


def test_filing_to_reception_shows_in_my_filings(
    page: Page, app: RunningApp, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    expect(page.get_by_role("switch", name="Conozco el lugar de destino")).not_to_be_checked()
    expect(page.locator("#default-destination")).to_have_text(f"Destino: {RECEPTION}")
    expect(page.get_by_label("Centro de gestión", exact=True)).to_have_count(0)
    fill_form(page, "Remito factura de servicios", doc_type="Factura", pages=1)
    stage(page, "main", ff.pdf(tmp_path, "factura.pdf", pages=1))
    number = submit(page)
    expect(page.get_by_role("dialog")).to_contain_text(RECEPTION)
    wait_for_mail(app.mail_dir, sender.email, number)

    page.get_by_role("link", name="Ir a mis trámites").click()
    expect(page).to_have_url(re.compile(re.escape(MY_FILINGS) + "/?$"))
    row = page.get_by_role("row").filter(has_text=number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Remito factura de servicios")
    expect(row).to_contain_text("Registrada")
    _shot(page, "mis-tramites")


def test_nineteen_megabytes_are_accepted(page: Page, sender: SenderData, tmp_path: Path) -> None:
    main, annexes = large_set(tmp_path)
    total = ff.total_size(main, *annexes)
    assert total == 19 * ff.MIB, total
    open_form(page)
    fill_form(page, "Expediente técnico completo", pages=1)
    stage(page, "main", main)
    stage(page, "annexes", *annexes)
    expect(meter(page)).to_have_text(ff.meter_text(total))
    expect(meter(page)).to_have_text("19,0 MB de 20 MB")
    expect(page.locator("#size-meter")).to_have_attribute("data-level", "warning")
    expect(page.get_by_text("Está cerca del límite permitido.")).to_be_visible()
    _shot(page, "nueva-correspondencia-archivos")
    number = submit(page)
    expect(my_filing_rows(page, number)).to_have_count(1)


def test_twenty_one_megabytes_are_refused(page: Page, sender: SenderData, tmp_path: Path) -> None:
    main, annexes = large_set(tmp_path)
    open_form(page)
    stage(page, "main", main)
    stage(page, "annexes", *annexes)
    before = ff.meter_text(ff.total_size(main, *annexes))
    expect(meter(page)).to_have_text(before)

    extra = ff.pdf_of_size(tmp_path, "anexo-extra.pdf", 2 * ff.MIB)
    upload(page, "annexes", extra)
    refusal = alert(page, "No se pudo agregar «anexo-extra.pdf»")
    expect(refusal).to_be_visible(timeout=60_000)
    expect(refusal).to_contain_text("superaría el límite de 20 MB (ya tiene 19,0 MB)")
    expect(page.get_by_text("Subiendo…")).to_have_count(0)
    expect(staged(page)).to_have_count(4)
    expect(staged(page, extra.name)).to_have_count(0)
    page.reload()
    open_form(page)
    expect(staged(page)).to_have_count(4)
    expect(staged(page, extra.name)).to_have_count(0)
    expect(meter(page)).to_have_text(before)


@pytest.mark.parametrize(
    ("make", "name", "reason"),
    [
        (ff.encrypted_pdf, "protegido.pdf", re.compile("protegido con contraseña o cifrado")),
        (ff.fake_exe, "informe.pdf", re.compile("no es un tipo permitido")),
        (ff.empty, "vacio.pdf", re.compile("vacío")),
    ],
    ids=["cifrado", "exe-renombrado", "vacio"],
)
def test_bad_main_document_is_refused_naming_it(
    page: Page,
    sender: SenderData,
    tmp_path: Path,
    make: Callable[[Path, str], Path],
    name: str,
    reason: re.Pattern[str],
) -> None:
    path = make(tmp_path, name)
    open_form(page)
    upload(page, "main", path)
    refusal = alert(page, f"«{name}»")
    expect(refusal).to_be_visible(timeout=30_000)
    expect(refusal).to_contain_text(reason)
    expect(staged(page)).to_have_count(0)
    expect(meter(page)).to_have_text("0 KB de 20 MB")

    good = ff.pdf(tmp_path, "bueno.pdf")
    stage(page, "main", good)
    expect(refusal).to_have_count(0)
    expect(staged(page)).to_have_count(1)
    expect(staged(page, name)).to_have_count(0)


def test_empty_form_and_future_date_show_errors_beside_fields(
    page: Page, sender: SenderData
) -> None:
    open_form(page)
    page.get_by_role("button", name="Guardar correspondencia").click()
    field_error(page, "Asunto", "Ingrese el asunto.")
    field_error(page, "Tipo de correspondencia", "Seleccione el tipo de correspondencia.")
    field_error(page, "Nº Documento", "Ingrese el número de documento.")
    field_error(page, "Fecha Documento", "Ingrese la fecha del documento (dd/mm/aaaa).")
    field_error(
        page, "Nº de páginas", "Ingrese el número de páginas: un número entero mayor que cero."
    )
    expect(page.locator("#f-main_file-error")).to_have_text(NO_MAIN)
    expect(alert(page, "Revise los campos marcados.")).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_count(0)
    _shot(page, "nueva-correspondencia-errores")

    fill_form(page, "Fecha imposible", day=today() + timedelta(days=1))
    page.get_by_role("button", name="Guardar correspondencia").click()
    field_error(page, "Fecha Documento", "La fecha del documento no puede ser posterior a hoy.")
    for valid in ("Asunto", "Tipo de correspondencia", "Nº Documento", "Nº de páginas"):
        expect(page.get_by_label(valid, exact=True)).to_have_attribute("aria-invalid", "false")
    expect(page.locator("#f-main_file-error")).to_have_text(NO_MAIN)
    expect(page.get_by_role("dialog")).to_have_count(0)


def test_page_count_mismatch_asks_then_files(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    fill_form(page, "Informe con páginas mal contadas", doc_type="Informe", pages=5)
    stage(page, "main", ff.pdf(tmp_path, "informe-3-paginas.pdf", pages=3))
    page.get_by_role("button", name="Guardar correspondencia").click()
    warning = alert(page, "Indicó 5 páginas")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("el documento principal tiene 3")
    warning.get_by_role("button", name="Corregir").click()
    expect(warning).to_have_count(0)
    expect(page.get_by_label("Nº de páginas", exact=True)).to_be_focused()
    expect(page.get_by_role("dialog")).to_have_count(0)

    page.get_by_role("button", name="Guardar correspondencia").click()
    expect(warning).to_be_visible()
    warning.get_by_role("button", name="Confirmar y guardar").click()
    number = filed_number(page)

    page.get_by_role("link", name="Registrar otra").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.get_by_label("Asunto", exact=True)).to_have_value("")
    expect(staged(page)).to_have_count(0)
    expect(meter(page)).to_have_text("0 KB de 20 MB")
    expect(my_filing_rows(page, number)).to_have_count(1)


def test_signed_only_type_refuses_unsigned_pdf(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    fill_form(page, "Contrato de servicio", doc_type="Contrato (solo con firma digital)")
    stage(page, "main", ff.pdf(tmp_path, "contrato-sin-firma.pdf", pages=3))
    page.get_by_role("button", name="Guardar correspondencia").click()
    expect(page.locator("#f-main_file-error")).to_have_text(
        "El tipo «Contrato» solo se acepta firmado digitalmente: el documento principal "
        "«contrato-sin-firma.pdf» no contiene una firma digital."
    )
    expect(page.get_by_role("dialog")).to_have_count(0)
    goto(page, MY_FILINGS)
    expect(page.get_by_text("Aún no ha presentado correspondencia.")).to_be_visible()


def test_draft_and_staged_files_survive_reload(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    page.get_by_label("Asunto", exact=True).fill("Borrador que no debe perderse")
    page.keyboard.press("Tab")
    page.get_by_label("Nº Documento", exact=True).fill("OF-777-2024")
    page.keyboard.press("Tab")
    main, annex = ff.pdf(tmp_path, "borrador.pdf", pages=2), ff.docx(tmp_path, "borrador.docx")
    stage(page, "main", main)
    stage(page, "annexes", annex)

    page.reload()
    open_form(page)
    expect(page.get_by_label("Asunto", exact=True)).to_have_value("Borrador que no debe perderse")
    expect(page.get_by_label("Nº Documento", exact=True)).to_have_value("OF-777-2024")
    expect(staged(page)).to_have_count(2)
    expect(staged(page, main.name)).to_contain_text("Documento principal")
    expect(staged(page, annex.name)).to_contain_text("Anexo")
    expect(meter(page)).to_have_text(ff.meter_text(ff.total_size(main, annex)))


def test_removing_a_staged_file_updates_list_and_meter(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    main = ff.pdf(tmp_path, "principal.pdf", pages=1)
    big = ff.pdf_of_size(tmp_path, "anexo-grande.pdf", 3 * ff.MIB)
    small = ff.docx(tmp_path, "anexo-chico.docx")
    open_form(page)
    stage(page, "main", main)
    stage(page, "annexes", big, small)
    expect(meter(page)).to_have_text(ff.meter_text(ff.total_size(main, big, small)))

    page.get_by_role("button", name=f"Quitar {big.name}").click()
    expect(staged(page, big.name)).to_have_count(0)
    expect(staged(page)).to_have_count(2)
    expect(meter(page)).to_have_text(ff.meter_text(ff.total_size(main, small)))

    page.get_by_role("button", name=f"Quitar {main.name}").click()
    expect(staged(page)).to_have_count(1)
    expect(meter(page)).to_have_text(ff.meter_text(ff.total_size(small)))
    page.reload()
    open_form(page)
    expect(staged(page)).to_have_count(1)
    expect(staged(page, small.name)).to_have_count(1)


def test_double_click_files_once(
    page: Page, app: RunningApp, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    fill_form(page, "Doble clic no duplica", pages=1)
    stage(page, "main", ff.pdf(tmp_path, "unico.pdf", pages=1))
    page.get_by_role("button", name="Guardar correspondencia").dblclick()
    number = filed_number(page)
    wait_for_mail(app.mail_dir, sender.email, number)
    time.sleep(3)  # give a second submit (and its mail) every chance to show up
    expect(page.locator("#tracking-number")).to_have_text(number)
    mails = [m for m in messages_to(app.mail_dir, sender.email) if MAIL_SUBJECT in m["Subject"]]
    assert len(mails) == 1, [m["Subject"] for m in mails]
    second_submit_errors = [
        alert(page, "Revise los campos marcados."),
        page.locator("#f-main_file-error").filter(has_text=NO_MAIN),
    ]
    form_was_quiet = all(e.count() == 0 for e in second_submit_errors)
    expect(my_filing_rows(page, "MPV-")).to_have_count(1)
    expect(my_filing_rows(page, number)).to_have_count(1)
    assert form_was_quiet, "a second click on a saved form must do nothing"


def test_two_annexes_with_the_same_name_are_both_kept(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    """Dropped together, two files called the same stay two files (the second renamed), and
    the cargo certifies each one's own bytes."""
    open_form(page)
    fill_form(page, "Dos anexos con el mismo nombre")
    first_dir, second_dir = tmp_path / "uno", tmp_path / "dos"
    first_dir.mkdir(), second_dir.mkdir()
    first = ff.pdf(first_dir, "anexo.pdf", pages=1, padding=3000)
    second = ff.pdf(second_dir, "anexo.pdf", pages=2, padding=5000)
    stage(page, "main", ff.pdf(tmp_path, "principal.pdf", pages=3))
    upload(page, "annexes", first, second)
    expect(staged(page, "anexo (2).pdf")).to_have_count(1, timeout=60_000)
    expect(staged(page)).to_have_count(3)
    expect(meter(page)).to_have_text(
        ff.meter_text(ff.total_size(tmp_path / "principal.pdf", first, second))
    )
    screenshot(page, "filing-same-name-annexes")
    submit(page)
    flat = re.sub(r"\s+", "", cargo_text(page))
    assert "anexo(2).pdf" in flat
    for path in (first, second):
        assert ff.sha256(path) in flat, f"the cargo does not certify {path}"
