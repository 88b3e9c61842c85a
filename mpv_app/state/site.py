"""What every page shows about the desk itself: the office hours, as an administrator set them,
and the reception rule in the same words ``domain.reception.reception_date`` applies; and the
one trip to the database that opens every page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import reflex as rx
from sqlmodel import Session

from mpv_app.domain.access import Access, page_verdict
from mpv_app.domain.enums import Role
from mpv_app.domain.reception import OfficeHours, hours_text, reception_note
from mpv_app.selectors.calendar import office_hours_cached
from mpv_app.services.auth import SessionUser, resolve_session
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState
from mpv_app.state.common import assign_changed, read_once

PageRead = Callable[[Session, SessionUser], Any]  # a page's own read, for a user let in


@dataclass(frozen=True)
class Opened:
    user: SessionUser | None
    data: Any = None  # what ``read_page`` returned, when ``was_read``
    was_read: bool = False


def _default_hours() -> OfficeHours:
    settings = get_settings()
    return OfficeHours(settings.office_open, settings.office_close, settings.tz)


class SiteState(rx.State):
    office_hours: str = hours_text(_default_hours())
    reception_note: str = reception_note(_default_hours())

    def _show_hours(self, hours: OfficeHours) -> None:
        assign_changed(self, office_hours=hours_text(hours), reception_note=reception_note(hours))

    @rx.event
    async def load(self) -> None:
        """The on_load of the pages that read nothing else: the session and the footer."""
        await open_navigation(self)


async def open_navigation(state: rx.State) -> SessionUser | None:
    """Once per navigation: who is signed in (the header) and the office hours (the footer)."""
    return (await open_page(state, None, ())).user


async def open_public_page(state: rx.State, read: Callable[[Session], Any]) -> Opened:
    """A page anyone may open, signed in or not (a cargo's verification): ``read`` shares the
    navigation's one trip whoever asks, and ``data`` is what it returned."""
    return await open_page(state, None, (), public_read=read)


async def open_page(
    state: rx.State,
    read_page: PageRead | None,
    allowed: tuple[Role, ...],
    *,
    public_read: Callable[[Session], Any] | None = None,
) -> Opened:
    """``open_navigation`` and the page's own read in one worker-thread trip and one snapshot.

    Each trip costs a thread hand-off and a transaction; a navigation made three (session,
    footer, page). ``read_page`` runs only for a session whose role ``allowed`` admits
    (``domain.access.page_verdict``); ``was_read`` is False otherwise, and when the
    session changed while being touched. ``public_read`` (``open_public_page``) always runs.
    """
    auth_state = await state.get_state(AuthState)
    token = auth_state.session_token

    def _trip(session: Session) -> tuple[SessionUser | None, OfficeHours, Opened]:
        user = resolve_session(session=session, token=token, touch=False)
        hours = office_hours_cached(session)
        if public_read is not None:
            return user, hours, Opened(user, public_read(session), was_read=True)
        if read_page is None or user is None or page_verdict(user.role, allowed) is not Access.OK:
            return user, hours, Opened(user)
        return user, hours, Opened(user, read_page(session, user), was_read=True)

    found, hours, opened = await read_once(_trip)
    user = await auth_state._settle(found)
    site = state if isinstance(state, SiteState) else await state.get_state(SiteState)
    site._show_hours(hours)
    if public_read is not None or (
        user is not None and found is not None and user.role is found.role
    ):
        return Opened(user, opened.data, opened.was_read)
    return Opened(user)
