"""A form cannot be submitted before its page has loaded.

On a first load Reflex runs the page's on_load after the events already waiting: a press of
«Registrarme» or «Enviar enlace» in that moment was answered first, and the on_load that
followed cleared the answer (the notice, the errors). It happened to the e2e suite once
cached scripts made the pages hydrate sooner. The socket is held back here, so the page is
React's but its on_load has not run: the submit must not be pressable until it has.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from mpv_app import routes
from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import LOAD_DONE, signed_in_sender, wait_hydrated
from tests.e2e.filing_steps import drop, open_form, stage, staged
from tests.e2e.server import RunningApp

FORMS = [
    (routes.REGISTER, "Registrarme"),
    (routes.LOGIN, "Ingresar"),
    (routes.FORGOT_PASSWORD, "Enviar enlace"),
    (routes.RESEND_CONFIRMATION, "Reenviar correo"),
]


@pytest.mark.parametrize(("path", "button"), FORMS)
def test_the_submit_waits_for_the_page_to_load(page: Page, path: str, button: str) -> None:
    held: list[WebSocketRoute] = []
    let_through = False

    def hold(socket: WebSocketRoute) -> None:  # accepted, not connected to the server yet
        if let_through:
            socket.connect_to_server()  # from now on the frames pass both ways
        else:
            held.append(socket)

    page.route_web_socket("**/_event**", hold)
    page.goto(path)
    wait_hydrated(page, "form")
    submit = page.get_by_role("button", name=button)
    expect(submit).to_be_visible()
    assert held, "the page never opened its socket"
    expect(submit).to_be_disabled()
    let_through = True
    page.reload()  # now the socket reaches the server and the on_load runs
    wait_hydrated(page, "form")
    expect(page.get_by_role("button", name=button)).to_be_enabled()


def test_the_drop_zones_take_no_file_before_the_page_has_loaded(
    page: Page, app: RunningApp, tmp_path: Path
) -> None:
    """On a reload Reflex shows the tab's last state (the zones too) before the on_load has
    read the staged files: a file dropped then went up beside the on_load, whose list, read a
    moment before, came back without it. The zones wait for the load, as the submit does."""
    signed_in_sender(page, app)
    open_form(page)  # the draft exists now: a reload shows the form before the on_load ends
    sockets: list[WebSocketRoute] = []
    held: list[str | bytes] = []
    holding = [True]

    def delay_the_load_end(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        sockets.append(socket)

        def from_server(message: str | bytes) -> None:
            text = message if isinstance(message, str) else message.decode("utf-8", "replace")
            if holding[0] and (held or LOAD_DONE.search(text)):
                held.append(message)  # the load's end, and every answer after it, waits
            else:
                socket.send(message)

        server.on_message(from_server)

    page.route_web_socket("**/_event**", delay_the_load_end)
    uploads: list[str] = []
    page.on("request", lambda r: uploads.append(r.url) if "/_upload" in r.url else None)
    page.reload()
    zone = page.get_by_role("button", name=re.compile("^Documento principal"))
    expect(zone).to_be_visible()
    wait_hydrated(page, "form")
    deadline = time.monotonic() + 20
    while not held:
        assert time.monotonic() < deadline, "the on_load's end never came"
        page.wait_for_timeout(25)
    expect(zone).to_have_attribute("aria-disabled", "true")
    screenshot(page, "nueva-correspondencia-cargando")
    drop(page, "main", ff.pdf(tmp_path, "antes.pdf"))
    page.wait_for_timeout(500)
    assert not uploads, "a file went up before the page had read its staged files"

    holding[0] = False
    for message in held:
        sockets[-1].send(message)
    expect(zone).to_have_attribute("aria-disabled", "false")
    stage(page, "main", ff.pdf(tmp_path, "despues.pdf"))
    expect(staged(page)).to_have_count(1)
