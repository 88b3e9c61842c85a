"""Text folding for search: "Asunto" matches whatever the case and accents typed."""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]


def fold(text: str) -> str:
    """Lower-case, no diacritics, single spaces: " Carta  NOTARIAL Ñuñoa" → "carta notarial nunoa".

    Stored beside the subject so the database compares folded text with folded text and an
    ordinary trigram index serves accent-insensitive search on both backends.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())
