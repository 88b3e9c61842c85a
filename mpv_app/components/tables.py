"""Tabular displays."""

from __future__ import annotations

from typing import Any

import reflex as rx


def scroll_box(table: rx.Component, label: str, **props: Any) -> rx.Component:
    """Wide tables scroll inside their own box, a tab stop so a keyboard can scroll it too;
    the page itself never scrolls sideways."""
    return rx.box(table, overflow_x="auto", width="100%", tab_index=0, aria_label=label, **props)


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
