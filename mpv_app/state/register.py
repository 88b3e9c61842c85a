"""Registro: the form's state. Validation lives in the service; this maps its answer."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.domain.validators import password_rule_results
from mpv_app.services.errors import FieldErrors
from mpv_app.services.registration import RegistrationForm, register_sender
from mpv_app.state.common import call_service, form_dict, form_text
from mpv_app.state.form_answers import FormAnswerMixin
from mpv_app.state.site import open_navigation

TEXT_FIELDS = (
    "email",
    "phone",
    "address",
    "doc_type",
    "document_number",
    "first_names",
    "last_names",
    "business_name",
    "legal_representative",
    "country",
)

# The order the fields appear on screen: focus goes to the first one with a problem.
FORM_ORDER = (
    "kind",
    "doc_type",
    "country",
    "document_number",
    "first_names",
    "last_names",
    "business_name",
    "legal_representative",
    "email",
    "phone",
    "address",
    "password",
    "password_confirmation",
    "accept_terms",
    "accept_privacy",
)


def first_invalid(errors: dict[str, str]) -> str:
    return min(errors, key=lambda name: FORM_ORDER.index(name) if name in FORM_ORDER else 99)


class RegisterState(FormAnswerMixin, rx.State):
    kind: str = "persona_natural"
    errors: dict[str, str] = {}
    rules: list[tuple[str, bool]] = password_rule_results("")
    submitting: bool = False
    registered_email: str = ""

    @rx.event
    def choose_kind(self, kind: str) -> None:
        self.kind = kind if isinstance(kind, str) else ""
        self.errors = {}

    @rx.event
    def check_password(self, value: str) -> None:
        # Only the verdicts are kept in state, never the password itself.
        self.rules = password_rule_results(value if isinstance(value, str) else "")

    @rx.event
    async def reset_form(self) -> None:
        await open_navigation(self)  # the page's only on_load: the header and footer too
        if self._keeps_answer():
            return
        self.registered_email = ""
        self.errors = {}
        self.rules = password_rule_results("")

    @rx.event
    async def submit(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        self._answering()
        self.submitting = True
        self.errors = {}
        yield
        form = RegistrationForm(
            kind=self.kind,
            password=form_text(form_data, "password"),
            password_confirmation=form_text(form_data, "password_confirmation"),
            accept_terms=bool(form_dict(form_data).get("accept_terms")),
            accept_privacy=bool(form_dict(form_data).get("accept_privacy")),
            **{name: form_text(form_data, name) for name in TEXT_FIELDS},
        )
        try:
            user = await call_service(
                register_sender, form=form, ip_address=self.router.session.client_ip
            )
        except FieldErrors as error:
            self.errors = error.errors
            self.submitting = False
            yield rx.set_focus(f"f-{first_invalid(error.errors)}")
            return
        self.submitting = False
        self.registered_email = user.email
