"""Plain HTTP routes beside the Reflex app (health now; downloads and verification later)."""

from __future__ import annotations

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from mpv_app import routes
from mpv_app.db import get_engine


async def health(_request: Request) -> JSONResponse:
    """Answers 200 only when the database answers too, so probes catch a broken DB."""
    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # any DB failure is "not ready", whatever its type
        return JSONResponse({"estado": "sin base de datos"}, status_code=503)
    return JSONResponse({"estado": "ok"})


def build_api() -> Starlette:
    return Starlette(routes=[Route(routes.HEALTH, health)])
