"""The production topology end to end: nginx in front of three backends on PostgreSQL and
Redis. A sender fills the form and stages the main PDF; the backend holding the sender's
websocket is killed; the tab reconnects through nginx to another backend and submits what it
had staged; reception routes the filing, the department takes and attends it; nothing is lost.

Own pytest run (``-m topology``, `make test` does it); needs MPV_TEST_DATABASE_URL and
MPV_TEST_REDIS_URL (CI sets both) and Debian's nginx (`make nginx`)."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.factories import PASSWORD, create_staff, goto, login, signed_in_sender
from tests.e2e.filing_steps import fill_form, new_page, open_form, stage, submit
from tests.e2e.mailbox import wait_for_mail
from tests.e2e.test_staff_workflow import expect_status, history, open_detail, open_dialog, value
from tests.e2e.topology import Topology, postgres_database, start_topology, stop_topology

pytestmark = pytest.mark.topology

SUBJECT = "Solicitud enviada mientras se cae un servidor"
LEGAL_DESTINATION = "Gerencia Corporativa Legal — Oficina Principal (San Isidro)"


@pytest.fixture(scope="module")
def topology(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Topology]:
    database = os.environ.get("MPV_TEST_DATABASE_URL", "")
    redis = os.environ.get("MPV_TEST_REDIS_URL", "")
    if not database.startswith("postgresql") or not redis:
        pytest.skip("needs MPV_TEST_DATABASE_URL (PostgreSQL) and MPV_TEST_REDIS_URL")
    with postgres_database(database) as url:
        running = start_topology(tmp_path_factory.mktemp("topology"), url, redis)
        try:
            yield running
        finally:
            stop_topology(running)


def websocket_backend(topology: Topology, timeout_s: float = 20) -> int:
    """The port of the one backend that holds a websocket (only one tab is open)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        busy = [b["port"] for b in topology.backends() if topology.websockets(b["port"])]
        if len(busy) == 1:
            return busy[0]
        time.sleep(0.2)
    raise AssertionError(f"expected one backend with a websocket, saw {busy}")


def staff(browser: Browser, topology: Topology, role: str, department: str | None) -> Page:
    page = new_page(browser, topology.app)
    login(page, create_staff(topology.app, role, department), PASSWORD)
    home = "/bandeja" if role == "mesa_partes" else "/dependencia"
    expect(page).to_have_url(re.compile(re.escape(home) + "/?$"))
    return page


def test_a_worker_dies_mid_filing_and_nothing_is_lost(
    browser: Browser, topology: Topology, tmp_path: Path
) -> None:
    app = topology.app
    assert len(topology.backends()) == 3
    sender = new_page(browser, app)
    data = signed_in_sender(sender, app)
    open_form(sender)
    fill_form(sender, SUBJECT, pages=1)
    stage(sender, "main", ff.pdf(tmp_path, "principal.pdf", pages=1))

    doomed = websocket_backend(topology)
    old_pid = topology.kill_backend(doomed)
    # The tab's socket drops; it reconnects through nginx to a backend that is alive.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        others = [b["port"] for b in topology.backends() if b["port"] != doomed]
        if any(topology.websockets(port) for port in others):
            break
        time.sleep(0.2)
    else:
        raise AssertionError("the tab did not reconnect to another backend")
    # What the tab had staged lived in Redis, not in the dead worker: it is still there.
    expect(sender.locator(".staged-file").filter(has_text="principal.pdf")).to_have_count(1)
    number = submit(sender)
    wait_for_mail(app.mail_dir, data.email, f"Correspondencia registrada {number}")

    reception = staff(browser, topology, "mesa_partes", None)
    open_detail(reception, number)
    dialog = open_dialog(reception, "Derivar", "Derivar la correspondencia")
    dialog.get_by_label("Centro de gestión", exact=True).select_option(
        label="Oficina Principal (San Isidro)"
    )
    dialog.get_by_label("Dependencia destino", exact=True).select_option(
        label="Gerencia Corporativa Legal"
    )
    dialog.get_by_role("button", name="Derivar", exact=True).click()
    expect(value(reception, "Destino")).to_have_text(LEGAL_DESTINATION)

    legal = staff(browser, topology, "dependencia", "OP-LEG")
    open_detail(legal, number)
    open_dialog(legal, "Tomar", "Tomar la correspondencia").get_by_role(
        "button", name="Tomar", exact=True
    ).click()
    expect_status(legal, "En proceso")
    dialog = open_dialog(legal, "Atender", "Atender la correspondencia")
    dialog.get_by_label("Respuesta", exact=True).fill("Atendida detrás de nginx.")
    dialog.get_by_role("button", name="Atender", exact=True).click()
    expect_status(legal, "Atendida")

    # The killed backend was started again, and the sender sees the whole history.
    restarted = [b["pid"] for b in topology.backends() if b["port"] == doomed]
    assert restarted and restarted[0] != old_pid
    goto(sender, "/tramites")
    open_detail(sender, number)
    expect_status(sender, "Atendida")
    expect(history(sender)).to_have_count(4)
    expect(sender.locator("main").get_by_text(SUBJECT).first).to_be_visible()
    for page in (sender, reception, legal):
        page.context.close()
