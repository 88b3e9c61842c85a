"""Plain HTTP routes beside the Reflex app: health and authorised downloads.

Downloads take a signed, short-lived token issued by a state handler after it re-checked the
session; the route checks the token, that the issuing session is still alive (logout ends the
links), and the right to see the filing, and answers the same 404 for "not yours" as for "does
not exist".
"""

from __future__ import annotations

from urllib.parse import quote

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from mpv_app import routes
from mpv_app.api_exports import export
from mpv_app.db import get_engine, read_scope
from mpv_app.selectors.download_grants import granted_user
from mpv_app.selectors.filing_detail import viewer_for, visible_attachment, visible_filing
from mpv_app.selectors.receipts import cargo_pdf
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore

NOT_FOUND = PlainTextResponse(
    "No encontrado o el enlace de descarga venció. Vuelva a la página y descargue de nuevo.",
    status_code=404,
)
PRIVATE = {"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"}
# The endpoints are plain functions: Starlette runs them in its thread pool, so a query or a
# cargo being drawn and signed never holds up the event loop that serves every tab.


def health(_request: Request) -> JSONResponse:
    """Answers 200 only when the database answers too, so probes catch a broken DB."""
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # any DB failure is "not ready", whatever its type
        return JSONResponse({"estado": "sin base de datos"}, status_code=503)
    return JSONResponse({"estado": "ok"})


def _disposition(name: str) -> str:
    ascii_name = name.encode("ascii", "replace").decode().replace('"', "")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def receipt(request: Request) -> Response:
    tracking_number = request.path_params["tracking_number"]
    token = request.query_params.get("t", "")
    with read_scope() as session:
        user_id = granted_user(session, token, what="receipt", target=tracking_number)
        viewer = viewer_for(session, user_id) if user_id is not None else None
        filing = visible_filing(session, viewer, tracking_number) if viewer else None
        if filing is None:
            return NOT_FOUND
        pdf = cargo_pdf(session, filing)
    headers = {**PRIVATE, "Content-Disposition": _disposition(f"cargo-{tracking_number}.pdf")}
    return Response(pdf, media_type="application/pdf", headers=headers)


def attachment(request: Request) -> Response:
    attachment_id = request.path_params["attachment_id"]
    token = request.query_params.get("t", "")
    with read_scope() as session:
        user_id = granted_user(session, token, what="file", target=str(attachment_id))
        viewer = viewer_for(session, user_id) if user_id is not None else None
        found = visible_attachment(session, viewer, int(attachment_id)) if viewer else None
        if found is None:
            return NOT_FOUND
        name, sha256, content_type = found.original_name, found.sha256, found.content_type
    path = FileStore(get_settings().storage_dir).path_for(sha256)
    if not path.exists():
        return NOT_FOUND
    headers = {**PRIVATE, "Content-Disposition": _disposition(name)}
    return FileResponse(path, media_type=content_type, headers=headers)


def build_api() -> Starlette:
    return Starlette(
        routes=[
            Route(routes.HEALTH, health),
            Route("/api/cargo/{tracking_number}", receipt),
            Route("/api/archivo/{attachment_id:int}", attachment),
            Route(routes.EXPORT, export),
        ]
    )
