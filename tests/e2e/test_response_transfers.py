"""Atender with several response files dropped at once: one bar per file, each with its own
«Cancelar», as on the new-filing form (the subsanación dialog uses the same zone)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import PASSWORD, create_staff, goto, login, signed_in_sender
from tests.e2e.filing_steps import file_correspondence, new_page
from tests.e2e.server import RunningApp
from tests.e2e.test_upload_progress import SLOW_UPLOAD, _throttle

LEGAL = ("Oficina Principal (San Isidro)", "Gerencia Corporativa Legal")


def _dialog(page: Page, button: str, title: str):  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.get_by_role("dialog", name=title)
    expect(dialog).to_be_visible()
    return dialog


def test_each_response_file_has_its_own_bar_and_cancel(
    page: Page, browser: Browser, app: RunningApp, tmp_path: Path
) -> None:
    signed_in_sender(page, app)
    number = file_correspondence(
        page, tmp_path, "Consulta con varios archivos de respuesta", destination=LEGAL
    ).number
    staff = new_page(browser, app)
    login(staff, create_staff(app, "dependencia", "OP-LEG"), PASSWORD)
    expect(staff).to_have_url(re.compile(r"/dependencia/?$"))
    goto(staff, f"/tramites/{number}")
    _dialog(staff, "Tomar", "Tomar la correspondencia").get_by_role(
        "button", name="Tomar", exact=True
    ).click()
    expect(staff.get_by_role("button", name="Atender", exact=True)).to_be_visible()
    dialog = _dialog(staff, "Atender", "Atender la correspondencia")
    first, second, third = (
        ff.pdf_of_size(tmp_path, f"respuesta-{i}.pdf", 3 * ff.MIB) for i in (1, 2, 3)
    )
    _throttle(staff, SLOW_UPLOAD)
    staff.locator("#upload-response input[type=file]").set_input_files(
        [str(first), str(second), str(third)]
    )
    transfers = dialog.locator("#transfers .transfer")
    expect(transfers).to_have_count(3)
    for path in (first, second, third):
        expect(dialog.get_by_role("progressbar", name=f"Subiendo {path.name}")).to_be_visible()
    screenshot(staff, "detalle-atender-varios-archivos")
    transfers.filter(has_text=second.name).get_by_role(
        "button", name=f"Cancelar {second.name}"
    ).click()
    expect(transfers.filter(has_text=second.name)).to_have_count(0)
    _throttle(staff, -1)
    files = dialog.locator(".staged-file")
    for path in (first, third):
        expect(files.filter(has_text=path.name)).to_have_count(1, timeout=60_000)
    expect(transfers).to_have_count(0)
    expect(files.filter(has_text=second.name)).to_have_count(0)
    staff.context.close()
