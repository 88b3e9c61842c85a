"""Email confirmation link and "reenviar correo de confirmación"."""

from __future__ import annotations

import reflex as rx

from mpv_app.services import registration
from mpv_app.services.tokens import TokenError
from mpv_app.state.common import call_service
from mpv_app.state.mail_request import MailRequestMixin
from mpv_app.state.page import route_param
from mpv_app.state.site import open_navigation

RESENT = (
    "Si el correo corresponde a una cuenta pendiente de confirmación, le enviamos un nuevo "
    "enlace. Revise su bandeja de entrada."
)


class ConfirmState(rx.State):
    outcome: str = "checking"  # checking | ok | error
    message: str = ""

    @rx.event
    async def load(self) -> None:
        await open_navigation(self)  # the page's only on_load: the header and footer too
        self.outcome = "checking"
        token = route_param(self, "token")
        try:
            await call_service(registration.confirm_email, token=token)
        except TokenError as error:
            self.outcome, self.message = "error", error.message
            return
        self.outcome = "ok"
        self.message = "Su correo fue confirmado. Ya puede iniciar sesión."


class ResendState(MailRequestMixin, rx.State):
    _service = staticmethod(registration.resend_confirmation)
    _done = RESENT
