"""/verificar/<code>: public, no login; shows number, date and status only."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.selectors.verification import find_receipt
from mpv_app.settings import get_settings
from mpv_app.state.page import route_param
from mpv_app.state.site import open_public_page


class VerifyState(rx.State):
    outcome: str = "checking"  # checking | genuine | unknown
    tracking_number: str = ""
    submitted: str = ""
    received: str = ""
    status_label: str = ""

    @rx.event
    async def load(self) -> None:
        code = route_param(self, "code")  # the page's only on_load: header and footer too
        found = (await open_public_page(self, lambda s: find_receipt(s, code))).data
        if found is None:
            self.outcome = "unknown"
            return
        self.outcome = "genuine"
        self.tracking_number = found.tracking_number
        self.submitted = format_local(found.submitted_at_utc, get_settings().tz)
        self.received = format_date(found.received_on)
        self.status_label = found.status.label
