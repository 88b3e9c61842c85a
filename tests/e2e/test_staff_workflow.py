"""The staff workflow end to end: Trámite Documentario routes or rejects a new filing, the
department takes and attends it with a response file, the sender is told by email at each step
and sees it all; stale pages never overwrite a newer change; nobody sees what is not theirs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import (
    PASSWORD,
    create_staff,
    goto,
    login,
    page_loaded,
    signed_in_sender,
)
from tests.e2e.filing_steps import (
    MY_FILINGS,
    Filed,
    download_bytes,
    expect_numbers,
    file_correspondence,
    new_page,
    result_numbers,
    result_rows,
    sha256_of,
)
from tests.e2e.mailbox import wait_for_mail
from tests.e2e.server import RunningApp

HEAD_OFFICE = "Oficina Principal (San Isidro)"
LEGAL = "Gerencia Corporativa Legal"
LEGAL_DESTINATION = f"{LEGAL} — {HEAD_OFFICE}"
RECEPTION_DESTINATION = f"Trámite Documentario — {HEAD_OFFICE}"
FORBIDDEN = "403 — Acceso denegado"
NOT_FOUND = "Correspondencia no encontrada"
REASON = "Falta la firma del representante legal en la página 2."
ROUTE_NOTE = "Por competencia: revisar las cláusulas de penalidad."
ANSWER = (
    "Se revisó el contrato de suministro.\n"
    "Las cláusulas 4 y 7 se ajustan; adjuntamos la opinión legal firmada."
)
DONE = {
    "take": "Tomó la correspondencia: ahora está En proceso.",
    "attend": "La correspondencia quedó Atendida. Se notificó al remitente.",
    "reject": "La correspondencia fue rechazada. Se notificó el motivo al remitente.",
    "route": "La correspondencia fue derivada. Se notificó al remitente.",
}
NUMBER_RE = re.compile(r"MPV-\d{4}-\d{6}")


@dataclass
class Actor:
    page: Page
    email: str


def _staff(browser: Browser, app: RunningApp, role: str, department: str | None = None) -> Actor:
    page = new_page(browser, app)
    email = create_staff(app, role, department)
    login(page, email, PASSWORD)
    home = "/bandeja" if role == "mesa_partes" else "/dependencia"
    expect(page).to_have_url(re.compile(re.escape(home) + "/?$"))
    return Actor(page, email)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("workflow")


@pytest.fixture(scope="module")
def sender(browser: Browser, app: RunningApp) -> Iterator[Actor]:
    page = new_page(browser, app)
    data = signed_in_sender(page, app)
    yield Actor(page, data.email)
    page.context.close()


@pytest.fixture(scope="module")
def reception(browser: Browser, app: RunningApp) -> Iterator[Actor]:
    actor = _staff(browser, app, "mesa_partes")
    yield actor
    actor.page.context.close()


@pytest.fixture(scope="module")
def legal(browser: Browser, app: RunningApp) -> Iterator[Actor]:
    actor = _staff(browser, app, "dependencia", "OP-LEG")
    yield actor
    actor.page.context.close()


@pytest.fixture(scope="module")
def legal_filing(sender: Actor, folder: Path) -> Filed:
    """A filing whose sender knew the destination: straight to the legal department."""
    return file_correspondence(
        sender.page,
        folder,
        "Consulta sobre penalidades del contrato marco",
        destination=(HEAD_OFFICE, LEGAL),
        main_name="consulta-penalidades.pdf",
    )


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def body(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    text = str(part.get_content()) if part is not None else ""
    return text.replace("\r\n", "\n")


def status_mail(app: RunningApp, to: str, number: str, status: str) -> str:
    message = wait_for_mail(app.mail_dir, to, f"Correspondencia {number}: {status}")
    return body(message)


def open_detail(page: Page, number: str) -> None:
    goto(page, f"{MY_FILINGS}/{number}")
    expect(page.get_by_role("heading", name=f"Correspondencia {number}", level=1)).to_be_visible()


def value(page: Page, label: str) -> Locator:
    return page.locator(f"xpath=//dt[normalize-space()='{label}']/following-sibling::dd[1]")


def history(page: Page) -> Locator:
    return page.get_by_role("list", name="Historial").locator("li")


def action(page: Page, name: str) -> Locator:
    return page.get_by_role("button", name=name, exact=True)


ACTION_NAMES = re.compile("^(Tomar|Atender|Derivar|Rechazar)$")


def action_buttons(page: Page) -> Locator:
    """The staff action bar's buttons, in order (call it with no dialog open)."""
    return page.get_by_role("button").filter(has_text=ACTION_NAMES)


def open_dialog(page: Page, button: str, title: str) -> Locator:
    page.get_by_role("button", name=button, exact=True).click()
    dialog = page.get_by_role("dialog", name=title)
    expect(dialog).to_be_visible()
    return dialog


def toast(page: Page, key: str) -> Locator:
    return page.get_by_text(DONE[key], exact=True)


def expect_status(page: Page, status: str) -> None:
    expect(value(page, "Estado")).to_have_text(status)


def test_routed_taken_and_attended_with_a_response_file(
    app: RunningApp, sender: Actor, reception: Actor, legal: Actor, folder: Path
) -> None:
    filed = file_correspondence(
        sender.page,
        folder,
        "Solicitud de revisión de contrato de suministro",
        doc_type="Oficio",
        main_name="revision-contrato.pdf",
    )
    number = filed.number
    wait_for_mail(app.mail_dir, sender.email, f"Correspondencia registrada {number}")

    # Trámite Documentario: the inbox lists what waits on it (Registrada) before what waits
    # on the sender (Observada); the order within is tests/integration/test_inbox_rows.py's.
    page = reception.page
    goto(page, "/bandeja")
    expect(page.get_by_role("heading", name="Bandeja de Trámite Documentario")).to_be_visible()
    expect(result_rows(page).first).to_be_visible()
    statuses = result_rows(page).locator("td:last-child").all_inner_texts()
    assert statuses == sorted(statuses, key=lambda s: s.strip() != "Registrada"), statuses
    expect(result_rows(page).filter(has_text="En proceso")).to_have_count(0)
    _shot(page, "bandeja-mesa-partes")
    # Found by its number: on a busy inbox today's filing is not on the first page.
    goto(page, f"/bandeja?numero={number}")
    expect_numbers(page, [number])
    row = result_rows(page)
    expect(row).to_contain_text(filed.subject)
    expect(row).to_contain_text(RECEPTION_DESTINATION)
    expect(row).to_contain_text("Registrada")

    with page_loaded(page):
        row.get_by_role("link").click()
    expect(page.get_by_role("heading", name=f"Correspondencia {number}", level=1)).to_be_visible()
    expect(value(page, "Destino")).to_have_text(RECEPTION_DESTINATION)
    expect(action_buttons(page)).to_have_text(["Derivar", "Rechazar"])

    dialog = open_dialog(page, "Derivar", "Derivar la correspondencia")
    center = dialog.get_by_label("Centro de gestión", exact=True)
    department = dialog.get_by_label("Dependencia destino", exact=True)
    center.select_option(label="Refinería Talara")
    expect(department.locator("option", has_text="Jefatura Mantenimiento Talara")).to_have_count(1)
    center.select_option(label=HEAD_OFFICE)
    expect(department.locator("option", has_text=LEGAL)).to_have_count(1)
    expect(department.locator("option", has_text="Talara")).to_have_count(0)
    department.select_option(label=LEGAL)
    dialog.get_by_label("Nota (opcional)", exact=True).fill(ROUTE_NOTE)
    _shot(page, "detalle-derivar")
    dialog.get_by_role("button", name="Derivar", exact=True).click()
    expect(toast(page, "route")).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(value(page, "Destino")).to_have_text(LEGAL_DESTINATION)
    expect_status(page, "Registrada")
    routed = history(page).filter(has_text="Derivación")
    expect(routed).to_have_count(1)
    expect(routed).to_contain_text(f"Dependencia: {LEGAL_DESTINATION}")
    expect(routed).to_contain_text(f"Nota: {ROUTE_NOTE}")
    expect(routed).to_contain_text(f"Usuario: {reception.email}")
    mail = status_mail(app, sender.email, number, "Registrada")
    assert "derivada" in mail and LEGAL_DESTINATION in mail and ROUTE_NOTE in mail, mail

    # The department: its inbox, then Tomar and Atender with a response file.
    page = legal.page
    goto(page, f"/dependencia?numero={number}")
    expect(page.get_by_role("heading", name="Bandeja de la dependencia")).to_be_visible()
    row = result_rows(page).filter(has_text=number)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(LEGAL_DESTINATION)
    _shot(page, "bandeja-dependencia")
    with page_loaded(page):
        row.get_by_role("link").click()
    expect(page.get_by_role("heading", name=f"Correspondencia {number}", level=1)).to_be_visible()
    expect(action_buttons(page)).to_have_text(["Tomar", "Derivar", "Rechazar"])

    dialog = open_dialog(page, "Tomar", "Tomar la correspondencia")
    dialog.get_by_role("button", name="Tomar", exact=True).click()
    expect(toast(page, "take")).to_be_visible()
    expect_status(page, "En proceso")
    expect(action_buttons(page)).to_have_text(["Atender", "Derivar", "Rechazar"])
    assert "En proceso" in status_mail(app, sender.email, number, "En proceso")

    response = ff.docx(folder, "opinion-legal.docx", "Opinión legal sobre el contrato")
    dialog = open_dialog(page, "Atender", "Atender la correspondencia")
    dialog.get_by_label("Respuesta", exact=True).fill(ANSWER)
    page.locator("#upload-response input[type=file]").set_input_files(str(response))
    expect(dialog.locator(".staged-file").filter(has_text=response.name)).to_have_count(
        1, timeout=30_000
    )
    expect(page.locator("#upload-response-error")).to_have_text("")
    _shot(page, "detalle-atender")
    dialog.get_by_role("button", name="Atender", exact=True).click()
    expect(toast(page, "attend")).to_be_visible()
    expect(dialog).to_be_hidden()
    expect_status(page, "Atendida")
    expect(action_buttons(page)).to_have_count(0)
    files = page.get_by_role("list", name="Archivos").locator("li")
    expect(files.filter(has_text=response.name)).to_contain_text("Respuesta")
    _shot(page, "detalle-atendida")
    mail = status_mail(app, sender.email, number, "Atendida")
    assert f"Respuesta: {ANSWER}" in mail, mail

    # The sender sees all of it, and gets the very same response file.
    page = sender.page
    goto(page, f"{MY_FILINGS}?numero={number}")
    expect(result_rows(page)).to_contain_text("Atendida")
    open_detail(page, number)
    expect_status(page, "Atendida")
    expect(history(page)).to_have_count(4)
    steps = [
        ("Registro", "Registrada"),
        ("Derivación", "Registrada"),
        ("Tomada por la dependencia", "En proceso"),
        ("Atención", "Atendida"),
    ]
    for index, (event, status) in enumerate(steps):
        expect(history(page).nth(index)).to_contain_text(event)
        expect(history(page).nth(index)).to_contain_text(status)
    expect(history(page).nth(3)).to_contain_text("Se revisó el contrato de suministro.")
    expect(history(page).nth(3)).to_contain_text("adjuntamos la opinión legal firmada.")
    expect(page.get_by_text("Usuario:")).to_have_count(0)
    button = page.get_by_role("button", name=f"Descargar {response.name}", exact=True)
    data, download = download_bytes(page, button)
    assert download.suggested_filename == response.name
    assert sha256_of(data) == ff.sha256(response)


def test_rejection_needs_a_reason_and_tells_the_sender(
    app: RunningApp, sender: Actor, reception: Actor, folder: Path
) -> None:
    filed = file_correspondence(
        sender.page, folder, "Carta de presentación de propuesta", main_name="propuesta.pdf"
    )
    number = filed.number
    page = reception.page
    open_detail(page, number)
    expect(action_buttons(page)).to_have_text(["Derivar", "Rechazar"])
    dialog = open_dialog(page, "Rechazar", "Rechazar la correspondencia")
    reason = dialog.get_by_label("Motivo del rechazo", exact=True)

    # Empty: the browser keeps the form (the field is required) and nothing changes.
    dialog.get_by_role("button", name="Rechazar", exact=True).click()
    assert reason.evaluate("el => el.validity.valueMissing") is True
    expect(dialog).to_be_visible()
    expect(toast(page, "reject")).to_have_count(0)

    # Only spaces pass the browser but not the server.
    reason.fill("   ")
    dialog.get_by_role("button", name="Rechazar", exact=True).click()
    expect(dialog.locator("#f-reason-error")).to_have_text("Indique el motivo del rechazo.")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(dialog).to_be_visible()
    expect(toast(page, "reject")).to_have_count(0)
    expect_status(page, "Registrada")

    reason.fill(REASON)
    dialog.get_by_role("button", name="Rechazar", exact=True).click()
    expect(toast(page, "reject")).to_be_visible()
    expect(dialog).to_be_hidden()
    expect_status(page, "Rechazada")
    expect(action_buttons(page)).to_have_count(0)
    rejected = history(page).filter(has_text="Rechazo")
    expect(rejected).to_contain_text(f"Motivo: {REASON}")
    _shot(page, "detalle-rechazada")

    mail = status_mail(app, sender.email, number, "Rechazada")
    assert f"Motivo del rechazo: {REASON}" in mail, mail

    page = sender.page
    goto(page, f"{MY_FILINGS}?numero={number}")
    expect_numbers(page, [number])
    expect(result_rows(page)).to_contain_text("Rechazada")
    open_detail(page, number)
    expect_status(page, "Rechazada")
    expect(history(page).filter(has_text="Rechazo")).to_contain_text(f"Motivo: {REASON}")

    goto(page, f"{MY_FILINGS}?estado=rejected")
    expect_numbers(page, [number])


def test_stale_page_cannot_overwrite_a_newer_change(
    browser: Browser, app: RunningApp, legal: Actor, legal_filing: Filed
) -> None:
    colleague = _staff(browser, app, "dependencia", "OP-LEG")
    try:
        number = legal_filing.number
        for page in (legal.page, colleague.page):
            open_detail(page, number)
            expect_status(page, "Registrada")
            expect(action(page, "Tomar")).to_be_visible()

        first = open_dialog(legal.page, "Tomar", "Tomar la correspondencia")
        first.get_by_role("button", name="Tomar", exact=True).click()
        expect(toast(legal.page, "take")).to_be_visible()
        expect_status(legal.page, "En proceso")

        page = colleague.page
        expect_status(page, "Registrada")  # the stale view
        second = open_dialog(page, "Tomar", "Tomar la correspondencia")
        second.get_by_role("button", name="Tomar", exact=True).click()
        expect(second.get_by_role("alert")).to_contain_text("ya fue actualizada")
        expect(toast(page, "take")).to_have_count(0)
        expect_status(page, "En proceso")
        second.get_by_role("button", name="Cancelar").click()
        expect(second).to_be_hidden()
        expect(history(page).filter(has_text="Tomada por la dependencia")).to_have_count(1)
        expect(action_buttons(page)).to_have_text(["Atender", "Derivar", "Rechazar"])

        open_detail(page, number)
        expect(history(page).filter(has_text="Tomada por la dependencia")).to_have_count(1)
        expect(history(page)).to_have_count(2)
    finally:
        colleague.page.context.close()


def test_nobody_sees_or_acts_beyond_their_role(
    browser: Browser,
    app: RunningApp,
    sender: Actor,
    reception: Actor,
    legal: Actor,
    legal_filing: Filed,
) -> None:
    number = legal_filing.number
    finance = _staff(browser, app, "dependencia", "OP-FIN")
    try:
        page = finance.page
        open_page = page.get_by_role("heading", name=NOT_FOUND, level=1)
        goto(page, f"{MY_FILINGS}/{number}")
        expect(open_page).to_be_visible()
        expect(page.get_by_text(legal_filing.subject)).to_have_count(0)
        goto(page, "/dependencia")
        expect(page.get_by_role("heading", name="Bandeja de la dependencia")).to_be_visible()
        expect(result_rows(page).filter(has_text=number)).to_have_count(0)
        goto(page, "/bandeja")
        expect(page.get_by_role("heading", name=FORBIDDEN)).to_be_visible()
    finally:
        page.context.close()

    page = sender.page
    for path in ("/bandeja", "/dependencia"):
        goto(page, path)
        expect(page.get_by_role("heading", name=FORBIDDEN, level=1)).to_be_visible()
        expect(result_rows(page)).to_have_count(0)
        expect(page.get_by_role("search")).to_have_count(0)

    page = reception.page
    open_detail(page, number)
    expect(value(page, "Destino")).to_have_text(LEGAL_DESTINATION)
    for name in ("Tomar", "Atender"):
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
    goto(page, "/dependencia")
    expect(page.get_by_role("heading", name=FORBIDDEN, level=1)).to_be_visible()

    # The legal department still sees its filing in its inbox.
    goto(legal.page, f"/dependencia?numero={number}")
    expect_numbers(legal.page, [number])


def test_inbox_order_chooser_and_the_attention_first_default(
    sender: Actor, legal: Actor, legal_filing: Filed, folder: Path
) -> None:
    newer = file_correspondence(
        sender.page,
        folder,
        "Segunda consulta sobre el contrato marco",
        destination=(HEAD_OFFICE, LEGAL),
        main_name="segunda-consulta.pdf",
    )
    page = legal.page
    year = legal_filing.number[:9]
    goto(page, f"/dependencia?numero={year}")
    shown = [NUMBER_RE.search(t).group(0) for t in result_numbers(page).all_inner_texts()]  # type: ignore[union-attr]
    assert {legal_filing.number, newer.number} <= set(shown), shown
    # By default what the department holds (Registrada, En proceso) comes before the rest.
    statuses = result_rows(page).locator("td:last-child").all_inner_texts()
    held = [status.strip() in ("Registrada", "En proceso") for status in statuses]
    assert held == sorted(held, reverse=True), statuses
    order = page.get_by_label("Orden", exact=True)

    # Numbers follow the sending instant: the explicit orders sort by it, both ways.
    with page_loaded(page):
        order.select_option("recientes")
    expect_numbers(page, sorted(shown, reverse=True))
    with page_loaded(page):
        order.select_option("antiguos")
    expect_numbers(page, sorted(shown))
    with page_loaded(page):
        order.select_option("")
    expect_numbers(page, shown)
