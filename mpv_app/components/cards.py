"""Small presentational blocks reused across pages."""

from __future__ import annotations

import reflex as rx


def step_card(number: int, title: str, text: str, icon: str) -> rx.Component:
    return rx.card(
        rx.hstack(
            rx.icon(icon, size=28, aria_hidden="true", color="var(--accent-9)"),
            rx.heading(f"{number}. {title}", as_="h3", size="4"),
            align="center",
            spacing="3",
        ),
        rx.text(text, margin_top="2"),
        size="2",
    )


def action_card(title: str, text: str, icon: str, href: str) -> rx.Component:
    """A large entry point: icon and text, the whole card is one link."""
    return rx.link(
        rx.card(
            rx.hstack(
                rx.icon(icon, size=36, aria_hidden="true", color="var(--accent-9)"),
                rx.vstack(
                    rx.heading(title, as_="h2", size="5"),
                    rx.text(text, color="#3b4a63"),
                    spacing="1",
                ),
                align="center",
                spacing="4",
            ),
            size="3",
            class_name="action-card",
        ),
        href=href,
        underline="none",
        aria_label=title,
    )
