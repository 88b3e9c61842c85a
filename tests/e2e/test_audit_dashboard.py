"""Panel and Auditoría in Chromium: who may see them, the figures, URL-kept audit filters and
tables that scroll inside their box on a phone instead of widening the page."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import create_engine, text

from tests.e2e.conftest import MOBILE, screenshot
from tests.e2e.factories import (
    PASSWORD,
    SenderData,
    create_staff,
    goto,
    login,
    page_loaded,
    signed_in_sender,
)
from tests.e2e.filing_steps import Filed, file_correspondence, new_page
from tests.e2e.server import RunningApp

DASHBOARD = "/panel"
AUDIT = "/administracion/auditoria"
LEGAL = ("Oficina Principal (San Isidro)", "Gerencia Corporativa Legal")
LEGAL_LABEL = "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
DENIED = "403 — Acceso denegado"


@pytest.fixture(scope="module")
def filed(
    browser: Browser, app: RunningApp, tmp_path_factory: pytest.TempPathFactory
) -> tuple[SenderData, Filed]:
    """One sender and one filing to Gerencia Corporativa Legal, shared by the tests here."""
    page = new_page(browser, app)
    try:
        sender = signed_in_sender(page, app)
        filing = file_correspondence(
            page, tmp_path_factory.mktemp("files"), "Consulta para auditoría", destination=LEGAL
        )
    finally:
        page.context.close()
    return sender, filing


def _staff_page(
    browser: Browser, app: RunningApp, role: str, department: str | None = None
) -> Page:
    page = new_page(browser, app)
    # Inside page_loaded from the start: it listens on the page's websocket once it opens.
    with page_loaded(page):
        login(page, create_staff(app, role, department), PASSWORD)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    return page


def _backdate(app: RunningApp, number: str, days: int) -> date:
    """Move a filing's reception date back in the app's database: ages need past dates."""
    received = datetime.now(ZoneInfo("America/Lima")).date() - timedelta(days=days)
    engine = create_engine(app.env["MPV_DATABASE_URL"])
    try:
        with engine.begin() as connection:
            connection.execute(
                text("UPDATE correspondence SET received_on = :d WHERE tracking_number = :n"),
                {"d": received, "n": number},
            )
    finally:
        engine.dispose()
    return received


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def _fits_on_a_phone(page: Page, box_id: str) -> None:
    """At 375 px the page does not scroll sideways; the wide table scrolls inside its box."""
    page.set_viewport_size(MOBILE)
    try:
        # The charts measure their box again after a resize; give them that moment.
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(
                f"document.documentElement.scrollWidth <= {MOBILE['width']}", timeout=5_000
            )
        page_width = page.evaluate("document.documentElement.scrollWidth")
        assert page_width <= MOBILE["width"], page_width
        # The box, or Radix's scroll viewport inside it, is narrower than the table.
        scrolls = page.locator(f"#{box_id}").evaluate(
            """(box) => [box, ...box.querySelectorAll("*")].some((el) =>
                ["auto", "scroll"].includes(getComputedStyle(el).overflowX)
                && el.scrollWidth > el.clientWidth + 1
                && el.getBoundingClientRect().right <= window.innerWidth)"""
        )
        assert scrolls, f"#{box_id} does not scroll inside its box"
    finally:
        page.set_viewport_size({"width": 1280, "height": 900})


def _audit_rows(page: Page):  # type: ignore[no-untyped-def]
    return page.locator("#audit-table tbody tr")


def test_admin_sees_dashboard_figures(
    browser: Browser, app: RunningApp, filed: tuple[SenderData, Filed]
) -> None:
    _, filing = filed
    page = _staff_page(browser, app, "admin")
    try:
        page.get_by_role("navigation").get_by_role("link", name="Panel").click()
        expect(page).to_have_url(re.compile(re.escape(DASHBOARD) + "/?$"))
        expect(page.get_by_role("heading", name="Panel", level=1)).to_be_visible()
        expect(page.locator("#dashboard-scope")).to_have_text("Todas las dependencias")
        for label in ("Registrada", "En proceso", "Atendida", "Rechazada"):
            expect(page.get_by_label(label, exact=True)).to_be_visible()
        registered = page.locator("#card-registered .status-count")
        expect(registered).to_have_text(re.compile(r"^[1-9]\d*$"))
        legal = page.locator("#department-table tbody tr").filter(has_text=LEGAL_LABEL)
        expect(legal).to_have_count(1)
        expect(legal.locator("td").first).to_have_text(re.compile(r"^[1-9]\d*$"))
        title = "Correspondencia sin atender hace más de 5 días hábiles"
        expect(page.get_by_role("heading", name=title)).to_be_visible()
        # Filed today: not waiting too long.
        expect(page.get_by_text(filing.number)).to_have_count(0)
        expect(page.get_by_text("No hay correspondencia pendiente fuera de plazo.")).to_be_visible()

        # Received 30 days ago: listed among the overdue, with its age in business days.
        received = _backdate(app, filing.number, days=30)
        with page_loaded(page):
            page.reload()
        row = page.locator("#overdue-table tbody tr").filter(has_text=filing.number)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Consulta para auditoría")
        expect(row).to_contain_text(LEGAL_LABEL)
        expect(row).to_contain_text(received.strftime("%d/%m/%Y"))
        expect(row.locator("td").nth(3)).to_have_text(re.compile(r"^(1[6-9]|2[0-3])$"))
        expect(page.locator("#overdue-summary")).to_contain_text("Total: ")
        _shot(page, "dashboard")
        _fits_on_a_phone(page, "department-table")
        _fits_on_a_phone(page, "overdue-table")
    finally:
        page.context.close()


def test_admin_filters_the_audit_log_and_the_url_keeps_them(
    browser: Browser, app: RunningApp, filed: tuple[SenderData, Filed]
) -> None:
    sender, filing = filed
    page = _staff_page(browser, app, "admin")
    try:
        with page_loaded(page):
            page.get_by_role("navigation").get_by_role("link", name="Auditoría").click()
        expect(page.get_by_role("heading", name="Auditoría", level=1)).to_be_visible()
        expect(page.locator("#audit-summary")).to_contain_text("registros")
        expect(_audit_rows(page).first).to_be_visible()

        page.get_by_label("Acción", exact=True).select_option(label="Registro de correspondencia")
        with page_loaded(page):
            page.get_by_role("button", name="Buscar").click()
        expect(page).to_have_url(re.compile(r"accion=filing\.register"))
        actions = _audit_rows(page).locator("td:nth-child(3)")
        expect(actions.first).to_have_text("Registro de correspondencia")
        for text in actions.all_inner_texts():
            assert text == "Registro de correspondencia"

        page.get_by_label("Número de trámite", exact=True).fill(filing.number.lower())
        with page_loaded(page):
            page.get_by_role("button", name="Buscar").click()
        expect(page).to_have_url(re.compile(rf"tramite={re.escape(filing.number)}"))
        expect(_audit_rows(page)).to_have_count(1)
        row = _audit_rows(page).first
        expect(row).to_contain_text(sender.email)
        expect(row).to_contain_text(filing.number)
        expect(row).to_contain_text("Correspondencia ")
        expect(page.locator("#audit-summary")).to_have_text("1 registro · Página 1 de 1")

        with page_loaded(page):
            page.reload()
        expect(page).to_have_url(re.compile(r"accion=filing\.register"))
        expect(page).to_have_url(re.compile(rf"tramite={re.escape(filing.number)}"))
        expect(page.get_by_label("Acción", exact=True)).to_have_value("filing.register")
        expect(page.get_by_label("Número de trámite", exact=True)).to_have_value(filing.number)
        expect(_audit_rows(page)).to_have_count(1)
        _shot(page, "audit-log")
        _fits_on_a_phone(page, "audit-table")

        # The sender's own logins, found by part of the email; then a search with no match.
        goto(page, f"{AUDIT}?usuario={sender.email.split('@')[0]}&accion=auth.login")
        expect(page.get_by_label("Usuario", exact=True)).to_have_value(sender.email.split("@")[0])
        expect(_audit_rows(page).first).to_contain_text("Inicio de sesión")
        goto(page, f"{AUDIT}?tramite=MPV-1999-000001")
        expect(
            page.get_by_role("status").filter(
                has_text="No hay registros de auditoría que coincidan"
            )
        ).to_be_visible()
    finally:
        page.context.close()


def test_bad_dates_in_the_url_give_a_message(browser: Browser, app: RunningApp) -> None:
    page = _staff_page(browser, app, "admin")
    try:
        goto(page, f"{AUDIT}?desde=2026-02-30&hasta=2026-01-01")
        expect(
            page.get_by_role("alert").filter(has_text="La fecha «Desde» no es válida")
        ).to_be_visible()
        expect(_audit_rows(page)).to_have_count(0)
        goto(page, f"{AUDIT}?desde=2026-03-10&hasta=2026-03-01")
        expect(page.get_by_role("alert").filter(has_text="no puede ser posterior")).to_be_visible()
        # Fixing the dates in the form searches again.
        page.get_by_label("Desde", exact=True).fill("2020-01-01")
        with page_loaded(page):
            page.get_by_role("button", name="Buscar").click()
        expect(page).to_have_url(re.compile(r"desde=2020-01-01&hasta=2026-03-01"))
        expect(page.get_by_role("alert")).to_have_count(0)
    finally:
        page.context.close()


def test_department_sees_only_its_own_and_not_the_audit_log(
    browser: Browser, app: RunningApp, filed: tuple[SenderData, Filed]
) -> None:
    page = _staff_page(browser, app, "dependencia", "OP-LEG")
    try:
        goto(page, DASHBOARD)
        expect(page.locator("#dashboard-scope")).to_have_text(LEGAL_LABEL)
        expect(page.locator("#department-table tbody tr")).to_have_count(1)
        expect(page.locator("#department-table tbody tr")).to_contain_text(LEGAL_LABEL)
        goto(page, AUDIT)
        expect(page.get_by_role("heading", name=DENIED)).to_be_visible()
        expect(page.locator("#audit-table")).to_have_count(0)
    finally:
        page.context.close()


def test_sender_is_denied_both(page: Page, app: RunningApp, tmp_path: Path) -> None:
    signed_in_sender(page, app)
    for path in (DASHBOARD, AUDIT):
        goto(page, path)
        expect(page.get_by_role("heading", name=DENIED)).to_be_visible()
        expect(page.get_by_role("heading", name="Panel", level=1)).to_have_count(0)
        expect(page.get_by_role("heading", name="Auditoría", level=1)).to_have_count(0)
