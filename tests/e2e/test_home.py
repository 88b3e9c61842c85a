"""The home page is served by the real app and carries the help and hours of the user guide."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import screenshot


def test_home_shows_branding_and_footer_help(page: Page) -> None:
    page.goto("/")
    expect(page).to_have_title("Inicio | Mesa de Partes Virtual PETROPERÚ")
    expect(page.get_by_role("heading", name="Mesa de Partes Virtual", level=1)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "es-PE")

    footer = page.locator("footer")
    expect(footer).to_contain_text("Trámite Documentario: 6145000 anexo 14344")
    expect(footer).to_contain_text("Mesa de Servicios Digitales: 0800 76001 y 6145000 anexo 77777")
    expect(footer).to_contain_text("Lunes a viernes de 07:00 a 16:36")

    desktop, mobile = screenshot(page, "home")
    assert desktop.stat().st_size > 10_000
    assert mobile.stat().st_size > 10_000


def test_skip_link_moves_focus_to_main_content(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Saltar al contenido")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def test_health_route_reports_database(page: Page) -> None:
    response = page.request.get("/api/salud")
    assert response.status == 200
    assert response.json() == {"estado": "ok"}


def test_home_invites_to_register_or_sign_in(page: Page) -> None:
    page.goto("/")
    main = page.locator("main")
    register = main.get_by_role("link", name="Registrarme")
    expect(register).to_have_attribute("href", "/registro")
    expect(main.get_by_role("link", name="Iniciar sesión")).to_have_attribute(
        "href", "/iniciar-sesion"
    )
    expect(main.get_by_role("button")).to_have_count(0)  # links styled as buttons: one stop
    expect(main).to_contain_text("Regístrese")


def test_help_page_is_linked_from_the_header_and_covers_the_guide(page: Page) -> None:
    page.goto("/")
    page.get_by_role("navigation", name="Navegación principal").get_by_role(
        "link", name="Ayuda"
    ).click()
    expect(page).to_have_url(re.compile(r"/ayuda/?$"))
    expect(page.get_by_role("heading", name="Ayuda", level=1)).to_be_visible()
    for topic in (
        "Registrarse",
        "Registrar una nueva correspondencia",
        "Archivos y límites",
        "Consultar sus trámites",
        "Estados de una correspondencia",
        "Cargo de recepción",
        "Verificar un cargo",
        "Horario de atención",
        "Contactos",
    ):
        heading = page.locator("main").get_by_role("heading", name=topic, level=2)
        expect(heading).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("0800 76001 y 6145000 anexo 77777")
    expect(main).to_contain_text("20 MB")
    screenshot(page, "help")


def test_pages_load_without_failed_requests_or_console_errors(page: Page) -> None:
    """issue 15: every load logged a 404 in the console."""
    failed: list[str] = []
    errors: list[str] = []
    page.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in ("/", "/registro", "/iniciar-sesion", "/ayuda", "/verificar"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert failed == []
    assert errors == []


def test_an_unknown_address_gets_the_sites_own_page(page: Page) -> None:
    page.goto("/no-existe-esta-pagina")
    expect(page.get_by_role("heading", name="Página no encontrada", level=1)).to_be_visible()
    expect(page.locator("main").get_by_role("link", name="Ir al inicio")).to_be_visible()
