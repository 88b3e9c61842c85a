"""Exports as CSV (streamed) and XLSX (openpyxl, write-only): what a clerk opens in Excel.

Everything in a row came from somebody's typing, so no cell may become a formula: CSV cells
that start with ``= + - @`` (or a tab or CR) get a leading apostrophe, the usual defence
against spreadsheet injection, and XLSX cells are written as plain strings.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | Decimal | None


def _inert(value: Cell) -> str | Decimal | None:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(headers: Iterable[str], rows: Iterable[Iterable[Cell]]) -> Iterator[bytes]:
    """UTF-8 with a BOM (Excel reads accents right), one chunk per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8")

    writer.writerow(headers)
    yield "\ufeff".encode() + flush()
    for row in rows:
        writer.writerow(["" if v is None else _inert(v) for v in row])
        yield flush()


def write_xlsx(
    target: IO[bytes], title: str, headers: Iterable[str], rows: Iterable[Iterable[Cell]]
) -> int:
    """Write the workbook to ``target``; returns the number of data rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(headers))
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula, whatever it starts with
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count
