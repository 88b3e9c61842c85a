"""Iniciar sesión, confirmation, resend and password reset pages."""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app import routes
from mpv_app.components.forms import (
    form_alert,
    new_password_fields,
    outcome_panel,
    stacked_form,
    submit_button,
    text_field,
)
from mpv_app.pages.common import narrow
from mpv_app.state.confirm import ConfirmState, ResendState
from mpv_app.state.login import LoginState
from mpv_app.state.password import ForgotState, ResetState

# Where an account step sends a person next: (the link's text, its address).
_LOGIN = ("Iniciar sesión", routes.LOGIN)
_RESEND = ("Reenviar correo de confirmación", routes.RESEND_CONFIRMATION)


def _email_field(auto_complete: str) -> rx.Component:
    """The account's e-mail; the login names it "username" so password managers pair them."""
    return text_field(
        "Correo electrónico",
        "email",
        input_type="email",
        required=True,
        auto_complete=auto_complete,
    )


def _email_only_page(state: Any, intro: str, button: str, title: str) -> rx.Component:
    """A page that asks only for the e-mail (resend the confirmation, forgotten password);
    its answer reads the same whether or not the address has an account."""
    return narrow(
        rx.text(intro),
        form_alert(state.message, color_scheme="green"),
        stacked_form(
            _email_field("email"),
            submit_button(button, submitting=state.submitting),
            on_submit=state.submit,
        ),
        rx.link("Volver a iniciar sesión", href=routes.LOGIN),
        title=title,
    )


def login_page() -> rx.Component:
    return narrow(
        form_alert(LoginState.notice, color_scheme="blue"),
        form_alert(LoginState.error),
        stacked_form(
            _email_field("username"),
            text_field(
                "Contraseña",
                "password",
                input_type="password",
                required=True,
                auto_complete="current-password",
            ),
            submit_button("Ingresar", submitting=LoginState.submitting),
            on_submit=LoginState.submit,
            aria_label="Iniciar sesión",
        ),
        rx.link("¿Olvidó su contraseña?", href=routes.FORGOT_PASSWORD),
        rx.link("Reenviar correo de confirmación", href=routes.RESEND_CONFIRMATION),
        rx.text("¿No tiene cuenta? ", rx.link("Regístrese", href=routes.REGISTER)),
        title="Iniciar sesión",
    )


def confirm_page() -> rx.Component:
    return narrow(
        rx.match(
            ConfirmState.outcome,
            ("ok", outcome_panel(ConfirmState.message, ok=True, link=_LOGIN)),
            ("error", outcome_panel(ConfirmState.message, ok=False, link=_RESEND)),
            rx.hstack(rx.spinner(), rx.text("Confirmando su correo…"), role="status"),
        ),
        title="Confirmación de correo",
    )


def resend_page() -> rx.Component:
    return _email_only_page(
        ResendState,
        "Ingrese el correo con el que se registró y le enviaremos un nuevo enlace.",
        "Reenviar correo",
        "Reenviar correo de confirmación",
    )


def forgot_page() -> rx.Component:
    return _email_only_page(
        ForgotState,
        "Ingrese su correo y le enviaremos un enlace para crear una nueva contraseña.",
        "Enviar enlace",
        "¿Olvidó su contraseña?",
    )


def reset_page() -> rx.Component:
    form = stacked_form(
        new_password_fields(
            "Nueva contraseña",
            errors=ResetState.errors,
            rules=ResetState.rules,
            on_change=ResetState.check_password.debounce(250),
        ),
        submit_button("Guardar contraseña", submitting=ResetState.submitting),
        on_submit=ResetState.submit,
    )
    done = outcome_panel(
        "Su contraseña fue actualizada y se cerraron sus sesiones abiertas. "
        "Ya puede iniciar sesión.",
        ok=True,
        link=_LOGIN,
    )
    return narrow(
        form_alert(ResetState.link_error),
        rx.cond(
            ResetState.link_error,
            rx.link("Solicitar un nuevo enlace", href=routes.FORGOT_PASSWORD),
            rx.fragment(),
        ),
        rx.cond(ResetState.done, done, form),
        title="Restablecer contraseña",
    )
