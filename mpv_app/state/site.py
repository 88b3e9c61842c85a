"""What every page shows about the desk itself: the office hours, as an administrator set them,
and the reception rule in the same words ``domain.reception.reception_date`` applies."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.reception import OfficeHours, hours_text, reception_note
from mpv_app.selectors.calendar import office_hours_cached
from mpv_app.settings import get_settings
from mpv_app.state.common import read


def _default_hours() -> OfficeHours:
    settings = get_settings()
    return OfficeHours(settings.office_open, settings.office_close, settings.tz)


class SiteState(rx.State):
    office_hours: str = hours_text(_default_hours())
    reception_note: str = reception_note(_default_hours())

    @rx.event
    def load(self) -> None:
        hours = read(office_hours_cached)
        self.office_hours, self.reception_note = hours_text(hours), reception_note(hours)
