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
