"""Keyboard only: a sender files a correspondence with Tab, Enter, Space and typing (the file
is chosen in the picker the drop zone opens on Enter), and every dialog keeps the focus inside,
closes with Escape and hands the focus back to the button that opened it."""

from __future__ import annotations

import json
import re
import time
from datetime import timedelta
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.factories import (
    PASSWORD,
    create_staff,
    goto,
    login,
    page_loaded,
    signed_in_sender,
)
from tests.e2e.filing_steps import (
    NUMBER_RE,
    file_correspondence,
    new_page,
    staged,
    today,
)
from tests.e2e.server import RunningApp

IS_FOCUSED = "(el) => el === document.activeElement"
FOCUS_IN_DIALOG = "() => !!document.activeElement?.closest('[role=dialog]')"
FOCUS_ON_BODY = "() => document.activeElement === document.body"


def tab_to(page: Page, target: Locator, *, limit: int = 80) -> None:
    """Press Tab until ``target`` has the focus (fails after ``limit`` presses)."""
    for _ in range(limit):
        if target.count() and target.evaluate(IS_FOCUSED):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def _received_frames(page: Page) -> list[str]:
    """Every websocket frame the page receives from now on, as text (the backend's answers)."""
    frames: list[str] = []

    def on_frame(payload: str | bytes) -> None:
        frames.append(payload if isinstance(payload, str) else payload.decode("utf-8", "replace"))

    page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return frames


def test_a_sender_files_with_the_keyboard_only(page: Page, app: RunningApp, tmp_path: Path) -> None:
    frames = _received_frames(page)
    # Playwright asks the browser to intercept file pickers only when a first "filechooser"
    # listener is added, in a message it does not wait for: an `expect_file_chooser` opened just
    # before the Enter can lose that race, and headless Chromium cancels a picker nobody
    # intercepts (CI waited 20 s for one). A listener from the start turns interception on early.
    page.on("filechooser", lambda _chooser: None)
    signed_in_sender(page, app)
    goto(page, "/")  # from here on, only the keyboard
    main = page.locator("main")
    tab_to(page, main.get_by_role("link", name="Nueva correspondencia"))
    with page_loaded(page):
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/nueva-correspondencia/?$"))
    expect(page.get_by_role("heading", name="Nueva correspondencia", level=1)).to_be_visible()

    tab_to(page, page.get_by_label("Asunto", exact=True))
    page.keyboard.type("Carta presentada solo con el teclado")
    page.keyboard.press("Tab")
    doc_type = page.get_by_label("Tipo de correspondencia", exact=True)
    expect(doc_type).to_be_focused()
    page.keyboard.type("Carta")  # a native select picks the option typed
    expect(doc_type.locator("option:checked")).to_have_text("Carta")
    page.keyboard.press("Tab")
    page.keyboard.type("CARTA-007-2026")
    page.keyboard.press("Tab")
    day = today() - timedelta(days=3)
    page.keyboard.type(f"{day.month:02d}{day.day:02d}{day.year}")  # Chromium's mm/dd/yyyy
    expect(page.get_by_label("Fecha Documento", exact=True)).to_have_value(day.isoformat())
    tab_to(page, page.get_by_label("Nº de páginas", exact=True))  # past the date's own stops
    page.keyboard.type("1")
    page.keyboard.press("Tab")
    page.keyboard.type("Sin ratón.")
    expect(page.get_by_label("Observación", exact=True)).to_have_value("Sin ratón.")

    answered = len(frames)
    note = json.dumps("Sin ratón.")[1:-1]  # as the answer's JSON spells it
    zone = page.get_by_role("button", name=re.compile("^Documento principal"))
    tab_to(page, zone)
    # Leaving «Observación» saves the draft, and its answer re-renders the form: an Enter
    # pressed before that answer opened no picker (a second one did). Wait for the answer,
    # as a person's pause does, however slow the machine; the zone must still have the focus.
    deadline = time.monotonic() + 20
    while not any(note in f or "Sin ratón." in f for f in frames[answered:]):
        assert time.monotonic() < deadline, "no answer to leaving «Observación»"
        page.wait_for_timeout(50)
    # More answers may follow that one (the session check's, the upload zones'): each can
    # re-render the zone. Wait until the socket has been quiet for a while, as a person
    # reading the form would, so the Enter lands on the zone that stays.
    quiet_since, seen = time.monotonic(), len(frames)
    while time.monotonic() - quiet_since < 1.0:
        assert time.monotonic() < deadline + 20, "the page never settled"
        if len(frames) != seen:
            quiet_since, seen = time.monotonic(), len(frames)
        page.wait_for_timeout(50)
    expect(zone).to_be_focused()
    with page.expect_file_chooser() as chooser:
        page.keyboard.press("Enter")
    chooser.value.set_files(str(ff.pdf(tmp_path, "teclado.pdf")))
    expect(staged(page, "teclado.pdf")).to_have_count(1, timeout=60_000)

    save = page.get_by_role("button", name="Guardar correspondencia")
    tab_to(page, save)
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Correspondencia registrada")
    expect(dialog.locator("#tracking-number")).to_have_text(NUMBER_RE, timeout=30_000)
    assert page.evaluate(FOCUS_IN_DIALOG), "the focus did not move into the window"
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    page.wait_for_timeout(100)
    assert not page.evaluate(FOCUS_ON_BODY), "the focus fell to <body> after Escape"


def _escape_returns_focus(page: Page, opener: Locator, dialog_name: str) -> None:
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name=dialog_name)
    expect(dialog).to_be_visible()
    for _ in range(12):  # the focus cycles inside the dialog, never behind it
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_IN_DIALOG), f"Tab left «{dialog_name}»"
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(opener).to_be_focused()


def test_escape_closes_each_dialog_and_focus_returns_to_its_opener(
    browser: Browser, page: Page, app: RunningApp, tmp_path: Path
) -> None:
    signed_in_sender(page, app)
    filed = file_correspondence(page, tmp_path, "Carta para los diálogos")
    staff = new_page(browser, app)
    try:
        login(staff, create_staff(app, "mesa_partes"), PASSWORD)
        expect(staff).to_have_url(re.compile(r"/bandeja/?$"))
        goto(staff, f"/tramites/{filed.number}")
        for action, title in (
            ("Derivar", "Derivar la correspondencia"),
            ("Observar", "Observar la correspondencia"),
            ("Rechazar", "Rechazar la correspondencia"),
        ):
            _escape_returns_focus(
                staff, staff.get_by_role("button", name=action, exact=True), title
            )

        # Observe it, so the sender's «Subsanar» dialog can be tried too.
        staff.get_by_role("button", name="Observar", exact=True).click()
        observe = staff.get_by_role("dialog", name="Observar la correspondencia")
        observe.get_by_label("Observaciones", exact=True).fill("Falta la firma.")
        observe.get_by_role("button", name="Observar", exact=True).click()
        expect(observe).to_have_count(0)
    finally:
        staff.context.close()

    goto(page, f"/tramites/{filed.number}")
    subsanar = page.get_by_role("button", name="Subsanar", exact=True)
    _escape_returns_focus(page, subsanar, "Subsanar las observaciones")
