"""Files the browser refuses get a Spanish message under their own zone, naming the file and
the reason, and the refused bytes never travel: not over the websocket, not anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocket, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import SenderData, signed_in_sender
from tests.e2e.filing_steps import drop, fill_form, open_form, stage, upload
from tests.e2e.server import RunningApp

FRAME_BUDGET = 16 * 1024  # an event with names and sizes; a file would be megabytes


@pytest.fixture
def sender(page: Page, app: RunningApp) -> SenderData:
    return signed_in_sender(page, app)


@pytest.fixture
def sent_frames(page: Page) -> Iterator[list[int]]:
    """Sizes of every websocket frame the page sends from here on."""
    sizes: list[int] = []

    def watch(socket: WebSocket) -> None:
        socket.on("framesent", lambda payload: sizes.append(len(payload)))

    page.on("websocket", watch)
    yield sizes


def test_a_word_file_on_the_main_zone_is_refused_under_that_zone(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    upload(page, "main", ff.docx(tmp_path, "carta.docx"))
    main_alerts = page.locator("#upload-main-messages [role=alert]")
    expect(main_alerts).to_have_text(
        "No se pudo agregar «carta.docx»: no es un tipo de archivo permitido (el documento "
        "principal debe ser un PDF)."
    )
    expect(page.locator("#upload-annexes-messages [role=alert]")).to_have_count(0)
    screenshot(page, "upload-refused-main-type")
    stage(page, "main", ff.pdf(tmp_path, "carta.pdf"))
    expect(main_alerts).to_have_count(0)  # the cause is gone, so is the message


def test_two_files_on_the_main_zone_name_both(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    drop(page, "main", ff.pdf(tmp_path, "uno.pdf"), ff.pdf(tmp_path, "dos.pdf"))
    alerts = page.locator("#upload-main-messages [role=alert]")
    expect(alerts).to_have_count(2)
    expect(alerts.nth(0)).to_contain_text("Suelte un solo documento principal a la vez")
    expect(alerts.nth(1)).to_contain_text("«dos.pdf»")


def test_an_oversized_annex_is_refused_without_sending_its_bytes(
    page: Page, sender: SenderData, tmp_path: Path, sent_frames: list[int]
) -> None:
    open_form(page)
    big = ff.pdf_of_size(tmp_path, "planos.pdf", 21 * ff.MIB)
    upload(page, "annexes", big)
    alerts = page.locator("#upload-annexes-messages [role=alert]")
    expect(alerts).to_have_text(
        "No se pudo agregar «planos.pdf» (21,0 MB): supera el límite de 20 MB por correspondencia."
    )
    expect(page.locator("#upload-main-messages [role=alert]")).to_have_count(0)
    assert sent_frames, "no websocket frame was watched: the test proves nothing"
    assert max(sent_frames) < FRAME_BUDGET, f"a frame of {max(sent_frames)} bytes was sent"
    screenshot(page, "upload-refused-annex-size")


def test_the_missing_main_document_message_goes_once_it_is_attached(
    page: Page, sender: SenderData, tmp_path: Path
) -> None:
    open_form(page)
    fill_form(page, "Sin documento principal todavía")
    page.get_by_role("button", name="Guardar correspondencia").click()
    main_error = page.locator("#f-main_file-error")
    expect(main_error).to_have_text("Adjunte el documento principal en PDF.")
    expect(page.get_by_text("Revise los campos marcados.")).to_be_visible()
    stage(page, "main", ff.pdf(tmp_path, "principal.pdf", pages=3))
    expect(main_error).to_have_text("")
    expect(page.get_by_text("Revise los campos marcados.")).to_have_count(0)
