"""The two public "send me an e-mail" forms (reenviar confirmación, olvidé mi contraseña).

Both answer the same whether or not the address has an account, and both are throttled by
their service; only the service and the answer differ, so each page's state names just those.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import reflex as rx

from mpv_app.services.errors import ServiceError
from mpv_app.state.common import call_service, form_text
from mpv_app.state.form_answers import FormAnswerMixin
from mpv_app.state.site import open_navigation


class MailRequestMixin(FormAnswerMixin, mixin=True):
    message: str = ""
    submitting: bool = False

    _service: ClassVar[Callable[..., Any]]  # called with email= and ip_address=
    _done: ClassVar[str]  # the answer shown when the service accepted the request

    @rx.event
    async def load(self) -> None:
        await open_navigation(self)  # the page's only on_load: the header and footer too
        if not self._keeps_answer():
            self.message = ""

    @rx.event
    async def submit(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        self._answering()
        self.submitting = True
        yield
        try:
            await call_service(
                type(self)._service,
                email=form_text(form_data, "email"),
                ip_address=self.router.session.client_ip,
            )
        except ServiceError as error:  # throttled: too many requests
            self.message = error.message
        else:
            self.message = self._done
        finally:
            self.submitting = False
