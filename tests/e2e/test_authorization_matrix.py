"""Each role against each role-gated page: its own pages open, every other one answers 403.

One login per role, then every route in turn: the server decides (``require`` in each page's
load handler), so the matrix is checked in the real app, not in a copy of its rules.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from mpv_app import routes
from tests.e2e.factories import PASSWORD, create_staff, goto, login, signed_in_sender
from tests.e2e.server import RunningApp

FORBIDDEN = "403 — Acceso denegado"
WAIT_MS = 20_000  # each verdict needs a session check on the server; CI machines are busy

# route → the roles that may open it (every other signed-in role gets the 403 panel)
MATRIX: dict[str, set[str]] = {
    routes.NEW_FILING: {"remitente"},
    routes.MY_FILINGS: {"remitente"},
    routes.RECEPTION_INBOX: {"mesa_partes"},
    routes.DEPARTMENT_INBOX: {"dependencia"},
    routes.DASHBOARD: {"mesa_partes", "dependencia", "admin"},
    routes.ADMIN: {"admin"},
    routes.ADMIN_CENTERS: {"admin"},
    routes.ADMIN_DEPARTMENTS: {"admin"},
    routes.ADMIN_DOCUMENT_TYPES: {"admin"},
    routes.ADMIN_CALENDAR: {"admin"},
    routes.ADMIN_STAFF: {"admin"},
    routes.AUDIT_LOG: {"admin"},
}
ROLES = ["remitente", "mesa_partes", "dependencia", "admin"]


def _sign_in(page: Page, app: RunningApp, role: str) -> None:
    if role == "remitente":
        signed_in_sender(page, app)
        return
    email = create_staff(app, role, "OP-LEG" if role == "dependencia" else None)
    login(page, email, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/iniciar-sesion"), timeout=WAIT_MS)
    # Let the landing page finish loading before the next navigation starts.
    expect(page.locator("main").get_by_role("heading", level=1)).to_be_visible(timeout=WAIT_MS)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_its_pages_and_gets_403_elsewhere(
    page: Page, app: RunningApp, role: str
) -> None:
    _sign_in(page, app, role)
    verdicts: dict[str, str] = {}
    for route, allowed in MATRIX.items():
        goto(page, route)
        main = page.locator("main")
        if role in allowed:
            expect(main.get_by_role("heading", level=1)).to_be_visible(timeout=WAIT_MS)
            expect(main.get_by_text(FORBIDDEN)).to_have_count(0)
            verdicts[route] = "ok"
        else:
            heading = main.get_by_role("heading", name=FORBIDDEN, level=1)
            expect(heading).to_be_visible(timeout=WAIT_MS)
            verdicts[route] = "403"
    expected = {route: "ok" if role in allowed else "403" for route, allowed in MATRIX.items()}
    assert verdicts == expected


@pytest.mark.parametrize("route", sorted(MATRIX))
def test_signed_out_visitors_are_sent_to_login(page: Page, route: str) -> None:
    goto(page, route, "form")
    expect(page).to_have_url(re.compile(r"/iniciar-sesion\?next="))
