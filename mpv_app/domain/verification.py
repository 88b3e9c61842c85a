"""Verification codes printed on receipts (cargos) and typed into ``/verificar/<code>``.

A code must be unguessable (it is the only key to the public verification page) and survive
being read aloud, copied from a PDF or retyped from paper. Hence 80 random bits from ``secrets``
spelled in Crockford's base32, which has no I, L, O or U, grouped in fours like a licence key;
and a lenient parser that undoes the usual slips (lower case, spaces, lost dashes, O for zero,
I or L for one) but refuses anything that could be a different code.
"""

from __future__ import annotations

import secrets

__all__ = [
    "ALPHABET",
    "CODE_GROUPS",
    "GROUP_SIZE",
    "new_verification_code",
    "normalize_code",
]

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUP_SIZE = 4
CODE_GROUPS = 4
_LENGTH = GROUP_SIZE * CODE_GROUPS
_VALID = frozenset(ALPHABET)
# Crockford's decoding rules: letters that look like digits are read as those digits.
_SUBSTITUTIONS = {"O": "0", "I": "1", "L": "1"}
# Separators people type or paste: ASCII and typographic dashes (a PDF viewer may turn the
# hyphen into one of those on copy), and underscores. Whitespace is handled by isspace().
_SEPARATORS = frozenset("-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
# Generous bound so absurd inputs are refused before any per-character work.
_MAX_INPUT = 64


def _group(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_SIZE] for i in range(0, len(raw), GROUP_SIZE))


def new_verification_code() -> str:
    """Draw a fresh code; ``secrets`` because a predictable code would let anyone verify
    (and so learn the existence of) other people's filings."""
    return _group("".join(secrets.choice(ALPHABET) for _ in range(_LENGTH)))


def normalize_code(text: str) -> str | None:
    """Return the canonical ``XXXX-XXXX-XXXX-XXXX`` form, or ``None`` when ``text`` is no code.

    Only ASCII letters are case-folded: ``str.upper`` would turn e.g. the dotless ``ı`` into
    ``I`` (and so into ``1``), accepting text that nobody copied from a real receipt.
    """
    if len(text) > _MAX_INPUT:
        return None
    chars: list[str] = []
    for ch in text:
        if ch.isspace() or ch in _SEPARATORS:
            continue
        if not ch.isascii():
            return None
        upper = ch.upper()
        upper = _SUBSTITUTIONS.get(upper, upper)
        if upper not in _VALID:
            return None
        chars.append(upper)
    if len(chars) != _LENGTH:
        return None
    return _group("".join(chars))
