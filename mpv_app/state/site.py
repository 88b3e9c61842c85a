"""What every page shows about the desk itself: the office hours, as an administrator set them."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.reception import OfficeHours
from mpv_app.selectors.calendar import office_hours_cached
from mpv_app.settings import get_settings
from mpv_app.state.common import read


def hours_text(hours: OfficeHours) -> str:
    return (
        f"Lunes a viernes de {hours.open:%H:%M} a {hours.close:%H:%M} "
        "(hora de Lima), excepto feriados."
    )


def _default_text() -> str:
    settings = get_settings()
    return hours_text(OfficeHours(settings.office_open, settings.office_close, settings.tz))


class SiteState(rx.State):
    office_hours: str = _default_text()

    @rx.event
    def load(self) -> None:
        self.office_hours = hours_text(read(office_hours_cached))
