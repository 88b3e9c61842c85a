"""Reading the audit log's search from the URL: bad input becomes a message, never a crash."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl

from mpv_app.domain.audit import AuditAction
from mpv_app.selectors.audit_log import AuditFilters, AuditPage, parse_filters


def test_valid_query_is_read_and_normalised() -> None:
    parsed = parse_filters(
        {
            "usuario": "  Admin@Petroperu ",
            "accion": "filing.route",
            "desde": "2026-03-01",
            "hasta": "09/03/2026",
            "tramite": "mpv-2026-000007",
            "pagina": "3",
        }
    )
    assert parsed.errors == []
    assert parsed.filters == AuditFilters(
        user="admin@petroperu",
        action="filing.route",
        since=date(2026, 3, 1),
        until=date(2026, 3, 9),
        tracking_number="MPV-2026-000007",
        page=3,
    )


def test_bad_dates_give_spanish_messages() -> None:
    parsed = parse_filters({"desde": "2026-02-30", "hasta": "mañana"})
    assert parsed.errors == [
        "La fecha «Desde» no es válida: use el formato dd/mm/aaaa.",
        "La fecha «Hasta» no es válida: use el formato dd/mm/aaaa.",
    ]
    assert parsed.filters.since is None and parsed.filters.until is None
    assert parsed.raw["hasta"] == "mañana"


def test_reversed_range_is_refused() -> None:
    parsed = parse_filters({"desde": "2026-03-10", "hasta": "2026-03-01"})
    assert parsed.errors == ["La fecha «Desde» no puede ser posterior a la fecha «Hasta»."]


def test_unknown_action_in_the_url_is_a_message_not_a_query() -> None:
    parsed = parse_filters({"accion": "calendar.holiday_add"})
    assert parsed.errors == ["La acción elegida no existe: se muestran todas."]
    assert parsed.filters.action == ""
    assert parse_filters({"accion": "calendar.holiday.add"}).errors == []


def test_bad_page_numbers_mean_the_first_page() -> None:
    for value in ("0", "-4", "dos", "", "1e9x"):
        assert parse_filters({"pagina": value}).filters.page == 1
    assert parse_filters({"pagina": "9" * 30}).filters.page == 100_000


def test_query_string_round_trips_and_drops_empty_values() -> None:
    filters = AuditFilters(user="ana", since=date(2026, 3, 1), tracking_number="MPV-2026-000001")
    query = filters.query_string(page=2)
    assert dict(parse_qsl(query)) == {
        "usuario": "ana",
        "desde": "2026-03-01",
        "tramite": "MPV-2026-000001",
        "pagina": "2",
    }
    assert parse_filters(dict(parse_qsl(query))).filters == AuditFilters(
        user="ana", since=date(2026, 3, 1), tracking_number="MPV-2026-000001", page=2
    )
    assert AuditFilters().query_string() == ""
    assert "pagina" not in filters.query_string(page=1)


def test_labels_and_totals() -> None:
    assert AuditAction("auth.login").label == "Inicio de sesión"
    assert AuditPage([], 1, 1, 1, False).total_text == "1 registro"
    assert AuditPage([], 1234, 1, 25, False).total_text == "1 234 registros"
    capped = AuditPage([], 10_001, 3, 200, True)
    assert capped.total_text == "más de 10 000 registros"
    assert capped.pages_text == "Página 3 de más de 200"
    assert AuditPage([], 120, 2, 3, True).pages_text == "Página 2 de 3"
