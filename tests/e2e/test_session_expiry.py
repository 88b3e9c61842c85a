"""Idle sessions: a warning before expiry, "Seguir conectado" extends, expiry sends the sender
to log in, and the typed draft is still there afterwards.

Runs in its own pytest invocation (``make test`` does it) with the app started with a
12-second idle timeout, a warning 9 seconds before, and a check every second.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.axe import run_axe
from tests.e2e.conftest import screenshot
from tests.e2e.factories import goto, login, signed_in_sender
from tests.e2e.server import RunningApp

pytestmark = pytest.mark.session_expiry
WARNING = "Su sesión está por expirar por inactividad."
EXPIRED = "Su sesión expiró por inactividad. Ingrese nuevamente."


def test_idle_session_warns_extends_expires_and_keeps_the_draft(
    page: Page, app: RunningApp
) -> None:
    if app.env.get("MPV_SESSION_IDLE_MINUTES") != "0.2":
        pytest.fail("run with MPV_E2E_APP_ENV setting a 12 s idle timeout (see Makefile)")
    data = signed_in_sender(page, app)
    goto(page, "/nueva-correspondencia", "form")
    subject = page.get_by_label("Asunto", exact=True)
    subject.fill("Borrador que sobrevive a la sesión")
    subject.press("Tab")  # leaving the field saves the draft on the server

    warning = page.get_by_role("alert").filter(has_text=WARNING)
    expect(warning).to_be_visible(timeout=15_000)
    blocking = [v for v in run_axe(page) if v["impact"] in ("critical", "serious")]
    assert not blocking, blocking  # the warning too meets axe (tests/e2e/test_accessibility.py)
    screenshot(page, "sesion-por-expirar")
    page.get_by_role("button", name="Seguir conectado").click()
    expect(warning).to_have_count(0)

    expect(page).to_have_url(re.compile(r"/iniciar-sesion/?\?vencida=1"), timeout=30_000)
    expect(page.get_by_role("alert").filter(has_text=EXPIRED)).to_be_visible()

    login(page, data.email, data.password)
    expect(page.get_by_role("link", name="Consultar correspondencia")).to_be_visible()
    goto(page, "/nueva-correspondencia", "form")
    expect(page.get_by_label("Asunto", exact=True)).to_have_value(
        "Borrador que sobrevive a la sesión"
    )
