"""Iniciar sesión, confirmation, resend and password reset pages."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.forms import form_alert, password_rules, text_field
from mpv_app.pages.common import narrow
from mpv_app.state.confirm import ConfirmState, ResendState
from mpv_app.state.login import LoginState
from mpv_app.state.password import ForgotState, ResetState


def _email_only_form(state: type[rx.State], button: str) -> rx.Component:
    return rx.form(
        rx.vstack(
            text_field(
                "Correo electrónico",
                "email",
                input_type="email",
                required=True,
                auto_complete="email",
            ),
            rx.button(button, type="submit", size="3", loading=state.submitting),  # type: ignore[attr-defined]
            spacing="3",
            width="100%",
            align="start",
        ),
        on_submit=state.submit,  # type: ignore[attr-defined]
        no_validate=True,
    )


def login_page() -> rx.Component:
    return narrow(
        form_alert(LoginState.notice, color_scheme="blue"),
        form_alert(LoginState.error),
        rx.form(
            rx.vstack(
                text_field(
                    "Correo electrónico",
                    "email",
                    input_type="email",
                    required=True,
                    auto_complete="username",
                ),
                text_field(
                    "Contraseña",
                    "password",
                    input_type="password",
                    required=True,
                    auto_complete="current-password",
                ),
                rx.button("Ingresar", type="submit", size="3", loading=LoginState.submitting),
                spacing="3",
                width="100%",
                align="start",
            ),
            on_submit=LoginState.submit,
            reset_on_submit=False,
            no_validate=True,
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
            (
                "ok",
                rx.vstack(
                    rx.callout(
                        ConfirmState.message,
                        icon="circle-check",
                        color_scheme="green",
                        role="status",
                    ),
                    rx.link("Iniciar sesión", href=routes.LOGIN),
                ),
            ),
            (
                "error",
                rx.vstack(
                    rx.callout(
                        ConfirmState.message,
                        icon="triangle-alert",
                        color_scheme="red",
                        role="alert",
                    ),
                    rx.link("Reenviar correo de confirmación", href=routes.RESEND_CONFIRMATION),
                ),
            ),
            rx.hstack(rx.spinner(), rx.text("Confirmando su correo…"), role="status"),
        ),
        title="Confirmación de correo",
    )


def resend_page() -> rx.Component:
    return narrow(
        rx.text("Ingrese el correo con el que se registró y le enviaremos un nuevo enlace."),
        form_alert(ResendState.message, color_scheme="green"),
        _email_only_form(ResendState, "Reenviar correo"),
        rx.link("Volver a iniciar sesión", href=routes.LOGIN),
        title="Reenviar correo de confirmación",
    )


def forgot_page() -> rx.Component:
    return narrow(
        rx.text("Ingrese su correo y le enviaremos un enlace para crear una nueva contraseña."),
        form_alert(ForgotState.message, color_scheme="green"),
        _email_only_form(ForgotState, "Enviar enlace"),
        rx.link("Volver a iniciar sesión", href=routes.LOGIN),
        title="¿Olvidó su contraseña?",
    )


def reset_page() -> rx.Component:
    form = rx.form(
        rx.vstack(
            text_field(
                "Nueva contraseña",
                "password",
                input_type="password",
                required=True,
                error=ResetState.errors["password"],
                on_change=ResetState.check_password.debounce(250),
                auto_complete="new-password",
            ),
            password_rules(ResetState.rules),
            text_field(
                "Confirmar contraseña",
                "password_confirmation",
                input_type="password",
                required=True,
                error=ResetState.errors["password_confirmation"],
                auto_complete="new-password",
            ),
            rx.button("Guardar contraseña", type="submit", size="3", loading=ResetState.submitting),
            spacing="3",
            width="100%",
            align="start",
        ),
        on_submit=ResetState.submit,
        reset_on_submit=False,
        no_validate=True,
    )
    done = rx.vstack(
        rx.callout(
            "Su contraseña fue actualizada y se cerraron sus sesiones abiertas. "
            "Ya puede iniciar sesión.",
            icon="circle-check",
            color_scheme="green",
            role="status",
        ),
        rx.link("Iniciar sesión", href=routes.LOGIN),
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
