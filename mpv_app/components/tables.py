"""Tabular displays."""

from __future__ import annotations

import reflex as rx


def key_value_list(rows: rx.Var[list[tuple[str, str]]]) -> rx.Component:
    """A definition list: label then value, readable at any width and by screen readers."""
    return rx.el.dl(
        rx.foreach(
            rows,
            lambda row: rx.box(
                rx.el.dt(row[0], style={"font_weight": "600", "color": "#3b4a63"}),
                rx.el.dd(row[1], style={"margin": "0 0 12px 0"}),
            ),
        ),
        style={"width": "100%", "max_width": "640px"},
    )
