"""The consulta's URL filters: parsed forgivingly, refused when wrong, and written back."""

from __future__ import annotations

from datetime import date

import pytest

from mpv_app.domain.enums import Status
from mpv_app.domain.search_filters import (
    MAX_NUMBER_QUERY,
    MAX_SUBJECT_QUERY,
    FilingFilters,
    parse_query,
    to_query,
)


def test_empty_query_is_empty_filters_on_page_one() -> None:
    parsed = parse_query({})
    assert parsed.filters == FilingFilters()
    assert parsed.filters.is_empty()
    assert parsed.page == 1
    assert parsed.errors == {}


def test_every_parameter_is_read_and_normalized() -> None:
    parsed = parse_query(
        {
            "numero": "  mpv-2026-0001 ",
            "desde": "2026-11-01",
            "hasta": "2026-11-30",
            "estado": "in_progress",
            "tipo": "7",
            "asunto": "  carta   de   Información ",
            "centro": "2",
            "dependencia": "15",
            "orden": "antiguos",
            "pagina": "3",
        }
    )
    assert parsed.errors == {}
    assert parsed.page == 3
    assert parsed.filters == FilingFilters(
        number="MPV-2026-0001",
        date_from=date(2026, 11, 1),
        date_to=date(2026, 11, 30),
        status=Status.IN_PROGRESS,
        document_type_id=7,
        subject="carta de Información",
        center_id=2,
        department_id=15,
        newest_first=False,
    )
    assert not parsed.filters.is_empty()


def test_round_trip_through_the_url() -> None:
    filters = FilingFilters(
        number="MPV-2026",
        date_from=date(2026, 1, 5),
        date_to=date(2026, 2, 5),
        status=Status.REJECTED,
        document_type_id=3,
        subject="ñandú 50%",
        center_id=1,
        department_id=4,
        newest_first=False,
    )
    query = to_query(filters, page=2)
    assert query == {
        "numero": "MPV-2026",
        "desde": "2026-01-05",
        "hasta": "2026-02-05",
        "estado": "rejected",
        "tipo": "3",
        "asunto": "ñandú 50%",
        "centro": "1",
        "dependencia": "4",
        "orden": "antiguos",
        "pagina": "2",
    }
    parsed = parse_query(query)
    assert parsed.filters == filters
    assert parsed.page == 2


def test_defaults_are_left_out_of_the_url() -> None:
    assert to_query(FilingFilters()) == {}
    assert to_query(FilingFilters(), page=1) == {}
    assert to_query(FilingFilters(status=Status.REGISTERED)) == {"estado": "registered"}


def test_sort_order_alone_does_not_make_a_search() -> None:
    assert FilingFilters(newest_first=False).is_empty()
    assert parse_query({"orden": "antiguos"}).filters.is_empty()
    assert parse_query({"orden": "recientes"}).filters.newest_first is True
    assert parse_query({"orden": "cualquiera"}).filters.newest_first is None
    assert parse_query({}).filters.newest_first is None


@pytest.mark.parametrize("raw", ["20/11/2026", "2026-13-01", "2026-02-30", "ayer", "2026/11/20"])
def test_bad_dates_are_reported_never_guessed(raw: str) -> None:
    parsed = parse_query({"desde": raw, "hasta": raw})
    assert parsed.filters.date_from is None
    assert parsed.filters.date_to is None
    assert parsed.errors == {
        "date_from": "Ingrese una fecha válida (día/mes/año).",
        "date_to": "Ingrese una fecha válida (día/mes/año).",
    }


def test_reversed_range_is_an_error_on_the_to_date() -> None:
    parsed = parse_query({"desde": "2026-11-20", "hasta": "2026-11-19"})
    assert set(parsed.errors) == {"date_to"}
    assert "posterior" in parsed.errors["date_to"]
    same_day = parse_query({"desde": "2026-11-20", "hasta": "2026-11-20"})
    assert same_day.errors == {}


def test_unknown_status_is_an_error_and_no_filter() -> None:
    parsed = parse_query({"estado": "Registrada"})
    assert parsed.filters.status is None
    assert parsed.errors == {"status": "Seleccione un estado de la lista."}
    for status in Status:
        assert parse_query({"estado": status.value}).filters.status is status


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "1.5", "", " ", "99999999999"])
def test_ids_and_page_must_be_positive_integers(raw: str) -> None:
    parsed = parse_query({"tipo": raw, "centro": raw, "dependencia": raw, "pagina": raw})
    assert parsed.filters.document_type_id is None
    assert parsed.filters.center_id is None
    assert parsed.filters.department_id is None
    assert parsed.page == 1
    assert parsed.errors == {}


@pytest.mark.parametrize("raw", ["²", "①", "3²", "٣", "１"])
def test_digit_lookalikes_are_no_id_rather_than_a_crash(raw: str) -> None:
    # str.isdigit() accepts superscripts and circled digits that int() refuses, and int() reads
    # Arabic-Indic and full-width digits: a hand-edited URL gives "no filter", never a crash.
    try:
        parsed = parse_query({"tipo": raw, "pagina": raw})
    except ValueError as error:
        pytest.fail(f"parse_query crashed on {raw!r}: {error}")
    assert parsed.filters.document_type_id is None
    assert parsed.page == 1


def test_long_inputs_are_cut_to_their_limits() -> None:
    parsed = parse_query({"numero": "m" * 50, "asunto": "a" * 500})
    assert parsed.filters.number == "M" * MAX_NUMBER_QUERY
    assert parsed.filters.subject == "a" * MAX_SUBJECT_QUERY


def test_missing_or_none_values_count_as_empty() -> None:
    params: dict[str, str] = {"numero": None, "asunto": None}  # type: ignore[dict-item]
    assert parse_query(params).filters == FilingFilters()


@pytest.mark.parametrize(("newest_first", "code"), [(True, "recientes"), (False, "antiguos")])
def test_an_explicit_order_survives_the_url(newest_first: bool, code: str) -> None:
    # An explicit choice must stay explicit: in an inbox "recientes" reverses the default.
    query = to_query(FilingFilters(newest_first=newest_first))
    assert query == {"orden": code}
    assert parse_query(query).filters.newest_first is newest_first


def test_invoice_filters_round_trip_and_refuse_what_is_not_a_number() -> None:
    from decimal import Decimal

    parsed = parse_query(
        {
            "comprobante": "f001-00012345",
            "ruc": "20512345678",
            "monto_desde": "1 250,5",
            "monto_hasta": "99999.99",
        }
    )
    assert parsed.errors == {}
    f = parsed.filters
    assert (f.invoice_number, f.issuer_ruc, f.amount_min, f.amount_max) == (
        "F001-00012345",
        "20512345678",
        Decimal("1250.5"),
        Decimal("99999.99"),
    )
    assert parse_query(to_query(f)).filters == f
    bad = parse_query({"ruc": "2051234567٨", "monto_desde": "1,²", "monto_hasta": "abc"})
    assert set(bad.errors) == {"issuer_ruc", "amount_min", "amount_max"}
    reversed_range = parse_query({"monto_desde": "10", "monto_hasta": "5"})
    assert "amount_max" in reversed_range.errors
