"""Registro: sender self-registration for the three sender kinds of the user guide."""

from __future__ import annotations

import reflex as rx

from mpv_app import legal, routes
from mpv_app.components.forms import (
    checkbox_field,
    new_password_fields,
    select_field,
    stacked_form,
    submit_button,
    text_field,
)
from mpv_app.pages.common import narrow
from mpv_app.state.register import RegisterState

KINDS = (
    ("persona_natural", "Persona natural"),
    ("persona_juridica", "Persona jurídica"),
    ("empresa_extranjera", "Empresa extranjera"),
)
NATURAL_DOCS = [
    ("dni", "DNI"),
    ("carne_extranjeria", "Carné de extranjería"),
    ("pasaporte", "Pasaporte"),
]


def _err(name: str) -> rx.Var[str]:
    return RegisterState.errors[name]


def kind_choice() -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend("Tipo de remitente", class_name="field-label"),
        *[
            rx.el.label(
                rx.el.input(
                    type="radio",
                    name="kind_choice",
                    value=value,
                    checked=RegisterState.kind == value,
                    on_change=RegisterState.choose_kind(value),
                ),
                f" {text}",
            )
            for value, text in KINDS
        ],
        class_name="kind-choice",
    )


def natural_fields() -> rx.Component:
    return rx.vstack(
        select_field(
            "Tipo de documento", "doc_type", NATURAL_DOCS, error=_err("doc_type"), required=True
        ),
        text_field(
            "Número de documento", "document_number", error=_err("document_number"), required=True
        ),
        text_field(
            "Nombres",
            "first_names",
            error=_err("first_names"),
            required=True,
            auto_complete="given-name",
        ),
        text_field(
            "Apellidos",
            "last_names",
            error=_err("last_names"),
            required=True,
            auto_complete="family-name",
        ),
        width="100%",
    )


def company_fields(foreign: bool) -> rx.Component:
    fields = []
    if foreign:
        fields.append(
            text_field(
                "País",
                "country",
                error=_err("country"),
                required=True,
                auto_complete="country-name",
            )
        )
        fields.append(
            text_field(
                "Número de identificación tributaria",
                "document_number",
                error=_err("document_number"),
                required=True,
            )
        )
    else:
        fields.append(
            text_field(
                "RUC",
                "document_number",
                error=_err("document_number"),
                required=True,
                input_mode="numeric",
                max_length=11,
            )
        )
    fields += [
        text_field(
            "Razón social",
            "business_name",
            error=_err("business_name"),
            required=True,
            auto_complete="organization",
        ),
        text_field(
            "Representante legal",
            "legal_representative",
            error=_err("legal_representative"),
            required=True,
        ),
    ]
    return rx.vstack(*fields, width="100%")


def legal_dialog(title: str, paragraphs: tuple[str, ...], trigger: str) -> rx.Component:
    return rx.dialog.root(
        rx.dialog.trigger(rx.button(trigger, type="button", variant="ghost", size="1")),
        rx.dialog.content(
            rx.dialog.title(title),
            *[rx.text(p, margin_bottom="2") for p in paragraphs],
            rx.dialog.close(rx.button("Cerrar", type="button")),
            max_width="640px",
        ),
    )


def registration_form() -> rx.Component:
    return stacked_form(
        rx.text("Todos los campos son obligatorios.", size="2"),
        kind_choice(),
        rx.match(
            RegisterState.kind,
            ("persona_juridica", company_fields(foreign=False)),
            ("empresa_extranjera", company_fields(foreign=True)),
            natural_fields(),
        ),
        text_field(
            "Correo electrónico",
            "email",
            error=_err("email"),
            input_type="email",
            required=True,
            hint="Será su usuario para ingresar.",
            auto_complete="email",
        ),
        text_field(
            "Teléfono",
            "phone",
            error=_err("phone"),
            input_type="tel",
            required=True,
            auto_complete="tel",
        ),
        text_field(
            "Dirección",
            "address",
            error=_err("address"),
            required=True,
            auto_complete="street-address",
        ),
        new_password_fields(
            "Contraseña",
            errors=RegisterState.errors,
            rules=RegisterState.rules,
            on_change=RegisterState.check_password.debounce(250),
        ),
        checkbox_field(
            "Acepto los Términos y condiciones",
            "accept_terms",
            error=_err("accept_terms"),
            extra=legal_dialog(legal.TERMS_TITLE, legal.TERMS_TEXT, "Leer términos"),
        ),
        checkbox_field(
            "Acepto la Política de protección de datos personales",
            "accept_privacy",
            error=_err("accept_privacy"),
            extra=legal_dialog(legal.PRIVACY_TITLE, legal.PRIVACY_TEXT, "Leer política"),
        ),
        submit_button("Registrarme", submitting=RegisterState.submitting),
        rx.text("¿Ya tiene una cuenta? ", rx.link("Inicie sesión", href=routes.LOGIN)),
        on_submit=RegisterState.submit,
        aria_label="Formulario de registro",
    )


def registered_panel() -> rx.Component:
    return rx.vstack(
        rx.callout(
            rx.text(
                "Le enviamos un correo a ",
                # A long address breaks anywhere rather than push the panel past a phone.
                rx.text.strong(RegisterState.registered_email, style={"overflow_wrap": "anywhere"}),
                " con un enlace para confirmar su cuenta. "
                "Debe confirmarla antes de iniciar sesión.",
            ),
            icon="mail-check",
            color_scheme="green",
            role="status",
        ),
        rx.text(
            "¿No le llegó? Revise la carpeta de spam o ",
            rx.link("reenvíe el correo de confirmación", href=routes.RESEND_CONFIRMATION),
            ".",
        ),
        rx.link("Ir a iniciar sesión", href=routes.LOGIN),
        spacing="3",
        width="100%",
    )


def register_page() -> rx.Component:
    return narrow(
        rx.cond(RegisterState.registered_email, registered_panel(), registration_form()),
        title="Registro",
    )
