from __future__ import annotations

import re

import pytest

from mpv_app.domain.verification import ALPHABET, new_verification_code, normalize_code

CODE_RE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){3}")


def test_alphabet_is_crockford_base32() -> None:
    assert len(ALPHABET) == len(set(ALPHABET)) == 32
    assert not set("ILOU") & set(ALPHABET)


def test_codes_match_format_and_are_unique() -> None:
    codes = [new_verification_code() for _ in range(10_000)]
    assert len(set(codes)) == len(codes)
    for code in codes:
        assert CODE_RE.fullmatch(code), code
    # 160,000 draws from 32 symbols: every symbol shows up, and none of the ambiguous ones.
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)


def test_generated_codes_are_already_canonical() -> None:
    for _ in range(200):
        code = new_verification_code()
        assert normalize_code(code) == code


@pytest.mark.parametrize(
    "typed",
    [
        "7K3M-Q9TZ-2HXD-8RWA",
        "7k3m-q9tz-2hxd-8rwa",
        "7K3MQ9TZ2HXD8RWA",
        "  7K3M Q9TZ 2HXD 8RWA  ",
        "7k3m q9tz-2hxd8rwa",
        "7K3M\u2013Q9TZ\u20132HXD\u20138RWA",  # en dashes, as some PDF viewers copy hyphens
        "7K3M\tQ9TZ\n2HXD 8RWA",
    ],
)
def test_normalize_accepts_typing_variants(typed: str) -> None:
    assert normalize_code(typed) == "7K3M-Q9TZ-2HXD-8RWA"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("O0O0-o0o0-0000-0000", "0000-0000-0000-0000"),
        ("IL1i-l111-1111-1111", "1111-1111-1111-1111"),
        ("ABCD-EFGH-JKMN-PQRS", "ABCD-EFGH-JKMN-PQRS"),
        ("TVWX-YZ01-23O5-6789", "TVWX-YZ01-2305-6789"),
    ],
)
def test_normalize_applies_crockford_substitutions(typed: str, expected: str) -> None:
    assert normalize_code(typed) == expected


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "   ",
        "----",
        "7K3M-Q9TZ-2HXD",  # too short
        "7K3M-Q9TZ-2HXD-8RW",
        "7K3M-Q9TZ-2HXD-8RWAX",  # too long
        "7K3M-Q9TZ-2HXD-8RWU",  # U is not in the alphabet (nor read as V)
        "7K3M-Q9TZ-2HXD-8RW*",
        "7K3M-Q9TZ-2HXD-8RW.",
        "7K3M/Q9TZ/2HXD/8RWA",
        "7K3M-Q9TZ-2HXD-8RW\u0131",  # dotless i: upper() would make it an I
        "\uff17K3M-Q9TZ-2HXD-8RWA",  # fullwidth digit seven
        "7K3M-Q9TZ-2HXD-8RW\u0391",  # Greek capital alpha
        "<script>alert(1)</script>",
        "7K3M-Q9TZ-2HXD-8RWA" * 4,
        "A" * 10_000,
    ],
)
def test_normalize_rejects_garbage(garbage: str) -> None:
    assert normalize_code(garbage) is None
