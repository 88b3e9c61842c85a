"""Input hygiene (mpv_app/domain/hygiene.py) as every form and the mail layer use it."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mpv_app.domain import hygiene
from mpv_app.domain import validators as v
from mpv_app.domain.files import sanitize_filename
from mpv_app.domain.filing_rules import clean_fields
from mpv_app.domain.search_filters import positive_int
from mpv_app.mail.transports import FileTransport

TODAY = date(2026, 11, 30)
RLO = "\u202e"


def _fields(**overrides: Any) -> tuple[Any, dict[str, str]]:
    values: dict[str, Any] = {
        "subject": "Solicitud de información",
        "document_type_id": "1",
        "document_number": "CARTA-001-2026",
        "document_date": "2026-11-20",
        "page_count": "3",
        "notes": "",
        "knows_destination": False,
        "center_id": "",
        "department_id": "",
        "today": TODAY,
    }
    return clean_fields(**(values | overrides))


@pytest.mark.parametrize(
    "address",
    [
        "<script>alert(1)</script>@dominio.pe",
        "<script>x@dominio.pe",
        "otro,victima@dominio.pe",
        "otro@dominio.pe,victima@dominio.pe",
        "a\x00b@dominio.pe",
        "a@dominio.pe\r\nBcc: x@y.pe",
        "Ana <ana@dominio.pe>",
        "ana@dominio..pe",
        "ana@localhost",
        "",
    ],
)
def test_what_is_not_one_address_is_refused(address: str) -> None:
    with pytest.raises(v.ValidationError) as refused:
        v.normalize_email(address)
    assert refused.value.message == "Ingrese un correo electrónico válido."


def test_a_real_address_is_kept_lower_cased() -> None:
    assert v.normalize_email("  Rosa.Quispe@Correo.PE ") == "rosa.quispe@correo.pe"
    assert v.normalize_email("ana+mpv@petroperu.com.pe") == "ana+mpv@petroperu.com.pe"


@pytest.mark.parametrize(
    "value", ["a@b.pe\r\nBcc: c@d.pe", "a@b.pe\nX: y", "a@b.pe\x00", "a@b.pe, c@d.pe", "script"]
)
def test_the_mail_layer_refuses_injected_recipients(tmp_path: Path, value: str) -> None:
    transport = FileTransport(tmp_path, "Mesa <mesa@petroperu.com.pe>")
    with pytest.raises(ValueError):
        transport.send(to=value, subject="Asunto", text="t", html="<p>t</p>", message_id="<1@x>")
    assert list(tmp_path.glob("*.eml")) == []


@pytest.mark.parametrize("subject", ["Asunto\r\nBcc: x@y.pe", "Asunto\x00", "Asunto\x1b[31m"])
def test_the_mail_layer_refuses_control_characters_in_the_subject(
    tmp_path: Path, subject: str
) -> None:
    transport = FileTransport(tmp_path, "Mesa <mesa@petroperu.com.pe>")
    with pytest.raises(ValueError):
        transport.send(to="a@b.pe", subject=subject, text="t", html="t", message_id="<1@x>")


def test_controls_and_ansi_escapes_are_removed_and_text_is_nfc() -> None:
    raw = "Pago\x00 de\x07 fac\x85tura \x1b[31mroja\x1b[0m e\u0301"
    assert hygiene.strip_controls(raw) == "Pago de factura roja é"
    assert hygiene.strip_controls("línea 1\r\nlínea 2", multiline=True) == "línea 1\nlínea 2"
    assert hygiene.strip_controls("línea 1\nlínea 2") == "línea 1línea 2"


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", RLO, "\u2066", "\u2069"])
def test_bidi_controls_are_refused_in_subject_and_number(char: str) -> None:
    _, errors = _fields(subject=f"Pago {char}exe.fdp", document_number=f"N{char}1")
    assert "control de dirección" in errors["subject"]
    assert "control de dirección" in errors["document_number"]


def test_bidi_controls_are_refused_in_names() -> None:
    with pytest.raises(v.ValidationError) as refused:
        v.validate_required("first_names", f"Rosa {RLO}asoR", "sus nombres", 120)
    assert refused.value.field == "first_names"
    assert "control de dirección" in refused.value.message
    assert v.validate_required("first_names", "Ro\x00sa\x1b[1m  María", "sus nombres", 120) == (
        "Rosa María"
    )


def test_file_names_show_what_they_are() -> None:
    assert sanitize_filename(f"Pago {RLO}exe.fdp") == "Pago exe.fdp"
    assert sanitize_filename("informe\x1b[31m\x00.pdf") == "informe.pdf"
    assert sanitize_filename("a\u2066b\u2069.pdf") == "ab.pdf"


@pytest.mark.parametrize("value", ["²", "٢", "２", "1e3", "-1", " ", "", "3.0"])
def test_only_ascii_digits_count_as_a_number(value: str) -> None:
    fields, errors = _fields(page_count=value, document_type_id=value)
    assert fields is None
    assert errors["page_count"].startswith("Ingrese el número de páginas")
    assert errors["document_type_id"] == "Seleccione el tipo de correspondencia."


@pytest.mark.parametrize("value", [None, 12.5, ["1"], {"a": 1}, True, "²", "0", "2147483648"])
def test_ids_from_a_browser_are_positive_ascii_integers_or_none(value: object) -> None:
    assert positive_int(value) is None
    assert positive_int("42") == 42


@pytest.mark.parametrize(
    "value", ["1800-01-01", "0001-01-01", "1899-12-31", "٢٠٢٦-١١-٢٠", "20261120"]
)
def test_document_dates_before_1900_or_not_iso_are_refused(value: str) -> None:
    _, errors = _fields(document_date=value)
    assert "document_date" in errors


def test_document_dates_from_1900_to_today_are_taken() -> None:
    for value in ("1900-01-01", TODAY.isoformat()):
        fields, errors = _fields(document_date=value)
        assert errors == {} and fields is not None
    _, errors = _fields(document_date="2026-12-01")
    assert errors["document_date"] == "La fecha del documento no puede ser posterior a hoy."
