"""The built frontend as ``make run`` serves it (one port): cached and addressed as nginx does.

On a phone's slow link each round trip costs about 150 ms. Reflex's static mount sends no
``Cache-Control``, so a browser that already holds every script asks again for each one (a
304 per file, two dozen on the login page), and it answers a page's address without its
trailing slash (``/iniciar-sesion``, what people type and links carry) with a 307 to the
slashed one first. This wrapper does what ``deploy/nginx.conf.template`` does in production:
Vite's content-hashed ``/assets/`` are cached for good (a new build has new names), and a
page's address is served its ``index.html`` directly. Nothing changes without the mount
(``reflex run --env dev``, or the backends behind nginx).
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

from reflex_base.environment import environment

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[..., Any]

ASSETS = "/assets/"
FOREVER = b"public, max-age=31536000, immutable"
_PAGE_FILE = "index.html"


def page_paths(static_dir: Path) -> frozenset[str]:
    """``/iniciar-sesion``, ``/administracion/personal``…: every folder of the build holding a
    page, as its address without the slash."""
    if not static_dir.is_dir():
        return frozenset()
    return frozenset(
        "/" + page.parent.relative_to(static_dir).as_posix()
        for page in static_dir.rglob(_PAGE_FILE)
        if page.parent != static_dir
    )


class FrontendFiles:
    def __init__(self, app: ASGIApp, static_dir: Path) -> None:
        self.app = app
        self._static_dir = static_dir
        self._pages: frozenset[str] | None = None

    def _known_pages(self) -> frozenset[str]:
        if self._pages is None:  # the build is done before the server starts; read it once
            self._pages = page_paths(self._static_dir)
        return self._pages

    async def __call__(self, scope: Scope, receive: Callable[..., Any], send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        path = str(scope.get("path", ""))
        if path in self._known_pages():
            scope = {**scope, "path": path + "/", "raw_path": (path + "/").encode()}
        if not path.startswith(ASSETS):
            await self.app(scope, receive, send)
            return

        async def send_cached(message: Message) -> None:
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                kept = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if bytes(k).lower() != b"cache-control"
                ]
                message["headers"] = [*kept, (b"cache-control", FOREVER)]
            await send(message)

        await self.app(scope, receive, send_cached)


def frontend_files(app: ASGIApp) -> ASGIApp:
    """The ``api_transformer``: active only where the backend serves the built frontend."""
    if not environment.REFLEX_MOUNT_FRONTEND_COMPILED_APP.get():
        return app
    from reflex.utils.prerequisites import get_web_dir
    from reflex_base import constants

    return FrontendFiles(app, get_web_dir() / constants.Dirs.STATIC)
