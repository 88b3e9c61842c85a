"""The panel's charts (Reflex's recharts) and the tables that carry the same numbers.

A chart is a picture to a screen reader: each one is labelled as an image that points to the
table beside it, and the table (with a caption) holds every number the chart draws. Pure
functions of vars, as every component.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from mpv_app.domain.enums import Status

# Text-grade contrast on white for every status (they are also named in the legend/tooltip).
STATUS_FILLS = {
    Status.REGISTERED: "#1d5fbf",
    Status.IN_PROGRESS: "#a35c00",
    Status.ATTENDED: "#1e7a46",
    Status.REJECTED: "#b42318",
    Status.OBSERVED: "#c2410c",
    Status.NOT_PRESENTED: "#5d6b82",
}
OVERDUE_FILL = "#b42318"
_AXIS = {"font_size": 12}


def _described(chart: rx.Component, label: str, chart_id: str) -> rx.Component:
    return rx.box(
        chart,
        role="img",
        aria_label=f"{label}. Los mismos datos están en la tabla que sigue.",
        id=chart_id,
        width="100%",
        min_width="0",
    )


def _status_bars(*, stack: str) -> list[rx.Component]:
    return [
        rx.recharts.bar(
            data_key=status.value,
            name=status.label,
            stack_id=stack,
            fill=STATUS_FILLS[status],
            is_animation_active=False,
        )
        for status in Status
    ]


def daily_chart(data: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    chart = rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", vertical=False),
        rx.recharts.x_axis(data_key="day", tick=_AXIS, interval="preserveStartEnd"),
        rx.recharts.y_axis(allow_decimals=False, tick=_AXIS, width=36),
        rx.recharts.graphing_tooltip(),
        rx.recharts.legend(),
        *_status_bars(stack="status"),
        data=data,
        max_bar_size=28,
        width="100%",
        height=300,
    )
    return _described(
        chart,
        "Gráfico de barras apiladas: correspondencia por fecha de recepción y estado, "
        "últimos 30 días",
        "chart-daily",
    )


def horizontal_chart(
    data: rx.Var[list[dict[str, Any]]],
    bars: list[rx.Component],
    *,
    height: rx.Var[int],
    label: str,
    chart_id: str,
) -> rx.Component:
    """One bar per department, names on the left where long names still fit."""
    chart = rx.recharts.bar_chart(
        rx.recharts.cartesian_grid(stroke_dasharray="3 3", horizontal=False),
        rx.recharts.x_axis(type_="number", allow_decimals=False, tick=_AXIS),
        rx.recharts.y_axis(
            data_key="name", type_="category", width=150, tick={"font_size": 11}, interval=0
        ),
        rx.recharts.graphing_tooltip(),
        *bars,
        data=data,
        layout="vertical",
        max_bar_size=28,
        width="100%",
        height=height,
    )
    return _described(chart, label, chart_id)


def department_chart(data: rx.Var[list[dict[str, Any]]], height: rx.Var[int]) -> rx.Component:
    return horizontal_chart(
        data,
        [*_status_bars(stack="department"), rx.recharts.legend()],
        height=height,
        label="Gráfico de barras apiladas: correspondencia por dependencia y estado",
        chart_id="chart-departments",
    )


def overdue_chart(data: rx.Var[list[dict[str, Any]]], height: rx.Var[int]) -> rx.Component:
    bar = rx.recharts.bar(
        data_key="overdue", name="Fuera de plazo", fill=OVERDUE_FILL, is_animation_active=False
    )
    return horizontal_chart(
        data,
        [bar],
        height=height,
        label="Gráfico de barras: correspondencia fuera de plazo por dependencia",
        chart_id="chart-overdue",
    )


def data_table(
    caption: str,
    headers: list[str],
    rows: rx.Var[list[dict[str, Any]]],
    keys: list[str],
    *,
    table_id: str,
    visible: bool = False,
) -> rx.Component:
    """The chart's numbers as a table; visually hidden unless ``visible``."""

    def row(item: rx.Var[dict[str, Any]]) -> rx.Component:
        first, *rest = keys
        return rx.el.tr(
            rx.el.th(item[first], scope="row"),
            *[rx.el.td(item[key]) for key in rest],
        )

    table = rx.el.table(
        rx.el.caption(caption),
        rx.el.thead(rx.el.tr(*[rx.el.th(h, scope="col") for h in headers])),
        rx.el.tbody(rx.foreach(rows, row)),
        id=table_id,
    )
    # The wrapper hides it: a table box itself does not clip its overflow.
    return table if visible else rx.box(table, class_name="sr-only")


def daily_table(rows: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    return data_table(
        "Correspondencia por fecha de recepción y estado, últimos 30 días",
        ["Fecha de recepción", *[s.label for s in Status], "Total"],
        rows,
        ["date", *[s.value for s in Status], "total"],
        table_id="daily-table",
    )


def overdue_departments_table(rows: rx.Var[list[dict[str, Any]]]) -> rx.Component:
    return data_table(
        "Correspondencia fuera de plazo por dependencia",
        ["Dependencia", "Fuera de plazo"],
        rows,
        ["name", "overdue"],
        table_id="overdue-departments-table",
    )
