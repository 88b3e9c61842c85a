"""The administration tables: a plain table on wide screens, a labelled card per row on a phone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

Row = rx.Var[Any]  # one of the frozen admin rows of ``domain/rows.py``, all text
Column = tuple[str, str | Callable[[Row], Any]]  # header, and the row's field or what to show


_CELL = {"padding": "10px 12px", "text_align": "left", "vertical_align": "middle"}
# A plain <table> (Radix's wraps it in a scroll area that collapses when restyled). Under the
# "sm" breakpoint each row becomes a small card: every cell shows its column name (from
# data-label) beside the value, so nothing hides off-screen to the right.
_TABLE_STYLE = {
    "width": "100%",
    "border": "1px solid #d0d7e2",
    "border_radius": "8px",
    "overflow": "hidden",
    "& table": {"width": "100%", "border_collapse": "collapse"},
    "& th": {
        **_CELL,
        "background": "#f4f6fa",
        "font_weight": "600",
        "border_bottom": "1px solid #d0d7e2",
    },
    "& td": {**_CELL, "border_bottom": "1px solid #e3e8ef"},
    "& tbody tr:last-child td": {"border_bottom": "none"},
    "@media (max-width: 47.99em)": {
        "& thead": {
            "position": "absolute",
            "width": "1px",
            "height": "1px",
            "overflow": "hidden",
            "clip": "rect(0 0 0 0)",
        },
        "& table, & tbody, & tr, & td": {"display": "block", "width": "100%"},
        "& tbody tr": {"border_bottom": "1px solid #d0d7e2", "padding": "8px 0"},
        "& tbody tr:last-child": {"border_bottom": "none"},
        "& td, & tbody tr:last-child td": {
            "display": "flex",
            "gap": "12px",
            "align_items": "center",
            "border_bottom": "none",
            "padding": "4px 12px",
            "overflow_wrap": "anywhere",
        },
        "& td::before": {
            "content": "attr(data-label)",
            "flex": "0 0 40%",
            "overflow_wrap": "normal",
            "font_weight": "600",
            "color": "#3b4a63",
        },
    },
}


def data_table(caption: str, columns: list[Column], rows: rx.Var[list[Any]]) -> rx.Component:
    """A table on wide screens, one labelled card per row on a phone."""

    def render(row: Row) -> rx.Component:
        cells = [(h, row[c] if isinstance(c, str) else c(row)) for h, c in columns]
        return rx.el.tr(*[rx.el.td(v, custom_attrs={"data-label": h}) for h, v in cells])

    return rx.box(
        rx.el.table(
            rx.el.caption(caption, class_name="sr-only"),
            rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h, _ in columns])),
            rx.el.tbody(rx.foreach(rows, render)),
        ),
        style=_TABLE_STYLE,
    )
