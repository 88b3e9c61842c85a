"""At 375 px: the header is one line with a «Menú» button a keyboard can work, and Mis
trámites shows its results first, as cards, with the filters folded after them.

(That no page scrolls sideways at 375 px is checked on every page state of every role by
tests/e2e/test_accessibility.py.)"""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

from mpv_app import routes
from tests.e2e.conftest import DESKTOP, MOBILE, screenshot
from tests.e2e.factories import goto, signed_in_sender
from tests.e2e.filing_steps import MY_FILINGS, file_correspondence
from tests.e2e.server import RunningApp

NAV = "Navegación principal"


def test_the_header_folds_into_a_keyboard_menu(page: Page) -> None:
    page.set_viewport_size(MOBILE)
    goto(page, "/")
    header = page.locator("header")
    box = header.bounding_box()
    assert box is not None and box["height"] < 100, box  # one line, not three
    expect(page.get_by_role("navigation", name=NAV)).to_have_count(0)  # folded away

    menu = page.get_by_role("button", name="Menú")
    page.keyboard.press("Tab")  # «Saltar al contenido»
    page.keyboard.press("Tab")  # the brand, home
    page.keyboard.press("Tab")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    panel = page.get_by_role("navigation", name=NAV)
    expect(panel.get_by_role("link", name="Registro")).to_be_visible()
    page.keyboard.press("Escape")
    expect(panel).to_have_count(0)
    expect(menu).to_be_focused()

    page.keyboard.press("Space")
    panel.get_by_role("link", name="Ayuda").click()
    expect(page).to_have_url(re.compile(r"/ayuda/?$"))
    screenshot(page, "menu-phone")

    page.set_viewport_size(DESKTOP)
    expect(page.get_by_role("button", name="Menú")).to_have_count(0)
    nav = page.get_by_role("navigation", name=NAV)
    expect(nav.get_by_role("link", name="Ayuda")).to_be_visible()


def test_my_filings_on_a_phone_lists_cards_before_folded_filters(
    page: Page, app: RunningApp, tmp_path: Path
) -> None:
    signed_in_sender(page, app)
    subject = "Solicitud de constancia de no adeudo por servicios de transporte de crudo"
    filed = file_correspondence(page, tmp_path, subject)

    page.set_viewport_size(MOBILE)
    goto(page, MY_FILINGS)
    cards = page.get_by_role("list", name="Resultados").get_by_role("listitem")
    expect(cards).to_have_count(1)
    card = cards.first
    expect(card.get_by_role("link", name=re.compile(re.escape(filed.number)))).to_be_visible()
    expect(card).to_contain_text("Registrada")
    expect(card).to_contain_text(subject)
    expect(card).to_contain_text(re.compile(r"Enviada el \d{2}/\d{2}/\d{4}"))
    expect(page.get_by_role("table")).to_have_count(0)  # no table to scroll sideways

    summary = page.locator("summary", has_text="Filtros de búsqueda")
    number_filter = page.get_by_label("Número de trámite", exact=True)
    expect(number_filter).to_be_hidden()
    card_box, summary_box = card.bounding_box(), summary.bounding_box()
    assert card_box and summary_box and card_box["y"] < summary_box["y"]  # results first
    screenshot(page, "mis-tramites-phone")
    page.set_viewport_size(MOBILE)
    summary.focus()
    page.keyboard.press("Enter")
    expect(number_filter).to_be_visible()

    page.set_viewport_size(DESKTOP)
    goto(page, MY_FILINGS)
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("list", name="Resultados")).to_have_count(0)
    expect(page.get_by_label("Número de trámite", exact=True)).to_be_visible()  # always open


def test_a_phone_asks_the_server_nothing_again_for_scripts_it_holds(
    page: Page, app: RunningApp
) -> None:
    """On a 150 ms link every round trip shows. A typed address answers without a redirect,
    and once the home page has loaded, the login page takes every script from the cache: no
    revalidation (a 304 per script before, two dozen on the login page)."""
    with urllib.request.urlopen(app.base_url + routes.LOGIN) as direct:  # redirects followed
        assert direct.url == app.base_url + routes.LOGIN  # none happened
        assert direct.status == 200 and "<html" in direct.read().decode().lower()
    goto(page, routes.HOME)
    page.wait_for_load_state("networkidle")
    scripts: list[tuple[str, int, str]] = []
    page.on(
        "response",
        lambda r: (
            scripts.append((r.url, r.status, r.headers.get("cache-control", "")))
            if "/assets/" in r.url
            else None
        ),
    )
    goto(page, routes.LOGIN)
    expect(page.get_by_role("button", name="Ingresar")).to_be_enabled()
    assert scripts, "the login page loaded no script at all"
    assert [url for url, status, _ in scripts if status == 304] == []
    assert all("immutable" in cache for *_, cache in scripts), scripts
