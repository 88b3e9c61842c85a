"""What a role-gated page shows before and instead of its content."""

from __future__ import annotations

import reflex as rx

from mpv_app.domain.access import Access


def forbidden_panel() -> rx.Component:
    return rx.vstack(
        rx.heading(Access.FORBIDDEN.label, as_="h1", size="7"),
        rx.text("No tiene permiso para ver esta página con su cuenta actual."),
        rx.link("Volver al inicio", href="/"),
        spacing="3",
        role="alert",
    )


def checking_panel() -> rx.Component:
    return rx.hstack(
        rx.spinner(size="3"),
        rx.text(Access.CHECKING.label),
        spacing="3",
        align="center",
        role="status",
    )


def gate(access: rx.Var[str], content: rx.Component) -> rx.Component:
    """Render content only once the server said ``ok``; nothing of it otherwise."""
    return rx.match(
        access,
        (Access.OK.value, content),
        (Access.FORBIDDEN.value, forbidden_panel()),
        checking_panel(),
    )
