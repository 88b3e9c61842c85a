"""Browser steps a sender takes to file correspondence, shared by the filing, consulta and staff
workflow suites: open «Nueva correspondencia», fill it, stage files, submit, read the cargo."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, Download, Locator, Page, expect
from pypdf import PdfReader

from tests.e2e import filing_files as ff
from tests.e2e.conftest import DESKTOP
from tests.e2e.factories import goto
from tests.e2e.server import RunningApp

FORM = "/nueva-correspondencia"
MY_FILINGS = "/tramites"
NUMBER_RE = re.compile(r"^MPV-\d{4}-\d{6}$")
LIMA = ZoneInfo("America/Lima")


def today() -> date:
    return datetime.now(LIMA).date()


def open_form(page: Page) -> None:
    goto(page, FORM, "form")
    expect(page.get_by_role("heading", name="Nueva correspondencia", level=1)).to_be_visible()


def fill_form(
    page: Page,
    subject: str,
    *,
    doc_type: str = "Carta",
    number: str = "CARTA-001-2024",
    day: date | None = None,
    pages: int = 3,
) -> None:
    page.get_by_label("Asunto", exact=True).fill(subject)
    page.get_by_label("Tipo de correspondencia", exact=True).select_option(label=doc_type)
    page.get_by_label("Nº Documento", exact=True).fill(number)
    day = day or today() - timedelta(days=2)
    page.get_by_label("Fecha Documento", exact=True).fill(day.isoformat())
    page.get_by_label("Nº de páginas", exact=True).fill(str(pages))
    page.get_by_label("Observación", exact=True).fill("Enviado por la prueba e2e.")


def choose_destination(page: Page, center: str, department: str) -> None:
    """Turn on «Conozco el lugar de destino» and pick the center, then the department."""
    page.get_by_role("switch", name="Conozco el lugar de destino").click()
    page.get_by_label("Centro de gestión", exact=True).select_option(label=center)
    departments = page.get_by_label("Dependencia destino", exact=True)
    expect(departments.locator("option", has_text=department)).to_have_count(1)
    departments.select_option(label=department)


def staged(page: Page, name: str | None = None) -> Locator:
    rows = page.locator(".staged-file")
    return rows.filter(has_text=name) if name else rows


def upload(page: Page, zone: str, *paths: Path) -> None:
    """Drop files on the "main" or "annexes" zone (does not wait for the answer)."""
    page.locator(f"#upload-{zone} input[type=file]").set_input_files([str(p) for p in paths])


def drop(page: Page, zone: str, *paths: Path) -> None:
    """Drop files on a zone as a person dragging them from the desktop does (several at once
    even where the file picker allows one)."""
    files = [{"name": p.name, "data": list(p.read_bytes())} for p in paths]
    transfer = page.evaluate_handle(
        """(files) => {
            const transfer = new DataTransfer();
            for (const f of files) {
                transfer.items.add(new File([new Uint8Array(f.data)], f.name,
                                            {type: "application/pdf"}));
            }
            return transfer;
        }""",
        files,
    )
    target = page.locator(f"#upload-{zone} input[type=file]").locator("..")
    for event in ("dragenter", "dragover", "drop"):
        target.dispatch_event(event, {"dataTransfer": transfer})


def stage(page: Page, zone: str, *paths: Path) -> None:
    """Upload and wait until every file is listed as staged."""
    upload(page, zone, *paths)
    for path in paths:
        expect(staged(page, path.name)).to_have_count(1, timeout=60_000)
    expect(page.get_by_text("Subiendo…")).to_have_count(0)


def submit(page: Page) -> str:
    page.get_by_role("button", name="Guardar correspondencia").click()
    return filed_number(page)


def filed_number(page: Page) -> str:
    dialog = page.get_by_role("dialog", name="Correspondencia registrada")
    expect(dialog.locator("#tracking-number")).to_have_text(NUMBER_RE, timeout=30_000)
    return dialog.locator("#tracking-number").inner_text().strip()


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF"), data[:20]
    return "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)


def download_bytes(page: Page, button: Locator) -> tuple[bytes, Download]:
    """Click a download button; returns what the browser saved and the download itself."""
    with page.expect_download() as info:
        button.click()
    download = info.value
    return Path(download.path()).read_bytes(), download


def cargo_text(page: Page) -> str:
    """Click «Descargar cargo» and return the downloaded PDF's text."""
    data, _ = download_bytes(page, page.get_by_role("button", name="Descargar cargo"))
    return pdf_text(data)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Filed:
    number: str
    subject: str
    main: Path


def file_correspondence(
    page: Page,
    folder: Path,
    subject: str,
    *,
    doc_type: str = "Carta",
    destination: tuple[str, str] | None = None,
    main_name: str = "principal.pdf",
    pages: int = 1,
) -> Filed:
    """A complete filing through the form: data, optional destination, one main PDF."""
    open_form(page)
    fill_form(page, subject, doc_type=doc_type, pages=pages)
    if destination:
        choose_destination(page, *destination)
    main = ff.pdf(folder, main_name, pages=pages)
    stage(page, "main", main)
    return Filed(submit(page), subject, main)


def new_page(browser: Browser, app: RunningApp) -> Page:
    """A page in its own browser context (own cookies and LocalStorage): one more person.

    For module-scoped actors; the caller closes ``page.context``."""
    context = browser.new_context(viewport=DESKTOP, locale="es-PE", base_url=app.base_url)
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def result_rows(page: Page) -> Locator:
    """The body rows of the consulta's results table (the header row left out)."""
    return page.get_by_role("table").locator("tbody tr")


def result_numbers(page: Page) -> Locator:
    """The number cell of each result row, in the order shown."""
    return result_rows(page).locator("th")


def expect_numbers(page: Page, numbers: list[str]) -> None:
    """Exactly these filings, in this order (each cell also holds a screen-reader suffix)."""
    expect(result_numbers(page)).to_have_text(
        [re.compile("^" + re.escape(n) + r"\b") for n in numbers]
    )
