"""ASGI middleware around the whole app (pages, socket, API): security headers, upload gate.

The built Reflex frontend boots from inline ``<script>`` modules and runs the scripts the server
sends (``rx.call_script``, toasts, focus) through ``eval``, so ``script-src`` allows inline code
and eval but no other origin; everything else is limited to ``'self'``, no plugin or ``<base>``
may be injected, forms post only here, and no page may be framed.

``/_upload`` only reaches the handlers that really take uploads: any other name, or a request
the upload code cannot parse, gets a 4xx, never a 5xx.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, MutableMapping
from typing import Any

from mpv_app.settings import get_settings

logger = logging.getLogger("mpv_app.web")
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[..., Any]

UPLOAD_PATH = "/_upload"
CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
UPLOAD_REFUSED = "Carga de archivos no permitida para esta solicitud."


def security_headers() -> list[tuple[bytes, bytes]]:
    headers = [
        (b"content-security-policy", CSP.encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]
    if get_settings().base_url.lower().startswith("https://"):
        headers.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
    return headers


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


async def _refuse(send: Callable[..., Any], status: int, extra: list[tuple[bytes, bytes]]) -> None:
    body = json.dumps({"detail": UPLOAD_REFUSED}, ensure_ascii=False).encode()
    headers = [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Adds the headers to every HTTP response; gates ``/_upload`` by handler name."""

    def __init__(self, app: ASGIApp, upload_handlers: Callable[[], Iterable[str]]) -> None:
        self.app = app
        self._upload_handlers = upload_handlers
        self._allowed: frozenset[str] | None = None

    def _allowed_uploads(self) -> frozenset[str]:
        if self._allowed is None:
            self._allowed = frozenset(self._upload_handlers())
        return self._allowed

    async def __call__(self, scope: Scope, receive: Callable[..., Any], send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers()
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {bytes(k).lower() for k, _ in message.get("headers", [])}
                message["headers"] = [
                    *message.get("headers", []),
                    *((k, v) for k, v in extra if k not in present),
                ]
            await send(message)

        if scope.get("path") != UPLOAD_PATH:
            await self.app(scope, receive, send_with_headers)
            return
        handler = _header(scope, b"reflex-event-handler")
        if scope.get("method") != "POST" or handler not in self._allowed_uploads():
            await _refuse(send, 404 if scope.get("method") == "POST" else 405, extra)
            return
        if not _header(scope, b"reflex-client-token"):
            await _refuse(send, 400, extra)
            return
        replaced = False

        async def send_upload(message: Message) -> None:
            # A 5xx from the upload code means it choked on what the client sent: answer 400.
            nonlocal replaced
            if message["type"] == "http.response.start" and message["status"] >= 500:
                replaced = True
                await _refuse(send, 400, extra)
            elif not replaced:
                await send_with_headers(message)

        try:
            await self.app(scope, receive, send_upload)
        except Exception as error:  # the upload code failed on what the client sent
            logger.warning("Carga rechazada: %s", type(error).__name__)
            if not started and not replaced:
                await _refuse(send, 400, extra)


def security_middleware(upload_handlers: Callable[[], Iterable[str]]) -> Callable[[Any], Any]:
    """The ``api_transformer`` that wraps Reflex's backend app."""

    def _wrap(app: Any) -> Any:
        return SecurityMiddleware(app, upload_handlers)

    return _wrap
