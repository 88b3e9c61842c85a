"""Auditoría reads as sentences: who did what to which filing, with status names, never JSON."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.factories import PASSWORD, create_staff, goto, login, signed_in_sender
from tests.e2e.filing_steps import file_correspondence, new_page
from tests.e2e.server import RunningApp

AUDIT = "/administracion/auditoria"
LEGAL = ("Oficina Principal (San Isidro)", "Gerencia Corporativa Legal")
LEGAL_LABEL = "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"


def _staff_page(browser: Browser, app: RunningApp, role: str, department: str | None = None):  # type: ignore[no-untyped-def]
    page = new_page(browser, app)
    email = create_staff(app, role, department)
    login(page, email, PASSWORD)
    # The landing page's load may finish before a counter could start: wait for what it shows.
    expect(page).not_to_have_url(re.compile(r"/iniciar-sesion"))
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    return page, email


def _row(page: Page, number: str, action: str):  # type: ignore[no-untyped-def]
    return page.locator("#audit-table tbody tr").filter(has_text=action).filter(has_text=number)


def test_audit_rows_read_as_spanish_sentences(
    browser: Browser, app: RunningApp, tmp_path: Path
) -> None:
    sender_page = new_page(browser, app)
    try:
        sender = signed_in_sender(sender_page, app)
        filing = file_correspondence(
            sender_page, tmp_path, "Consulta para la auditoría legible", destination=LEGAL
        )
    finally:
        sender_page.context.close()
    name = f"{sender.fields['Nombres']} {sender.fields['Apellidos']}"

    legal, clerk = _staff_page(browser, app, "dependencia", "OP-LEG")
    try:
        goto(legal, f"/tramites/{filing.number}")
        legal.get_by_role("button", name="Tomar", exact=True).click()
        dialog = legal.get_by_role("dialog", name="Tomar la correspondencia")
        dialog.get_by_role("button", name="Tomar", exact=True).click()
        expect(legal.get_by_text("En proceso", exact=True).first).to_be_visible()
    finally:
        legal.context.close()

    admin, _ = _staff_page(browser, app, "admin")
    try:
        goto(admin, f"{AUDIT}?tramite={filing.number}")
        taken = _row(admin, filing.number, "Correspondencia tomada")
        expect(taken).to_have_count(1)
        expect(taken.locator(".audit-sentence")).to_have_text(
            f"{clerk} tomó {filing.number}: Registrada → En proceso"
        )
        expect(taken.locator(".audit-detail")).to_have_text(f"Dependencia: {LEGAL_LABEL}")

        registered = _row(admin, filing.number, "Registro de correspondencia")
        expect(registered.locator(".audit-sentence")).to_have_text(
            f"{name} registró {filing.number}"
        )
        expect(registered.locator(".audit-detail")).to_contain_text("Archivos: ")
        # No raw JSON and no status codes anywhere in the table.
        table = admin.locator("#audit-table").inner_text()
        assert not re.search(r"[{}\[\]]|in_progress|registered|\"from\"", table), table
        for path in screenshot(admin, "audit-sentences"):
            assert path.stat().st_size > 10_000, path

        goto(admin, f"{AUDIT}?accion=auth.login&usuario={clerk.split('@')[0]}")
        login_row = admin.locator("#audit-table tbody tr").first
        expect(login_row.locator(".audit-sentence")).to_have_text(f"{clerk} inició sesión")
    finally:
        admin.context.close()
