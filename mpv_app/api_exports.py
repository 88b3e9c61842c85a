"""``/api/exportar/{inbox}/{format}``: a staff search as XLSX or CSV, streamed and audited.

The link comes from the inbox page's handler (signed, five minutes, bound to the session that
asked), and names the exact inbox, format and filters; the route recomputes that from the
request, re-checks that the account is still active and still has the inbox's role, takes
the scope from the account (never from the request), and writes the audit row before the
first byte goes out.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import Iterator

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse

from mpv_app.db import in_thread_transaction, read_scope
from mpv_app.domain.exports import ExportFormat, export_target
from mpv_app.domain.identity import Viewer
from mpv_app.domain.search_filters import FilingFilters, parse_query, to_query
from mpv_app.selectors.consulta import Scope
from mpv_app.selectors.download_grants import granted_user
from mpv_app.selectors.exports import HEADERS, export_count, export_rows
from mpv_app.selectors.filing_detail import viewer_for
from mpv_app.selectors.inboxes import Inbox, inbox_scope
from mpv_app.services.exports import record_export
from mpv_app.settings import get_settings
from mpv_app.spreadsheets import csv_chunks, write_xlsx

NOT_FOUND = PlainTextResponse(
    "No encontrado o el enlace de exportación venció. Vuelva a la bandeja y exporte de nuevo.",
    status_code=404,
)
PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
_SPOOL_BYTES = 8 * 1024 * 1024


def _rows(filters: FilingFilters, scope: Scope, cap: int) -> Iterator[tuple[object, ...]]:
    with read_scope() as session:
        for row in export_rows(session, filters, scope, cap=cap):
            yield row.cells()


def _count(filters: FilingFilters, scope: Scope, cap: int) -> int:
    with read_scope() as session:
        return export_count(session, filters, scope, cap=cap)


def _viewer(token: str, target: str) -> Viewer | None:
    with read_scope() as session:
        user_id = granted_user(session, token, what="export", target=target)
        return viewer_for(session, user_id) if user_id is not None else None


def _xlsx(filters: FilingFilters, scope: Scope, cap: int) -> bytes:
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
        write_xlsx(spool, "Correspondencia", HEADERS, _rows(filters, scope, cap))  # type: ignore[arg-type]
        spool.seek(0)
        return spool.read()


async def export(request: Request) -> Response:
    try:
        inbox = Inbox(request.path_params["inbox"])
        fmt = ExportFormat(request.path_params["fmt"])
    except ValueError:
        return NOT_FOUND
    params = {k: v for k, v in request.query_params.items() if k != "t"}
    parsed = parse_query(params)
    if parsed.errors:
        return NOT_FOUND
    query = to_query(parsed.filters)
    target = export_target(inbox.value, fmt, query)
    viewer = await asyncio.to_thread(_viewer, request.query_params.get("t", ""), target)
    if viewer is None or viewer.role is not inbox.role:
        return NOT_FOUND
    scope = inbox_scope(inbox, viewer.department_id)
    cap = get_settings().export_max_rows
    rows = await asyncio.to_thread(_count, parsed.filters, scope, cap)
    await in_thread_transaction(
        record_export,
        actor_user_id=viewer.user_id,
        inbox=inbox.value,
        fmt=fmt.value,
        query=target.partition("?")[2],
        rows=rows,
    )
    name = f"correspondencia-{inbox.value}.{fmt.value}"
    headers = {**PRIVATE, "Content-Disposition": f'attachment; filename="{name}"'}
    if fmt is ExportFormat.CSV:
        chunks = csv_chunks(HEADERS, _rows(parsed.filters, scope, cap))  # type: ignore[arg-type]
        return StreamingResponse(chunks, media_type=fmt.media_type, headers=headers)
    data = await asyncio.to_thread(_xlsx, parsed.filters, scope, cap)
    return Response(data, media_type=fmt.media_type, headers=headers)
