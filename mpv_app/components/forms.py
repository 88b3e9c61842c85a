"""Accessible form fields: a visible <label>, the control, and its error right beside it."""

from __future__ import annotations

from typing import Any

import reflex as rx

ERROR_COLOR = "#b42318"


def _error(field_id: str, error: rx.Var[str] | str) -> rx.Component:
    return rx.el.p(
        error,
        id=f"{field_id}-error",
        aria_live="polite",
        style={
            "color": ERROR_COLOR,
            "font_size": "0.875rem",
            "margin": "4px 0 0",
            "min_height": "0",
        },
    )


def label(text: str, field_id: str) -> rx.Component:
    """The label is exactly the field's name: forms say which fields are optional instead."""
    return rx.el.label(text, html_for=field_id, class_name="field-label")


def text_field(
    text: str,
    name: str,
    *,
    error: rx.Var[str] | str = "",
    input_type: str = "text",
    required: bool = False,
    hint: str | None = None,
    **input_props: Any,
) -> rx.Component:
    field_id = f"f-{name}"
    described = f"{field_id}-error" + (f" {field_id}-hint" if hint else "")
    return rx.box(
        label(text, field_id),
        rx.el.p(hint, id=f"{field_id}-hint", class_name="field-hint") if hint else rx.fragment(),
        rx.input(
            id=field_id,
            name=name,
            type=input_type,
            required=required,
            aria_required="true" if required else "false",
            aria_invalid=rx.cond(error, "true", "false"),
            aria_describedby=described,
            width="100%",
            size="3",
            **input_props,
        ),
        _error(field_id, error),
        width="100%",
    )


def select_field(
    text: str,
    name: str,
    options: list[tuple[str, str]],
    *,
    error: rx.Var[str] | str = "",
    required: bool = False,
    placeholder: str = "Seleccione…",
    options_var: rx.Var[list[tuple[str, str]]] | None = None,
    **select_props: Any,
) -> rx.Component:
    """A native <select>: keyboard and screen readers handle it everywhere."""
    field_id = f"f-{name}"
    dynamic = (
        [rx.foreach(options_var, lambda o: rx.el.option(o[1], value=o[0]))]
        if options_var is not None
        else []
    )
    return rx.box(
        label(text, field_id),
        rx.el.select(
            rx.el.option(placeholder, value=""),
            *[rx.el.option(option_label, value=value) for value, option_label in options],
            *dynamic,
            id=field_id,
            name=name,
            required=required,
            aria_invalid=rx.cond(error, "true", "false"),
            aria_describedby=f"{field_id}-error",
            class_name="native-select",
            **select_props,
        ),
        _error(field_id, error),
        width="100%",
    )


def checkbox_field(
    text: str, name: str, *, error: rx.Var[str] | str = "", extra: rx.Component | None = None
) -> rx.Component:
    field_id = f"f-{name}"
    return rx.box(
        rx.hstack(
            rx.el.input(
                type="checkbox",
                id=field_id,
                name=name,
                aria_invalid=rx.cond(error, "true", "false"),
                aria_describedby=f"{field_id}-error",
                class_name="native-checkbox",
            ),
            rx.el.label(text, html_for=field_id),
            extra if extra is not None else rx.fragment(),
            align="center",
            spacing="2",
            wrap="wrap",
        ),
        _error(field_id, error),
    )


def form_alert(message: rx.Var[str], *, color_scheme: str = "red") -> rx.Component:
    return rx.cond(
        message,
        rx.callout(message, icon="triangle-alert", color_scheme=color_scheme, role="alert"),
        rx.fragment(),
    )


def password_rules(results: rx.Var[list[tuple[str, bool]]]) -> rx.Component:
    """The strength rules, ticked live as the user types."""
    return rx.el.ul(
        rx.foreach(
            results,
            lambda rule: rx.el.li(
                rx.cond(rule[1], "✔ ", "✗ "),
                rule[0],
                rx.el.span(rx.cond(rule[1], " (cumple)", " (falta)"), class_name="sr-only"),
                style={"color": rx.cond(rule[1], "#067647", "#5d6b82")},
            ),
        ),
        aria_label="Requisitos de la contraseña",
        class_name="password-rules",
    )


def new_password_fields(
    text: str,
    *,
    errors: rx.Var[dict[str, str]],
    rules: rx.Var[list[tuple[str, bool]]],
    on_change: Any,
) -> rx.Component:
    """A new password (``text`` its label), its rules ticked as it is typed (``on_change``),
    and its confirmation: registration and password reset ask for it alike."""
    return rx.fragment(
        text_field(
            text,
            "password",
            error=errors["password"],
            input_type="password",
            required=True,
            on_change=on_change,
            auto_complete="new-password",
        ),
        password_rules(rules),
        text_field(
            "Confirmar contraseña",
            "password_confirmation",
            error=errors["password_confirmation"],
            input_type="password",
            required=True,
            auto_complete="new-password",
        ),
    )


def kept_form(*children: rx.Component, on_submit: Any, **props: Any) -> rx.Component:
    """A form whose fields keep what was typed when the server refuses it, with the browser's
    own checks off: the server's messages show beside each field."""
    return rx.form(*children, on_submit=on_submit, reset_on_submit=False, no_validate=True, **props)


def submit_button(label: str, *, submitting: rx.Var[bool]) -> rx.Component:
    """A form's submit, pressable as soon as the page shows: an answer given before the page's
    on_load has run is kept by it (``state/form_answers``)."""
    return rx.button(label, type="submit", size="3", loading=submitting)


def stacked_form(*children: rx.Component, on_submit: Any, **props: Any) -> rx.Component:
    """A ``kept_form`` as the account pages have it: fields and button stacked at the start."""
    return kept_form(
        rx.vstack(*children, spacing="3", width="100%", align="start"),
        on_submit=on_submit,
        **props,
    )


def outcome_panel(message: rx.Var[str] | str, *, ok: bool, link: tuple[str, str]) -> rx.Component:
    """How an account step ended (a success as a status, a failure as an alert) and the link
    to what comes next, ``link`` = (text, href)."""
    text, href = link
    return rx.vstack(
        rx.callout(
            message,
            icon="circle-check" if ok else "triangle-alert",
            color_scheme="green" if ok else "red",
            role="status" if ok else "alert",
        ),
        rx.link(text, href=href),
    )
