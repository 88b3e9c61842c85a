"""Exports of a staff search: their formats, and the exact thing a download link grants."""

from __future__ import annotations

from enum import StrEnum
from urllib.parse import urlencode


class ExportFormat(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"

    @property
    def media_type(self) -> str:
        if self is ExportFormat.XLSX:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        return "text/csv; charset=utf-8"

    @property
    def label(self) -> str:
        return "Excel (XLSX)" if self is ExportFormat.XLSX else "CSV"


def export_target(inbox: str, fmt: ExportFormat, query: dict[str, str]) -> str:
    """What a signed export link names: the inbox, the format and the filters, canonical.

    The route recomputes it from the request, so a link for one search cannot be replayed
    with other filters, another inbox or another format.
    """
    return f"{inbox}/{fmt.value}?{urlencode(sorted(query.items()))}"
