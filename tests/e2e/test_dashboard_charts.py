"""The panel's charts in Chromium: each one draws (an SVG with bars) and the table beside it
holds the same numbers as the database, for a screen reader and for anyone who wants them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import create_engine, text

from mpv_app.domain.deadlines import attention_cutoff
from mpv_app.domain.enums import Status
from tests.e2e.conftest import MOBILE, screenshot
from tests.e2e.factories import (
    PASSWORD,
    create_staff,
    goto,
    login,
    page_loaded,
    signed_in_sender,
)
from tests.e2e.filing_steps import Filed, file_correspondence, new_page
from tests.e2e.server import RunningApp

LEGAL = ("Oficina Principal (San Isidro)", "Gerencia Corporativa Legal")
LEGAL_LABEL = "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"
LIMA = ZoneInfo("America/Lima")
BACK = 12  # calendar days: inside the 30-day window, past 5 business days


def _sql(app: RunningApp, query: str, **params: Any) -> list[Any]:
    engine = create_engine(app.env["MPV_DATABASE_URL"])
    try:
        with engine.begin() as connection:
            result = connection.execute(text(query), params)
            return list(result.all()) if result.returns_rows else []
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def backdated(
    browser: Browser, app: RunningApp, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Filed, date]:
    page = new_page(browser, app)
    try:
        signed_in_sender(page, app)
        filed = file_correspondence(
            page, tmp_path_factory.mktemp("panel"), "Consulta para el panel", destination=LEGAL
        )
    finally:
        page.context.close()
    day = datetime.now(LIMA).date() - timedelta(days=BACK)
    _sql(
        app,
        "UPDATE correspondence SET received_on = :d WHERE tracking_number = :n",
        d=day,
        n=filed.number,
    )
    return filed, day


def _day(value: date | str) -> date:
    """SQLite hands dates back as text."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def _admin(browser: Browser, app: RunningApp) -> Page:
    page = new_page(browser, app)
    with page_loaded(page):
        login(page, create_staff(app, "admin"), PASSWORD)
    expect(page.get_by_role("button", name="Cerrar sesión")).to_be_visible()
    return page


def _cells(page: Page, table_id: str, first: str) -> list[str]:
    row = page.locator(f"#{table_id} tbody tr").filter(has=page.locator("th", has_text=first))
    expect(row).to_have_count(1)
    return [c.strip() for c in row.locator("th, td").all_text_contents()]


def test_charts_draw_and_their_tables_hold_the_numbers(
    browser: Browser, app: RunningApp, backdated: tuple[Filed, date]
) -> None:
    _, day = backdated
    page = _admin(browser, app)
    try:
        goto(page, "/panel")
        for chart in ("chart-daily", "chart-departments", "chart-overdue"):
            box = page.locator(f"#{chart}")
            expect(box).to_have_attribute("role", "img")
            expect(box.locator("svg.recharts-surface").first).to_be_visible()
            expect(box.locator(".recharts-bar-rectangle").first).to_be_attached()

        # Per day and status: the table row of the backdated day, against the database.
        counts = dict(
            _sql(
                app,
                "SELECT status, count(*) FROM correspondence WHERE received_on = :d "
                "GROUP BY status",
                d=day,
            )
        )
        expected = [str(counts.get(s.value, 0)) for s in Status]  # stored by value
        assert int(expected[0]) >= 1
        row = _cells(page, "daily-table", day.strftime("%d/%m/%Y"))
        assert row == [day.strftime("%d/%m/%Y"), *expected, str(sum(map(int, expected)))], row
        expect(page.locator("#daily-table caption")).to_have_text(
            "Correspondencia por fecha de recepción y estado, últimos 30 días"
        )
        expect(page.locator("#daily-table tbody tr")).to_have_count(30)

        # Overdue per department, with the same cutoff the app uses.
        today = datetime.now(LIMA).date()
        holidays = {_day(r[0]) for r in _sql(app, "SELECT day FROM holiday")}
        cutoff = attention_cutoff(today, 5, holidays)
        (legal_overdue,) = _sql(
            app,
            "SELECT count(*) FROM correspondence c JOIN department d ON d.id = c.department_id "
            "WHERE d.code = 'OP-LEG' AND c.status IN ('registered', 'in_progress') "
            "AND c.received_on <= :cutoff",
            cutoff=cutoff,
        )
        assert legal_overdue[0] >= 1
        row = _cells(page, "overdue-departments-table", LEGAL_LABEL)
        assert row == [LEGAL_LABEL, str(legal_overdue[0])], row
        _shot(page)
        page.set_viewport_size(MOBILE)
        # The charts re-measure their box after a resize; then nothing is wider than 375 px.
        page.wait_for_function(
            "document.documentElement.scrollWidth <= window.innerWidth", timeout=5_000
        )
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= MOBILE["width"], width
        expect(page.locator("#chart-daily svg.recharts-surface").first).to_be_visible()
    finally:
        page.context.close()


def _shot(page: Page) -> None:
    for path in screenshot(page, "panel-graficos"):
        assert path.stat().st_size > 10_000, path
