"""Iniciar sesión: hands the credentials to the auth service and stores only the token."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.services import auth
from mpv_app.services.login import sign_in
from mpv_app.state.auth import HOME_BY_ROLE, AuthState
from mpv_app.state.common import call_async_service, form_text, safe_next
from mpv_app.state.form_answers import FormAnswerMixin
from mpv_app.state.site import open_navigation


class LoginState(FormAnswerMixin, rx.State):
    error: str = ""
    notice: str = ""
    submitting: bool = False

    @rx.event
    async def load(self) -> None:
        await open_navigation(self)  # the page's only on_load: the header and footer too
        if self._keeps_answer():
            return
        params = self.router.url.query_parameters
        self.error = ""
        if "salida" in params:
            self.notice = "Cerró sesión correctamente."
        elif "vencida" in params:
            self.notice = "Su sesión expiró por inactividad. Ingrese nuevamente."
        elif "next" in params:
            self.notice = "Inicie sesión para continuar."
        else:
            self.notice = ""

    @rx.event
    async def submit(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        self._answering()
        self.submitting = True
        self.error = ""
        yield
        result = await call_async_service(
            sign_in,
            email=form_text(form_data, "email"),
            password=form_text(form_data, "password"),
            ip_address=self.router.session.client_ip or "desconocida",
            user_agent=self.router.headers.user_agent,
        )
        self.submitting = False
        if result.token is None or result.user is None:
            self.error = result.error or auth.BAD_CREDENTIALS
            yield rx.set_focus("f-password")
            return
        auth_state = await self.get_state(AuthState)
        auth_state.session_token = result.token
        auth_state._apply(result.user)
        self.notice = ""
        default = HOME_BY_ROLE[Role(result.user.role)]
        yield rx.redirect(safe_next(self.router.url.query_parameters.get("next"), default))
