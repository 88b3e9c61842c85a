"""The built frontend works under the Content-Security-Policy: no violation, pages hydrate,
the socket connects, a sender files and downloads. (The whole e2e suite runs under it too.)"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from mpv_app import routes
from tests.e2e.factories import goto, signed_in_sender
from tests.e2e.filing_steps import download_bytes, file_correspondence
from tests.e2e.server import RunningApp


def test_pages_work_under_the_csp_without_violations(
    page: Page, app: RunningApp, tmp_path: Path
) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(routes.HOME)
    assert response is not None
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    for path in (routes.REGISTER, routes.LOGIN, routes.FORGOT_PASSWORD, routes.HOME):
        goto(page, path)
    # The skip link runs a script the server sends (Reflex evaluates it): the CSP must allow it.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    signed_in_sender(page, app)  # events over the socket: login, redirect, on_load
    filed = file_correspondence(page, tmp_path, "Prueba bajo la política de contenido")
    pdf, _ = download_bytes(page, page.get_by_role("button", name="Descargar cargo"))
    assert pdf.startswith(b"%PDF")
    expect(page.get_by_text(filed.number).first).to_be_visible()
    assert problems == []
