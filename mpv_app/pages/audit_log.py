"""Auditoría: who did what, when, on which filing; filters kept in the URL."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.components.forms import kept_form, select_field, text_field
from mpv_app.components.tables import scroll_box
from mpv_app.domain.rows import AuditRow
from mpv_app.pages.common import shell
from mpv_app.state.audit_log import AuditLogState

HEADERS = (
    "Fecha y hora",
    "Usuario",
    "Acción",
    "Entidad",
    "Número de trámite",
    "Detalle",
    "IP",
)


def _filters() -> rx.Component:
    form = AuditLogState.form
    return kept_form(
        rx.grid(
            text_field(
                "Usuario",
                "usuario",
                hint="Correo electrónico o parte de él.",
                default_value=form["usuario"],
                auto_complete="off",
            ),
            select_field(
                "Acción",
                "accion",
                [],
                placeholder="Todas",
                options_var=AuditLogState.actions,
                default_value=form["accion"],
            ),
            text_field(
                "Número de trámite",
                "tramite",
                hint="Completo, por ejemplo MPV-2026-000123.",
                default_value=form["tramite"],
                auto_complete="off",
            ),
            text_field("Desde", "desde", input_type="date", default_value=form["desde"]),
            text_field("Hasta", "hasta", input_type="date", default_value=form["hasta"]),
            columns=rx.breakpoints(initial="1", sm="2", md="3"),
            spacing="3",
            width="100%",
            align="end",
        ),
        rx.hstack(
            rx.button("Buscar", rx.icon("search"), type="submit"),
            rx.link(rx.button("Limpiar filtros", variant="outline"), href=routes.AUDIT_LOG),
            spacing="3",
            margin_top="12px",
        ),
        key=AuditLogState.form_key,
        on_submit=AuditLogState.search,
        role="search",
        aria_label="Filtrar la auditoría",
        width="100%",
    )


def _row(row: rx.Var[AuditRow]) -> rx.Component:
    # Widths chosen so the seven columns fit 1100 px; narrower screens scroll the box.
    wrap_anywhere = {"overflow_wrap": "anywhere"}
    return rx.table.row(
        rx.table.cell(row.when, min_width="96px"),
        rx.table.cell(row.user, min_width="140px", max_width="200px", style=wrap_anywhere),
        rx.table.cell(row.action, min_width="140px"),
        rx.table.cell(row.entity, min_width="110px", max_width="150px", style=wrap_anywhere),
        rx.table.cell(row.tracking, white_space="nowrap"),
        rx.table.cell(
            rx.text(row.sentence, weight="medium", class_name="audit-sentence"),
            rx.cond(
                row.detail != "",
                rx.text(row.detail, size="1", color="#4a5568", class_name="audit-detail"),
            ),
            min_width="200px",
            max_width="320px",
        ),
        rx.table.cell(row.ip, white_space="nowrap"),
    )


def _table() -> rx.Component:
    return scroll_box(
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in HEADERS])),
            rx.table.body(rx.foreach(AuditLogState.rows, _row)),
            variant="surface",
            size="1",
            width="100%",
        ),
        "Registros de auditoría",
        max_width="100%",
        id="audit-table",
    )


def _pager_link(text: str, href: rx.Var[str]) -> rx.Component:
    return rx.cond(
        href != "",
        rx.link(rx.button(text, variant="outline"), href=href),
        rx.button(text, variant="outline", disabled=True),
    )


def _results() -> rx.Component:
    summary = rx.text(
        AuditLogState.total_text,
        " · ",
        AuditLogState.pages_text,
        id="audit-summary",
        aria_live="polite",
    )
    pager = rx.hstack(
        _pager_link("Anterior", AuditLogState.prev_href),
        _pager_link("Siguiente", AuditLogState.next_href),
        spacing="3",
        aria_label="Paginación",
    )
    empty = rx.text(
        rx.cond(
            AuditLogState.filtered,
            "No hay registros de auditoría que coincidan con los filtros.",
            "Aún no hay registros de auditoría.",
        ),
        role="status",
    )
    return rx.cond(
        AuditLogState.rows.length() > 0,
        rx.vstack(summary, _table(), pager, spacing="3", width="100%"),
        empty,
    )


def _errors() -> rx.Component:
    return rx.foreach(
        AuditLogState.errors,
        lambda message: rx.callout(
            message, icon="triangle-alert", color_scheme="red", role="alert", width="100%"
        ),
    )


def audit_log_page() -> rx.Component:
    return shell(
        gate(
            AuditLogState.access,
            rx.vstack(
                rx.heading("Auditoría", as_="h1", size="7"),
                rx.text(
                    "Registro de las acciones realizadas en la Mesa de Partes Virtual, de la más "
                    "reciente a la más antigua.",
                    color="#5d6b82",
                ),
                _filters(),
                _errors(),
                rx.cond(AuditLogState.errors.length() > 0, rx.fragment(), _results()),
                spacing="4",
                width="100%",
                min_width="0",
            ),
        )
    )
