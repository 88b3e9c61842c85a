"""Consulta de correspondencia (Mis trámites) end to end: filters kept in the URL, accent- and
case-blind subject search, number prefix, sorting, the detail with its cargo, files and history,
and that nobody else reaches a sender's filing or files."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import (
    SenderData,
    goto,
    page_loaded,
    signed_in_sender,
    wait_hydrated,
)
from tests.e2e.filing_steps import (
    MY_FILINGS,
    Filed,
    download_bytes,
    expect_numbers,
    file_correspondence,
    new_page,
    pdf_text,
    result_rows,
    sha256_of,
    today,
)
from tests.e2e.server import RunningApp

NO_MATCH = "No se encontró correspondencia con esos filtros."
NO_FILINGS = "Aún no ha presentado correspondencia."
NOT_FOUND = "Correspondencia no encontrada"
BAD_RANGE = "La fecha «hasta» debe ser igual o posterior a la fecha «desde»."
TALARA = ("Refinería Talara", "Jefatura Mantenimiento Talara")


@dataclass
class Owner:
    """One sender with three filings, shared by the module: filing is the slow part."""

    data: SenderData
    page: Page
    info: Filed  # Factura, to Trámite Documentario
    carta: Filed  # Carta, to a known destination
    remision: Filed  # Oficio, upper-case accented subject

    @property
    def newest_first(self) -> list[str]:
        return [self.remision.number, self.carta.number, self.info.number]


@pytest.fixture(scope="module")
def owner(
    browser: Browser, app: RunningApp, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Owner]:
    page = new_page(browser, app)
    folder = tmp_path_factory.mktemp("consulta")
    data = signed_in_sender(page, app)
    info = file_correspondence(
        page,
        folder,
        "Solicitud de información de facturación",
        doc_type="Factura",
        main_name="solicitud-facturacion.pdf",
    )
    carta = file_correspondence(
        page,
        folder,
        "Carta notarial de cobranza",
        doc_type="Carta",
        destination=TALARA,
        main_name="carta-notarial.pdf",
        pages=2,
    )
    remision = file_correspondence(
        page,
        folder,
        "REMISIÓN DE CONTRATO DE SUMINISTRO",
        doc_type="Oficio",
        main_name="remision-contrato.pdf",
    )
    yield Owner(data, page, info, carta, remision)
    page.context.close()


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def open_my_filings(page: Page, query: str = "", *, with_filings: bool = True) -> None:
    goto(page, MY_FILINGS + query)
    expect(page.get_by_role("heading", name="Mis trámites", level=1)).to_be_visible()
    # A sender with nothing filed yet sees only the empty state, no filters to wade through.
    search = page.get_by_role("search", name="Buscar correspondencia")
    expect(search).to_have_count(1 if with_filings else 0)


def field(page: Page, label: str):  # type: ignore[no-untyped-def]
    return page.get_by_label(label, exact=True)


def search(page: Page, **values: str) -> None:
    """Fill text/date filters by label (select filters by option label) and press «Buscar»."""
    selects = {"Estado", "Tipo de correspondencia", "Centro de gestión", "Dependencia destino"}
    for label, value in values.items():
        if label in selects:
            field(page, label).select_option(label=value)
        else:
            field(page, label).fill(value)
    with page_loaded(page):
        page.get_by_role("button", name="Buscar", exact=True).click()


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def labels(**kwargs: str) -> dict[str, str]:
    """Python names for the Spanish labels used by ``search``."""
    names = {
        "numero": "Número de trámite",
        "desde": "Fecha de envío desde",
        "hasta": "Fecha de envío hasta",
        "estado": "Estado",
        "tipo": "Tipo de correspondencia",
        "asunto": "Asunto",
        "centro": "Centro de gestión",
        "dependencia": "Dependencia destino",
    }
    return {names[key]: value for key, value in kwargs.items()}


def expect_no_match(page: Page) -> None:
    expect(page.get_by_role("status").filter(has_text=NO_MATCH)).to_be_visible()
    expect(result_rows(page)).to_have_count(0)
    expect(page.get_by_role("button", name="Limpiar filtros")).to_be_visible()


def test_status_filter(owner: Owner) -> None:
    page = owner.page
    open_my_filings(page)
    expect_numbers(page, owner.newest_first)
    expect(page.get_by_text("Página 1 de 1 · 3 resultados")).to_be_visible()
    expect(page.get_by_role("button", name="Anterior")).to_be_disabled()
    expect(page.get_by_role("button", name="Siguiente")).to_be_disabled()
    for filed in (owner.info, owner.carta, owner.remision):
        row = result_rows(page).filter(has_text=filed.number)
        expect(row).to_contain_text(filed.subject)
        expect(row).to_contain_text("Registrada")
    _shot(page, "consulta")

    search(page, **labels(estado="Registrada"))
    assert query_of(page) == {"estado": ["registered"]}
    expect_numbers(page, owner.newest_first)
    expect(field(page, "Estado").locator("option:checked")).to_have_text("Registrada")

    for status, code in (("Rechazada", "rejected"), ("Atendida", "attended")):
        search(page, **labels(estado=status))
        assert query_of(page) == {"estado": [code]}
        expect_no_match(page)
    _shot(page, "consulta-sin-resultados")
    with page_loaded(page):
        page.get_by_role("button", name="Limpiar filtros").click()
    expect(page).to_have_url(re.compile(re.escape(MY_FILINGS) + "/?$"))
    expect_numbers(page, owner.newest_first)


def test_date_range_filter(owner: Owner) -> None:
    page = owner.page
    day = today().isoformat()
    open_my_filings(page)
    search(page, **labels(desde=day, hasta=day))
    assert query_of(page) == {"desde": [day], "hasta": [day]}
    expect_numbers(page, owner.newest_first)

    search(page, **labels(desde="2020-01-01", hasta="2020-01-31"))
    expect_no_match(page)

    yesterday = (today() - timedelta(days=1)).isoformat()
    search(page, **labels(desde=day, hasta=yesterday))
    hasta = field(page, "Fecha de envío hasta")
    expect(page.locator("#f-hasta-error")).to_have_text(BAD_RANGE)
    expect(hasta).to_have_attribute("aria-invalid", "true")
    expect(hasta).to_have_accessible_description(BAD_RANGE)
    expect(field(page, "Fecha de envío desde")).to_have_attribute("aria-invalid", "false")
    expect(result_rows(page)).to_have_count(0)


@pytest.mark.parametrize(
    ("typed", "which"),
    [
        ("INFORMACION", "info"),
        ("facturación", "info"),
        ("remision de contrato", "remision"),
        ("  Remisión   DE  ", "remision"),
        ("NOTARIAL", "carta"),
        ("inexistente", None),
    ],
)
def test_subject_filter_ignores_accents_and_case(
    owner: Owner, typed: str, which: str | None
) -> None:
    page = owner.page
    open_my_filings(page)
    search(page, **labels(asunto=typed))
    assert query_of(page) == {"asunto": [typed.strip()]}
    if which is None:
        expect_no_match(page)
    else:
        filed: Filed = getattr(owner, which)
        expect_numbers(page, [filed.number])
        expect(result_rows(page)).to_contain_text(filed.subject)


def test_number_filter_exact_and_prefix(owner: Owner) -> None:
    page = owner.page
    open_my_filings(page)
    search(page, **labels(numero=owner.carta.number.lower()))
    expect_numbers(page, [owner.carta.number])

    prefix = owner.carta.number[:-1]
    search(page, **labels(numero=prefix))
    assert query_of(page) == {"numero": [prefix]}
    expect_numbers(page, [n for n in owner.newest_first if n.startswith(prefix)])

    year_prefix = owner.carta.number[:9]  # "MPV-2026-"
    search(page, **labels(numero=year_prefix))
    expect_numbers(page, owner.newest_first)

    search(page, **labels(numero="MPV-2099-"))
    expect_no_match(page)


def test_filters_live_in_the_url_and_survive_reload(owner: Owner) -> None:
    page = owner.page
    day = today().isoformat()
    open_my_filings(page)
    field(page, "Centro de gestión").select_option(label=TALARA[0])
    expect(field(page, "Dependencia destino").locator("option", has_text=TALARA[1])).to_have_count(
        1
    )
    search(
        page,
        **labels(
            asunto="cobranza",
            estado="Registrada",
            tipo="Carta",
            desde=day,
            hasta=day,
            dependencia=TALARA[1],
        ),
    )
    query = query_of(page)
    assert set(query) == {"asunto", "estado", "tipo", "centro", "dependencia", "desde", "hasta"}
    assert query["asunto"] == ["cobranza"] and query["estado"] == ["registered"], query
    assert query["desde"] == [day] and query["hasta"] == [day], query
    assert all(v[0].isdigit() for k, v in query.items() if k in ("tipo", "centro", "dependencia"))
    url = page.url

    def expect_kept() -> None:
        expect(page).to_have_url(url)
        expect_numbers(page, [owner.carta.number])
        expect(field(page, "Asunto")).to_have_value("cobranza")
        expect(field(page, "Fecha de envío desde")).to_have_value(day)
        expect(field(page, "Fecha de envío hasta")).to_have_value(day)
        expect(field(page, "Número de trámite")).to_have_value("")
        for label, text in (
            ("Estado", "Registrada"),
            ("Tipo de correspondencia", "Carta"),
            ("Centro de gestión", TALARA[0]),
            ("Dependencia destino", TALARA[1]),
        ):
            expect(field(page, label).locator("option:checked")).to_have_text(text)

    expect_kept()
    with page_loaded(page):
        page.reload()
    wait_hydrated(page)
    expect_kept()

    with page_loaded(page):
        page.get_by_role("button", name="Limpiar", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(MY_FILINGS) + "/?$"))
    expect_numbers(page, owner.newest_first)
    expect(field(page, "Asunto")).to_have_value("")
    expect(field(page, "Fecha de envío desde")).to_have_value("")
    for label in ("Estado", "Tipo de correspondencia", "Centro de gestión"):
        expect(field(page, label)).to_have_value("")


def test_sorting_by_submission_date_toggles(owner: Owner) -> None:
    page = owner.page
    open_my_filings(page)
    sort = page.get_by_role("button", name=re.compile("^Fecha de envío"))
    header = page.get_by_role("columnheader").filter(has=sort)
    expect(header).to_have_attribute("aria-sort", "descending")
    expect_numbers(page, owner.newest_first)

    with page_loaded(page):
        sort.click()
    expect(page).to_have_url(re.compile(r"[?&]orden=antiguos"))
    expect_numbers(page, owner.newest_first[::-1])
    expect(header).to_have_attribute("aria-sort", "ascending")

    # The order travels with a search, and back.
    search(page, **labels(estado="Registrada"))
    assert query_of(page) == {"estado": ["registered"], "orden": ["antiguos"]}
    expect_numbers(page, owner.newest_first[::-1])
    with page_loaded(page):
        sort.click()
    expect(page).not_to_have_url(re.compile("orden="))
    expect_numbers(page, owner.newest_first)
    expect(header).to_have_attribute("aria-sort", "descending")


def test_detail_shows_data_history_and_downloads(owner: Owner, app: RunningApp) -> None:
    page, carta = owner.page, owner.carta
    open_my_filings(page)
    result_rows(page).filter(has_text=carta.number).get_by_role("link").click()
    expect(page).to_have_url(re.compile(re.escape(f"{MY_FILINGS}/{carta.number}") + "$"))
    heading = page.get_by_role("heading", name=f"Correspondencia {carta.number}", level=1)
    expect(heading).to_be_visible()

    def value(label: str):  # type: ignore[no-untyped-def]
        return page.locator(f"xpath=//dt[normalize-space()='{label}']/following-sibling::dd[1]")

    expect(value("Número de trámite")).to_have_text(carta.number)
    expect(value("Estado")).to_have_text("Registrada")
    expect(value("Asunto")).to_have_text(carta.subject)
    expect(value("Tipo de correspondencia")).to_have_text("Carta")
    expect(value("Destino")).to_have_text(f"{TALARA[1]} — {TALARA[0]}")
    expect(value("Remitente")).to_contain_text(owner.data.fields["Nombres"])
    expect(value("Fecha y hora de envío")).to_contain_text(today().strftime("%d/%m/%Y"))
    expect(value("Nº de páginas")).to_have_text("2")

    history = page.get_by_role("list", name="Historial")
    entries = history.locator("li")
    expect(entries).to_have_count(1)
    expect(entries.first).to_contain_text("Registro")
    expect(entries.first).to_contain_text("Registrada")
    expect(entries.first).to_contain_text(TALARA[1])
    expect(page.get_by_text("Usuario:")).to_have_count(0)  # staff names are for staff
    for name in ("Tomar", "Atender", "Derivar", "Rechazar"):
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(0)
    _shot(page, "detalle-remitente")

    cargo, _ = download_bytes(page, page.get_by_role("button", name="Descargar cargo"))
    assert cargo.startswith(b"%PDF"), cargo[:20]
    assert carta.number in pdf_text(cargo)

    files = page.get_by_role("list", name="Archivos").locator("li")
    expect(files).to_have_count(1)
    expect(files).to_contain_text(carta.main.name)
    expect(files).to_contain_text("Documento principal")
    button = page.get_by_role("button", name=f"Descargar {carta.main.name}", exact=True)
    data, download = download_bytes(page, button)
    assert download.suggested_filename == carta.main.name
    assert sha256_of(data) == ff.sha256(carta.main)

    # The link works only with the handler's signed token: the bare or a forged URL does not.
    path = urlsplit(download.url).path
    assert re.fullmatch(r"/api/archivo/\d+", path), download.url
    for url in (path, f"{path}?t=", f"{path}?t=forjado.firma"):
        response = page.request.get(url)
        assert response.status == 404, (url, response.status)
        assert carta.main.name.encode() not in response.body()
    next_id = int(path.rsplit("/", 1)[1]) + 1
    assert page.request.get(f"/api/archivo/{next_id}").status == 404


def test_other_sender_sees_nothing_of_it(page: Page, app: RunningApp, owner: Owner) -> None:
    other = signed_in_sender(page, app)
    assert other.email != owner.data.email
    open_my_filings(page, with_filings=False)
    empty = page.get_by_role("status").filter(has_text=NO_FILINGS)
    expect(empty).to_be_visible()
    expect(result_rows(page)).to_have_count(0)
    _shot(page, "consulta-vacia")

    for number in (owner.carta.number, owner.info.number, "MPV-2099-999999"):
        goto(page, f"{MY_FILINGS}/{number}")
        expect(page.get_by_role("heading", name=NOT_FOUND, level=1)).to_be_visible()
        expect(page.get_by_role("alert")).to_contain_text(number)
        expect(page.get_by_text(owner.carta.subject)).to_have_count(0)
        expect(page.get_by_role("button", name="Descargar cargo")).to_have_count(0)

    # A subject search cannot reach another sender's filings either.
    open_my_filings(page, "?asunto=cobranza")
    expect_no_match(page)

    open_my_filings(page, with_filings=False)
    empty.get_by_role("link", name="Registrar una nueva correspondencia").click()
    expect(page).to_have_url(re.compile(r"/nueva-correspondencia/?$"))
