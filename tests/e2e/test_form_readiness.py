"""A form cannot be submitted before its page has loaded.

On a first load Reflex runs the page's on_load after the events already waiting: a press of
«Registrarme» or «Enviar enlace» in that moment was answered first, and the on_load that
followed cleared the answer (the notice, the errors). It happened to the e2e suite once
cached scripts made the pages hydrate sooner. The socket is held back here, so the page is
React's but its on_load has not run: the submit must not be pressable until it has.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from mpv_app import routes
from tests.e2e.factories import wait_hydrated

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
