"""The staff inbox in Chromium: compact rows that a long unbroken Asunto cannot widen, the
business days waiting coloured (and worded) past the term, what needs attention first, and
cards instead of a table on a phone."""

from __future__ import annotations

import re
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from tests.e2e.conftest import DESKTOP, MOBILE, screenshot
from tests.e2e.factories import (
    PASSWORD,
    create_staff,
    goto,
    login,
    page_loaded,
    signed_in_sender,
)
from tests.e2e.filing_steps import (
    Filed,
    file_correspondence,
    new_page,
    result_numbers,
    result_rows,
)
from tests.e2e.server import RunningApp

LEGAL = ("Oficina Principal (San Isidro)", "Gerencia Corporativa Legal")
TOKEN = "bandejacompacta" + uuid.uuid4().hex[:6]
# 240 characters without a space: the case that pushed every other column off screen.
LONG = TOKEN + "X" * (240 - len(TOKEN))
MAX_ROW_PX = 56


class Filings:
    def __init__(self, long: Filed, overdue: Filed, legal: Filed) -> None:
        self.long, self.overdue, self.legal = long, overdue, legal


def _backdate(app: RunningApp, number: str, days: int) -> None:
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


@pytest.fixture(scope="module")
def filings(browser: Browser, app: RunningApp, tmp_path_factory: pytest.TempPathFactory) -> Filings:
    """Three filings sharing TOKEN: one with the long Asunto (today), one received 20 days
    ago (overdue), and one sent straight to Gerencia Corporativa Legal."""
    page = new_page(browser, app)
    folder = tmp_path_factory.mktemp("inbox")
    try:
        signed_in_sender(page, app)
        overdue = file_correspondence(page, folder, f"Reclamo antiguo {TOKEN}")
        long = file_correspondence(page, folder, LONG)
        legal = file_correspondence(page, folder, f"Consulta legal {TOKEN}", destination=LEGAL)
    finally:
        page.context.close()
    _backdate(app, overdue.number, 20)
    return Filings(long, overdue, legal)


def _staff(browser: Browser, app: RunningApp, role: str, department: str | None = None) -> Page:
    page = new_page(browser, app)
    with page_loaded(page):
        login(page, create_staff(app, role, department), PASSWORD)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    return page


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def _row(page: Page, number: str):  # type: ignore[no-untyped-def]
    return result_rows(page).filter(has_text=number)


def test_long_subject_keeps_rows_compact_and_estado_on_screen(
    browser: Browser, app: RunningApp, filings: Filings
) -> None:
    page = _staff(browser, app, "mesa_partes")
    try:
        goto(page, f"/bandeja?asunto={TOKEN}")
        expect(result_rows(page)).to_have_count(3)
        row = _row(page, filings.long.number)
        heights = [box["height"] for box in (r.bounding_box() for r in result_rows(page).all())]
        assert all(h is not None and 32 <= h <= MAX_ROW_PX for h in heights), heights
        print(f"row heights at 1280 px: {heights}")  # the report quotes them (pytest -s)
        estado = row.locator("td").last
        expect(estado).to_have_text("Registrada")
        box = estado.bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= DESKTOP["width"], box
        # Nothing scrolls sideways: not the page, not the table.
        widths = page.evaluate(
            """() => [document.documentElement.scrollWidth, window.innerWidth,
                      document.querySelector('#inbox-table table').scrollWidth,
                      document.querySelector('#inbox-table').clientWidth]"""
        )
        assert widths[0] <= widths[1] and widths[2] <= widths[3] + 1, widths
        # The whole Asunto is still there: in the cell's text and as its title.
        subject = row.locator(".inbox-subject")
        expect(subject).to_have_attribute("title", LONG)
        expect(subject).to_have_text(LONG)
        expect(page.get_by_role("columnheader")).to_have_text(
            [
                "Número",
                "Recepción",
                "Días hábiles en espera",
                "Remitente",
                "Asunto",
                "Destino",
                "Estado",
            ]
        )
        _shot(page, "bandeja-compacta")
    finally:
        page.context.close()


def test_waiting_days_are_coloured_and_worded_and_the_oldest_comes_first(
    browser: Browser, app: RunningApp, filings: Filings
) -> None:
    page = _staff(browser, app, "mesa_partes")
    try:
        goto(page, f"/bandeja?asunto={TOKEN}")
        # Received 20 days ago: first, however recent its number.
        expect(result_numbers(page).first).to_have_text(re.compile(filings.overdue.number))
        late = _row(page, filings.overdue.number).locator("td").nth(1)
        expect(late).to_have_text(re.compile(r"^1[2-6] · fuera de plazo$"))
        badge = late.locator(".wait-overdue")
        expect(badge).to_have_count(1)
        red, green, blue = badge.evaluate(
            "(el) => getComputedStyle(el).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)"
        )
        assert red > green + 50 and red > blue + 50, (red, green, blue)  # a red, dark or not
        fresh = _row(page, filings.long.number).locator("td").nth(1)
        expect(fresh).to_have_text("0")
        expect(fresh.locator(".wait-on_time")).to_have_count(1)
        # An explicit order travels in the URL and comes back on reload.
        with page_loaded(page):
            page.get_by_label("Orden", exact=True).select_option("recientes")
        expect(page).to_have_url(re.compile(r"orden=recientes"))
        expect(result_numbers(page).first).to_have_text(re.compile(filings.legal.number))
        with page_loaded(page):
            page.reload()
        expect(page.get_by_label("Orden", exact=True)).to_have_value("recientes")
        expect(page).to_have_url(re.compile(rf"asunto={TOKEN}"))
        with page_loaded(page):
            page.get_by_label("Orden", exact=True).select_option("")
        expect(page).not_to_have_url(re.compile(r"orden="))
        expect(result_numbers(page).first).to_have_text(re.compile(filings.overdue.number))
    finally:
        page.context.close()


def test_department_inbox_and_phone_cards(
    browser: Browser, app: RunningApp, filings: Filings
) -> None:
    page = _staff(browser, app, "dependencia", "OP-LEG")
    try:
        goto(page, "/dependencia")
        row = _row(page, filings.legal.number)
        expect(row).to_have_count(1)
        expect(row).to_contain_text("Gerencia Corporativa Legal — Oficina Principal")
        _shot(page, "bandeja-dependencia-compacta")
        goto(page, f"/dependencia?asunto={TOKEN}")
        _shot(page, "bandeja-dependencia-busqueda")

        page.set_viewport_size(MOBILE)
        goto(page, f"/dependencia?asunto={TOKEN}")
        expect(page.locator("#inbox-table")).to_be_hidden()
        card = page.locator("#inbox-cards li").filter(has_text=filings.legal.number)
        expect(card).to_be_visible()
        for shown in ("Registrada", "Recepción: ", f"Consulta legal {TOKEN}"):
            expect(card).to_contain_text(shown)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], width
    finally:
        page.context.close()


def test_reception_inbox_on_a_phone_has_no_sideways_scroll(
    browser: Browser, app: RunningApp, filings: Filings
) -> None:
    page = _staff(browser, app, "mesa_partes")
    try:
        page.set_viewport_size(MOBILE)
        goto(page, f"/bandeja?asunto={TOKEN}")
        cards = page.locator("#inbox-cards li")
        expect(cards).to_have_count(3)
        expect(cards.first).to_contain_text(filings.overdue.number)
        expect(cards.first).to_contain_text("fuera de plazo")
        long_card = cards.filter(has_text=filings.long.number)
        box = long_card.bounding_box()
        assert box is not None and box["x"] + box["width"] <= MOBILE["width"], box
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], width
        page.set_viewport_size(DESKTOP)
        _shot(page, "bandeja-busqueda")
    finally:
        page.context.close()


def _department_id(app: RunningApp, code: str) -> int:
    engine = create_engine(app.env["MPV_DATABASE_URL"])
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT id FROM department WHERE code = :c"), {"c": code}
            ).scalar_one()
    finally:
        engine.dispose()
    return int(found)


def test_derivar_never_offers_the_current_department(
    browser: Browser, app: RunningApp, filings: Filings
) -> None:
    head_office, legal = LEGAL
    page = _staff(browser, app, "mesa_partes")
    try:
        goto(page, f"/tramites/{filings.legal.number}")
        page.get_by_role("button", name="Derivar", exact=True).click()
        dialog = page.get_by_role("dialog", name="Derivar la correspondencia")
        expect(dialog).to_be_visible()
        center = dialog.get_by_label("Centro de gestión", exact=True)
        department = dialog.get_by_label("Dependencia destino", exact=True)
        center.select_option(label=head_office)
        expect(department.locator("option", has_text="Trámite Documentario")).to_have_count(1)
        expect(department.locator("option", has_text=legal)).to_have_count(0)
        _shot(page, "derivar-sin-dependencia-actual")

        # A hand-made option for the current department: the service still refuses it.
        current = _department_id(app, "OP-LEG")
        department.evaluate(
            "(el, id) => { const o = document.createElement('option');"
            " o.value = String(id); o.text = 'actual'; el.appendChild(o); el.value = o.value; }",
            current,
        )
        dialog.get_by_role("button", name="Derivar", exact=True).click()
        expect(dialog.get_by_text("La correspondencia ya está en esa dependencia")).to_be_visible()
        page.keyboard.press("Escape")

        # The one Trámite Documentario holds: Trámite Documentario is not offered there.
        goto(page, f"/tramites/{filings.long.number}")
        page.get_by_role("button", name="Derivar", exact=True).click()
        dialog = page.get_by_role("dialog", name="Derivar la correspondencia")
        dialog.get_by_label("Centro de gestión", exact=True).select_option(label=head_office)
        department = dialog.get_by_label("Dependencia destino", exact=True)
        expect(department.locator("option", has_text=legal)).to_have_count(1)
        expect(department.locator("option", has_text="Trámite Documentario")).to_have_count(0)
    finally:
        page.context.close()
