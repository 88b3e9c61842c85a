"""Observada end to end (TUO Ley 27444 art. 136): mesa de partes observes once, the sender is
emailed and sees the observations and the deadline, subsana with a note and files, and the
filing is Registrada again with its number and reception date; one left alone past its
deadline becomes No presentada through the maintenance job."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import PASSWORD, create_staff, goto, login, signed_in_sender
from tests.e2e.filing_steps import (
    MY_FILINGS,
    cargo_text,
    download_bytes,
    file_correspondence,
    new_page,
    pdf_text,
    result_rows,
)
from tests.e2e.mailbox import wait_for_mail
from tests.e2e.server import RunningApp
from tests.e2e.test_staff_workflow import Actor, body, history, open_detail, value

OBSERVATIONS = (
    "1. Falta la firma del representante legal en la página 2.\n"
    "2. El anexo con el cronograma no fue adjuntado."
)
CURE_NOTE = "Adjunto la carta firmada y el cronograma."
OBSERVED_TOAST = (
    "La correspondencia quedó Observada. Se notificaron al remitente las observaciones y el "
    "plazo para subsanarlas."
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("observation")


@pytest.fixture(scope="module")
def sender(browser: Browser, app: RunningApp) -> Iterator[Actor]:
    page = new_page(browser, app)
    data = signed_in_sender(page, app)
    yield Actor(page, data.email)
    page.context.close()


@pytest.fixture(scope="module")
def reception(browser: Browser, app: RunningApp) -> Iterator[Actor]:
    page = new_page(browser, app)
    email = create_staff(app, "mesa_partes")
    login(page, email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/bandeja/?$"))
    yield Actor(page, email)
    page.context.close()


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def _observe(page: Page, number: str) -> None:
    open_detail(page, number)
    page.get_by_role("button", name="Observar", exact=True).click()
    dialog = page.get_by_role("dialog", name="Observar la correspondencia")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Observaciones", exact=True).fill(OBSERVATIONS)
    dialog.get_by_role("button", name="Observar", exact=True).click()
    expect(page.get_by_text(OBSERVED_TOAST, exact=True)).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(value(page, "Estado")).to_have_text("Observada")


def _staff_buttons(page: Page) -> Locator:
    names = re.compile("^(Tomar|Atender|Derivar|Rechazar|Observar)$")
    return page.get_by_role("button").filter(has_text=names)


def _mail(app: RunningApp, to: str, number: str, status: str) -> str:
    return body(wait_for_mail(app.mail_dir, to, f"Correspondencia {number}: {status}"))


def test_observed_and_fixed_in_time_keeps_its_date(
    app: RunningApp, sender: Actor, reception: Actor, folder: Path
) -> None:
    filed = file_correspondence(
        sender.page, folder, "Propuesta de servicio de mantenimiento", main_name="propuesta.pdf"
    )
    number = filed.number
    open_detail(sender.page, number)
    # The confirmation email carries the same cargo the page downloads, and links to this page.
    confirmation = wait_for_mail(app.mail_dir, sender.email, f"Correspondencia registrada {number}")
    assert f"{MY_FILINGS}/{number}" in body(confirmation)
    [attached] = list(confirmation.iter_attachments())  # type: ignore[attr-defined]
    assert attached.get_filename() == f"cargo-{number}.pdf"
    downloaded, _ = download_bytes(
        sender.page, sender.page.get_by_role("button", name="Descargar cargo")
    )
    # Signed anew at each rendering (the signing time differs): the same cargo, word for word.
    assert pdf_text(attached.get_content()) == pdf_text(downloaded)
    received = value(sender.page, "Fecha de recepción").inner_text()
    sent = value(sender.page, "Fecha y hora de envío").inner_text()

    _observe(reception.page, number)
    page = reception.page
    # Once observed: no Derivar, Rechazar, Tomar, Atender, and never Observar again.
    expect(_staff_buttons(page)).to_have_count(0)
    observed = history(page).filter(has_text="Observación")
    expect(observed).to_contain_text("Falta la firma del representante legal")
    _shot(page, "detalle-observada-mesa-partes")
    goto(page, f"/bandeja?numero={number}")
    expect(result_rows(page).filter(has_text=number)).to_contain_text("Observada")

    mail = _mail(app, sender.email, number, "Observada")
    assert "Falta la firma del representante legal" in mail and "hasta el" in mail, mail
    assert f"{MY_FILINGS}/{number}" in mail, mail

    page = sender.page
    open_detail(page, number)
    panel = page.get_by_role("region", name="Observación")
    expect(panel).to_contain_text("El anexo con el cronograma no fue adjuntado.")
    expect(panel.locator("#cure-deadline")).to_contain_text("días hábiles")
    _shot(page, "detalle-observada-remitente")

    page.get_by_role("button", name="Subsanar", exact=True).click()
    dialog = page.get_by_role("dialog", name="Subsanar las observaciones")
    expect(dialog).to_be_visible()
    corrected = ff.pdf(folder, "propuesta-firmada.pdf", pages=1)
    schedule = ff.docx(folder, "cronograma.docx", "Cronograma de mantenimiento")
    page.locator("#upload-cure-main input[type=file]").set_input_files(str(corrected))
    expect(dialog.locator(".staged-file").filter(has_text=corrected.name)).to_have_count(
        1, timeout=30_000
    )
    page.locator("#upload-cure-annexes input[type=file]").set_input_files(str(schedule))
    expect(dialog.locator(".staged-file").filter(has_text=schedule.name)).to_have_count(
        1, timeout=30_000
    )
    expect(page.locator("#upload-cure-error")).to_have_text("")
    dialog.get_by_label("Nota de subsanación", exact=True).fill(CURE_NOTE)
    _shot(page, "detalle-subsanar")
    dialog.get_by_role("button", name="Enviar subsanación").click()
    expect(page.get_by_text("Subsanación registrada", exact=False)).to_be_visible()
    expect(dialog).to_be_hidden()
    expect(value(page, "Estado")).to_have_text("Registrada")
    expect(value(page, "Número de trámite")).to_have_text(number)
    expect(value(page, "Fecha de recepción")).to_have_text(received)
    expect(value(page, "Fecha y hora de envío")).to_have_text(sent)
    expect(value(page, "Subsanada el")).not_to_be_empty()
    expect(page.get_by_role("region", name="Observación")).to_have_count(0)
    files = page.get_by_role("list", name="Archivos").locator("li")
    expect(files).to_have_count(3)
    expect(files.filter(has_text=corrected.name)).to_contain_text("Documento principal corregido")
    expect(history(page).filter(has_text="Subsanación")).to_contain_text(CURE_NOTE)
    _shot(page, "detalle-subsanada")

    cargo = cargo_text(page)
    assert "SUBSANACIÓN" in cargo and number in cargo, cargo
    assert ff.sha256(corrected)[:32] in cargo and ff.sha256(schedule)[:32] in cargo, cargo
    assert "Registrada" in _mail(app, sender.email, number, "Registrada")

    # Back in the reception inbox, to be routed as any Registrada filing.
    page = reception.page
    open_detail(page, number)
    expect(_staff_buttons(page)).to_have_text(["Derivar", "Rechazar"])


def test_left_alone_it_becomes_not_presented(
    app: RunningApp, sender: Actor, reception: Actor, folder: Path
) -> None:
    filed = file_correspondence(
        sender.page, folder, "Solicitud de constancia de prestación", main_name="constancia.pdf"
    )
    number = filed.number
    _observe(reception.page, number)
    # The deadline is days away: move it into the past instead of waiting for it.
    database = app.env["MPV_DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE correspondence SET cure_deadline = '2026-01-05' WHERE tracking_number = ?",
            (number,),
        )
    page = sender.page
    open_detail(page, number)
    expect(page.get_by_role("region", name="Observación")).to_be_visible()
    expect(page.get_by_role("button", name="Subsanar", exact=True)).to_have_count(0)

    done = app.cli("expire-observations")
    assert "No presentada: 1." in done.stdout, done.stdout
    mail = _mail(app, sender.email, number, "No presentada")
    assert "05/01/2026" in mail, mail

    open_detail(page, number)
    expect(value(page, "Estado")).to_have_text("No presentada")
    expect(history(page).filter(has_text="plazo de subsanación vencido")).to_have_count(1)
    _shot(page, "detalle-no-presentada")

    goto(page, f"{MY_FILINGS}?estado=not_presented")
    expect(result_rows(page).filter(has_text=number)).to_contain_text("No presentada")
    _shot(page, "consulta-no-presentada")

    staff = reception.page
    goto(staff, "/panel")
    expect(staff.locator("#card-not_presented")).to_be_visible()
    expect(staff.locator("#card-observed")).to_be_visible()
    _shot(staff, "panel-observada")
