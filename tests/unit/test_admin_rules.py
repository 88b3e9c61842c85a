"""Pure field rules of the administration services: codes, names, days and times."""

from __future__ import annotations

from datetime import date, time

import pytest

from mpv_app.services.calendar_admin import national_holiday_name, parse_day, parse_time
from mpv_app.services.catalog_checks import MSG_CODE_FORMAT, clean_code, clean_name
from mpv_app.services.errors import FieldErrors


@pytest.mark.parametrize(
    ("raw", "code"), [(" op-td ", "OP-TD"), ("rf_pil2", "RF_PIL2"), ("X", "X")]
)
def test_codes_are_trimmed_and_upper_cased(raw: str, code: str) -> None:
    assert clean_code(raw) == code


@pytest.mark.parametrize("raw", ["-OP", "OP TD", "CÓDIGO", "A" * 41, "op/td"])
def test_malformed_codes_are_refused(raw: str) -> None:
    with pytest.raises(FieldErrors) as caught:
        clean_code(raw)
    assert caught.value.errors == {"code": MSG_CODE_FORMAT}


def test_blank_code_and_name_ask_for_a_value() -> None:
    with pytest.raises(FieldErrors, match="Ingrese el código"):
        clean_code("   ")
    with pytest.raises(FieldErrors, match="Ingrese el nombre"):
        clean_name("\t", 120)


def test_names_collapse_inner_spaces_and_respect_the_column_length() -> None:
    assert clean_name("  Refinería \n Talara ", 120) == "Refinería Talara"
    assert clean_name("x" * 120, 120) == "x" * 120
    with pytest.raises(FieldErrors, match="como máximo 120 caracteres"):
        clean_name("x" * 121, 120)


def test_days_and_times_as_browsers_send_them() -> None:
    assert parse_day("2026-12-24") == date(2026, 12, 24)
    assert parse_time("08:05", "opens_at", "m") == time(8, 5)
    assert parse_time("16:36:59", "closes_at", "m") == time(16, 36)
    with pytest.raises(FieldErrors) as caught:
        parse_day("24/12/2026")
    assert set(caught.value.errors) == {"day"}
    with pytest.raises(FieldErrors) as caught:
        parse_time("", "opens_at", "Ingrese la hora")
    assert caught.value.errors == {"opens_at": "Ingrese la hora"}


def test_national_holidays_are_named_in_spanish() -> None:
    assert national_holiday_name(date(2026, 7, 28)) is not None
    assert "Navidad" in (national_holiday_name(date(2026, 12, 25)) or "")
    assert national_holiday_name(date(2026, 12, 24)) is None
