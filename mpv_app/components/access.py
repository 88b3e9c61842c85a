"""What a role-gated page shows before and instead of its content."""

from __future__ import annotations

import reflex as rx


def forbidden_panel() -> rx.Component:
    return rx.vstack(
        rx.heading("403 — Acceso denegado", as_="h1", size="7"),
        rx.text("No tiene permiso para ver esta página con su cuenta actual."),
        rx.link("Volver al inicio", href="/"),
        spacing="3",
        role="alert",
    )


def checking_panel() -> rx.Component:
    return rx.hstack(
        rx.spinner(size="3"),
        rx.text("Verificando su sesión…"),
        spacing="3",
        align="center",
        role="status",
    )


def gate(access: rx.Var[str], content: rx.Component) -> rx.Component:
    """Render content only once the server said ``ok``; nothing of it otherwise."""
    return rx.match(
        access,
        ("ok", content),
        ("forbidden", forbidden_panel()),
        checking_panel(),
    )
