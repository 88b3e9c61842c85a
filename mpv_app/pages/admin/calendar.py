"""Administración › Feriados y horario de atención: the calendar behind the reception date."""

from __future__ import annotations

import reflex as rx

from mpv_app.components.access import gate
from mpv_app.components.admin import (
    Column,
    Row,
    admin_frame,
    checkbox,
    data_table,
    form_card,
    notice,
    submit_buttons,
)
from mpv_app.components.forms import kept_form, text_field
from mpv_app.pages.common import shell
from mpv_app.state.admin_calendar import AdminCalendarState as S

RULE = (
    "El horario de atención decide la fecha de recepción de lo presentado. Por defecto, lo "
    "presentado en un día hábil antes del cierre se recibe ese mismo día; desde el cierre, en "
    "sábado, domingo o feriado, el siguiente día hábil. También puede recibir cada día hábil "
    "hasta las 23:59 (Indecopi, Res. 0518-2024/SEL, sobre barreras de horario en mesas de "
    "partes digitales). Los cambios se aplican a lo que se presente desde ahora."
)


def _hours_form() -> rx.Component:
    return form_card(
        "Horario de atención",
        rx.text("Regla vigente: ", rx.text.strong(S.rule_text), id="rule-in-force"),
        kept_form(
            rx.vstack(
                rx.grid(
                    text_field(
                        "Hora de apertura",
                        "opens_at",
                        input_type="time",
                        error=S.hours_errors["opens_at"],
                        required=True,
                        default_value=S.opens_at,
                    ),
                    text_field(
                        "Hora de cierre",
                        "closes_at",
                        input_type="time",
                        error=S.hours_errors["closes_at"],
                        required=True,
                        default_value=S.closes_at,
                    ),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                checkbox(
                    "Recibir hasta las 23:59 de cada día hábil",
                    "all_day",
                    default_checked=S.all_day,
                ),
                submit_buttons("Guardar horario"),
                spacing="3",
                width="100%",
            ),
            on_submit=S.save_hours,
            aria_label="Horario de atención",
        ),
    )


def _holiday_form() -> rx.Component:
    return form_card(
        "Nuevo feriado institucional",
        rx.text(
            "Días no laborables propios de PETROPERÚ. Los feriados nacionales ya se "
            "consideran automáticamente.",
            size="2",
        ),
        kept_form(
            rx.vstack(
                rx.grid(
                    text_field(
                        "Fecha",
                        "day",
                        input_type="date",
                        error=S.holiday_errors["day"],
                        required=True,
                    ),
                    text_field("Motivo", "name", error=S.holiday_errors["name"], required=True),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    gap="3",
                    width="100%",
                ),
                submit_buttons("Agregar feriado"),
                spacing="3",
                width="100%",
            ),
            key=S.form_key,
            on_submit=S.add_holiday,
            aria_label="Nuevo feriado institucional",
        ),
    )


def _remove(row: Row) -> rx.Component:
    return rx.button(
        "Eliminar",
        on_click=S.remove_holiday(row["id"]),
        color_scheme="red",
        variant="soft",
        size="2",
        aria_label="Eliminar feriado del " + row["day"],
    )


HOLIDAY_COLUMNS: list[Column] = [
    ("Fecha", lambda row: row["day"]),
    ("Motivo", lambda row: row["name"]),
    ("Acciones", _remove),
]
NATIONAL_COLUMNS: list[Column] = [
    ("Fecha", lambda row: row["day"]),
    ("Feriado", lambda row: row["name"]),
]


def calendar_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            admin_frame(
                "Feriados y horario de atención",
                RULE,
                notice(S.notice),
                _hours_form(),
                _holiday_form(),
                rx.heading("Feriados institucionales", as_="h2", size="5"),
                rx.cond(
                    S.holidays,
                    data_table("Feriados institucionales", HOLIDAY_COLUMNS, S.holidays),
                    rx.text("Aún no hay feriados institucionales registrados."),
                ),
                rx.el.details(
                    rx.el.summary(
                        "Feriados nacionales de ",
                        S.year.to_string(),
                        " (se aplican solos)",
                        style={"cursor": "pointer", "font_weight": "600"},
                    ),
                    data_table("Feriados nacionales", NATIONAL_COLUMNS, S.national),
                ),
            ),
        )
    )
