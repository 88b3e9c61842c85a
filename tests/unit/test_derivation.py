"""Derivar never offers the department the filing is already in."""

from __future__ import annotations

from mpv_app.domain.derivation import derivation_choices, is_derivation_target

LEGAL, FINANCE, RECEPTION = ("12", "Gerencia Legal"), ("13", "Finanzas"), ("1", "Trámite")


def test_the_current_department_is_left_out() -> None:
    options = [RECEPTION, LEGAL, FINANCE]
    assert derivation_choices(options, 12) == [RECEPTION, FINANCE]
    assert derivation_choices(options, 1) == [LEGAL, FINANCE]
    # A filing elsewhere (another center): everything here is a valid target.
    assert derivation_choices(options, 99) == options
    assert derivation_choices([LEGAL], 12) == []


def test_the_rule_itself() -> None:
    assert not is_derivation_target(12, 12)
    assert is_derivation_target(13, 12)
    assert is_derivation_target(13, None)
