"""A form can be pressed as soon as its page shows, and a file dropped only once it has loaded.

On a first load Reflex runs the page's on_load after the events already waiting for the tab:
a press of «Ingresar» or «Enviar enlace» at once was answered first, and the on_load that
followed cleared the answer (the notice, the errors). The submits waited, disabled, for the
load (about 1.3 s on a slow phone); now the on_load keeps an answer of its own page view.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from mpv_app import routes
from mpv_app.services import auth, password_reset
from mpv_app.state.confirm import RESENT
from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import LOAD_DONE, signed_in_sender, wait_hydrated
from tests.e2e.filing_steps import drop, open_form, stage, staged
from tests.e2e.server import RunningApp

# socket.io's CONNECT packet from the page (it carries Reflex's hydrate) and its answer.
CONNECT = re.compile(r"^40/_event,")
FORMS = [
    (routes.REGISTER, "Registrarme", {}, "Seleccione el tipo de documento."),
    (routes.LOGIN, "Ingresar", {"Correo electrónico": "nadie@example.com",
                                "Contraseña": "clave-equivocada"}, auth.BAD_CREDENTIALS),
    (routes.FORGOT_PASSWORD, "Enviar enlace", {"Correo electrónico": "nadie@example.com"},
     password_reset.RESET_REQUESTED),
    (routes.RESEND_CONFIRMATION, "Reenviar correo", {"Correo electrónico": "nadie@example.com"},
     RESENT),
]  # fmt: skip


@pytest.mark.parametrize(("path", "button", "fields", "answer"), FORMS)
def test_a_press_before_the_page_has_loaded_keeps_its_answer(
    page: Page, path: str, button: str, fields: dict[str, str], answer: str
) -> None:
    """The page's CONNECT is answered here and held; the press goes up on that socket and is
    held too, then both reach the server back to back: the press waits behind the hydrate,
    and the page's on_load, which the hydrate chains, behind the press."""
    held: list[str | bytes] = []
    servers: list[WebSocketRoute] = []
    pressed, released = [False], [False]

    def connect_early(socket: WebSocketRoute) -> None:
        server = socket.connect_to_server()
        servers.append(server)
        first = len(servers) == 1

        def from_page(message: str | bytes) -> None:
            if not first or not isinstance(message, str) or released[0]:
                server.send(message)
            elif CONNECT.match(message):
                held.append(message)
                socket.send('40/_event,{"sid":"held"}')  # the page believes it is connected
            else:
                held.append(message)  # the press, and whatever the page sends before it
                pressed[0] = pressed[0] or '.submit"' in message

        def from_server(message: str | bytes) -> None:
            if first and isinstance(message, str) and CONNECT.match(message):
                return  # the page had its answer already
            socket.send(message)

        socket.on_message(from_page)
        server.on_message(from_server)

    page.route_web_socket("**/_event**", connect_early)
    page.goto(path)
    wait_hydrated(page, "form")
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    submit = page.get_by_role("button", name=button)
    expect(submit).to_be_enabled()  # usable before the page has loaded
    submit.click()
    deadline = time.monotonic() + 20
    while not pressed[0]:
        assert time.monotonic() < deadline, "the press never went up"
        page.wait_for_timeout(25)
    released[0] = True
    for message in held:
        servers[0].send(message)
    expect(page.get_by_text(answer).first).to_be_visible()
    page.wait_for_timeout(1000)  # the on_load has run by now: the answer must still be there
    expect(page.get_by_text(answer).first).to_be_visible()


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
