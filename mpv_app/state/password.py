"""“¿Olvidó su contraseña?” and the reset link's form."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.domain.validators import password_rule_results
from mpv_app.services import password_reset
from mpv_app.services.errors import FieldErrors
from mpv_app.services.tokens import TokenError
from mpv_app.state.common import call_service, form_text
from mpv_app.state.form_answers import FormAnswerMixin
from mpv_app.state.mail_request import MailRequestMixin
from mpv_app.state.page import route_param
from mpv_app.state.site import open_navigation


class ForgotState(MailRequestMixin, rx.State):
    _service = staticmethod(password_reset.request_password_reset)
    _done = password_reset.RESET_REQUESTED


class ResetState(FormAnswerMixin, rx.State):
    errors: dict[str, str] = {}
    link_error: str = ""
    done: bool = False
    submitting: bool = False
    rules: list[tuple[str, bool]] = password_rule_results("")

    @rx.event
    async def load(self) -> None:
        await open_navigation(self)  # the page's only on_load: the header and footer too
        if self._keeps_answer():
            return
        self.errors, self.link_error, self.done = {}, "", False
        self.rules = password_rule_results("")

    @rx.event
    def check_password(self, value: str) -> None:
        self.rules = password_rule_results(value if isinstance(value, str) else "")

    @rx.event
    async def submit(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        self._answering()
        self.submitting = True
        self.errors, self.link_error = {}, ""
        yield
        try:
            await call_service(
                password_reset.reset_password,
                token=route_param(self, "token"),
                password=form_text(form_data, "password"),
                confirmation=form_text(form_data, "password_confirmation"),
            )
        except FieldErrors as error:
            self.errors = error.errors
        except TokenError as error:
            self.link_error = error.message
        else:
            self.done = True
        self.submitting = False
