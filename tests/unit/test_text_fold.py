"""``fold``: what "Asunto" compares, whatever case and accents were typed or stored."""

from __future__ import annotations

import pytest

from mpv_app.domain.text import fold


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        (" Carta  NOTARIAL Ñuñoa", "carta notarial nunoa"),
        ("Información", "informacion"),
        ("INFORMACIÓN", "informacion"),
        ("ÑANDÚ", "nandu"),
        ("ñandú", "nandu"),
        ("pingüino", "pinguino"),
        ("Ça va à l'été", "ca va a l'ete"),
        ("STRASSE Straße", "strasse strasse"),
        ("tab\tand\nnewline", "tab and newline"),
        ('50% de_descuento "urgente"', '50% de_descuento "urgente"'),
        ("", ""),
        ("   ", ""),
    ],
)
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_precomposed_and_decomposed_accents_fold_alike() -> None:
    precomposed = "Informaci\u00f3n"
    decomposed = "Informacio\u0301n"
    assert precomposed != decomposed
    assert fold(precomposed) == fold(decomposed) == "informacion"


def test_fold_is_idempotent() -> None:
    text = " Áreas   de  ÑANDÚ y  Pingüino "
    assert fold(fold(text)) == fold(text)


def test_query_folded_is_a_substring_of_subject_folded_both_ways() -> None:
    assert fold("informacion") in fold("Solicitud de Información pública")
    assert fold("ÑANDÚ") in fold("Reclamo sobre el ñandú del zoológico")
