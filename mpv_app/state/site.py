"""What every page shows about the desk itself: the office hours, as an administrator set them,
and the reception rule in the same words ``domain.reception.reception_date`` applies."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.reception import OfficeHours, hours_text, reception_note
from mpv_app.selectors.calendar import office_hours_cached
from mpv_app.services.auth import SessionUser
from mpv_app.settings import get_settings
from mpv_app.state.auth import resolve_user
from mpv_app.state.common import assign_changed, read_off_loop


def _default_hours() -> OfficeHours:
    settings = get_settings()
    return OfficeHours(settings.office_open, settings.office_close, settings.tz)


class SiteState(rx.State):
    office_hours: str = hours_text(_default_hours())
    reception_note: str = reception_note(_default_hours())

    async def _refresh(self) -> None:
        hours = await read_off_loop(office_hours_cached)
        assign_changed(self, office_hours=hours_text(hours), reception_note=reception_note(hours))

    @rx.event
    async def load(self) -> None:
        """The on_load of the pages that read nothing else: the session and the footer."""
        await open_navigation(self)


async def open_navigation(state: rx.State) -> SessionUser | None:
    """Once per navigation: who is signed in (the header) and the office hours (the footer)."""
    user = await resolve_user(state)
    site = state if isinstance(state, SiteState) else await state.get_state(SiteState)
    await site._refresh()
    return user
