"""The one page-access mechanism: each navigation is a single on_load round trip.

``open_navigation`` reads the session once (the header's "who is signed in") and the footer's
office hours; a gated page's state inherits ``GatedPage``, in the spirit of reflex-local-auth's
``require_login``: it names the roles allowed and writes only what it reads once the session
passed. Handlers other than ``load`` still re-check the session themselves (``require``).
"""

from __future__ import annotations

from typing import Any, ClassVar

import reflex as rx

from mpv_app.domain.access import Access, page_verdict
from mpv_app.domain.enums import Role
from mpv_app.services.auth import SessionUser
from mpv_app.state.auth import login_redirect
from mpv_app.state.common import read_once
from mpv_app.state.site import PageRead, open_page


def route_param(state: rx.State, name: str) -> str:
    """A dynamic segment or query value of the page being opened, "" when absent or repeated.

    Not ``router.page``: Reflex deprecated it, and every read of it walks the call stack and
    stats the working directory to word a warning, a cost paid on each load of the page.
    """
    value = state.rx_router_page.params.get(name, "")
    return value if isinstance(value, str) else ""


def here(state: rx.State) -> str:
    """The path and query of the page being opened: where the login sends the user back."""
    url = state.router.url
    return f"{url.path}?{url.query}" if url.query else url.path


class GatedPage(rx.State, mixin=True):
    """A page only some accounts may see.

    ``class X(GatedPage, rx.State)`` sets ``_allowed`` (empty: any signed-in account), may
    reset what it showed in ``_close``, and reads its data either in ``_open(user)`` off the
    event loop (``read_off_loop``) or, sharing the navigation's one trip to the database, with
    the function ``_page_read()`` returns, whose result ``_opened(user, data)`` shows. ``load``
    is the page's only on_load handler: anyone else is sent to the login page (and back here
    afterwards) or shown 403, and nothing of the page is read.
    """

    access: str = Access.CHECKING.value
    _allowed: ClassVar[tuple[Role, ...]] = ()

    def _close(self) -> None:
        """Forget what the page showed before: a 403 or a new query must not show it."""

    async def _open(self, user: SessionUser) -> rx.event.EventSpec | None:
        raise NotImplementedError

    def _page_read(self) -> PageRead | None:
        """Built on the event loop (it may read ``self.router``), run in the worker thread."""
        return None

    async def _opened(self, user: SessionUser, data: Any) -> rx.event.EventSpec | None:
        """Show ``data``; async, as a page may still have to write what the read found missing
        (Nueva correspondencia's first visit creates its draft)."""
        raise NotImplementedError

    @rx.event
    async def load(self) -> rx.event.EventSpec | None:
        self.access = Access.CHECKING
        self._close()
        read_page = self._page_read()
        opened = await open_page(self, read_page, self._allowed)
        user, data = opened.user, opened.data
        verdict = page_verdict(user.role if user else None, self._allowed)
        self.access = verdict
        if verdict is Access.LOGIN:
            return login_redirect(here(self))
        if verdict is not Access.OK or user is None:
            return None
        if read_page is not None:
            if not opened.was_read:  # the role changed while the session was touched
                data = await read_once(lambda session: read_page(session, user))
            return await self._opened(user, data)
        return await self._open(user)
