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


def link_card(
    title: str, href: str, icon: str, *body: rx.Component, icon_size: int = 36
) -> rx.Component:
    """A card the heading's link covers whole (``.card-link::after``): a click anywhere
    follows it, the keyboard stops once, and the link's name is the heading it shows."""
    return rx.card(
        rx.hstack(
            rx.icon(
                icon, size=icon_size, aria_hidden="true", color="var(--accent-9)", flex_shrink="0"
            ),
            rx.vstack(
                rx.heading(
                    rx.link(title, href=href, underline="none", class_name="card-link"),
                    as_="h2",
                    size="5",
                ),
                *body,
                spacing="1",
            ),
            align="center",
            spacing="4",
        ),
        size="3",
        class_name="action-card",
        height="100%",
    )


def action_card(title: str, text: str, icon: str, href: str) -> rx.Component:
    """A large entry point of the home page."""
    return link_card(title, href, icon, rx.text(text, color="#3b4a63"))
