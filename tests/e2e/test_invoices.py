"""A supplier files a factura by attaching its XML and PDF: the form fills itself, the cargo
lists the comprobante, and filing the same invoice again is refused with the first number."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import (
    PASSWORD,
    SenderData,
    create_staff,
    goto,
    login,
    signed_in_sender,
)
from tests.e2e.filing_steps import (
    cargo_text,
    download_bytes,
    expect_numbers,
    new_page,
    open_form,
    stage,
    submit,
    today,
)
from tests.e2e.server import RunningApp
from tests.ubl_samples import ubl


@pytest.fixture
def sender(page: Page, app: RunningApp) -> SenderData:
    return signed_in_sender(page, app)


def _start_factura(page: Page, folder: Path) -> None:
    open_form(page)
    page.get_by_label("Asunto", exact=True).fill("Factura por servicios de mantenimiento")
    page.get_by_label("Tipo de correspondencia", exact=True).select_option(label="Factura")
    page.get_by_label("Nº de páginas", exact=True).fill("1")
    page.keyboard.press("Tab")
    stage(page, "main", ff.pdf(folder, "factura-impresa.pdf", pages=1))


def test_a_factura_fills_the_form_from_its_xml_and_is_never_filed_twice(
    page: Page, sender: SenderData, tmp_path: Path, browser: Browser, app: RunningApp
) -> None:
    dni = sender.fields["Número de documento"]
    number = f"F001-{uuid.uuid4().int % 10**8:08d}"
    issued = today() - timedelta(days=3)
    xml = tmp_path / "factura.xml"
    xml.write_bytes(ubl(number=number, issued=issued, issuer_ruc=f"10{dni}7"))

    _start_factura(page, tmp_path)
    stage(page, "annexes", xml)
    summary = page.locator("#invoice-summary")
    expect(summary).to_contain_text(f"Factura {number} de EMPRESA DE SERVICIOS S.A.C.")
    expect(summary).to_contain_text("por S/ 12 345,60")
    expect(page.get_by_label("Nº Documento", exact=True)).to_have_value(number)
    expect(page.get_by_label("Fecha Documento", exact=True)).to_have_value(issued.isoformat())
    screenshot(page, "invoice-form-filled")
    first = submit(page)
    flat = re.sub(r"\s+", "", cargo_text(page))
    assert f"Factura{number}" in flat and f"10{dni}7" in flat

    page.get_by_role("link", name="Registrar otra").click()
    _start_factura(page, tmp_path)
    stage(page, "annexes", xml)
    page.get_by_role("button", name="Guardar correspondencia").click()
    expect(page.locator("#f-annexes-error")).to_contain_text(
        f"El comprobante {number} ya fue presentado en la correspondencia {first}."
    )
    expect(page.get_by_role("dialog")).to_have_count(0)
    screenshot(page, "invoice-duplicate-refused")

    # Trámite Documentario finds it by serie-número and exports the search with its columns.
    clerk = new_page(browser, app)
    try:
        login(clerk, create_staff(app, "mesa_partes"), PASSWORD)
        expect(clerk).to_have_url(re.compile(r"/bandeja/?$"))  # signed in: the token is kept
        goto(clerk, f"/bandeja?comprobante={number}")
        expect_numbers(clerk, [first])
        screenshot(clerk, "invoice-inbox-filtered")
        data, download = download_bytes(
            clerk, clerk.get_by_role("button", name="Exportar Excel (XLSX)")
        )
        assert download.suggested_filename == "correspondencia-bandeja.xlsx"
        rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
        header, (row,) = rows[0], rows[1:]
        assert row[header.index("Número de trámite")] == first
        assert row[header.index("Comprobante (serie-número)")] == number
        assert row[header.index("RUC del emisor")] == f"10{dni}7"
        assert str(row[header.index("Importe")]) in {"12345.6", "12345.60"}
    finally:
        clerk.context.close()
