"""Administración: one card per section the administrator keeps."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.access import gate
from mpv_app.components.admin import section_card
from mpv_app.pages.common import shell
from mpv_app.state.admin_index import AdminIndexState as S

SECTIONS = (
    (
        "Centros de gestión",
        "Sedes de PETROPERÚ a las que se dirige la correspondencia.",
        "building-2",
        routes.ADMIN_CENTERS,
        "centers",
    ),
    (
        "Dependencias",
        "Áreas de cada centro que reciben y atienden la correspondencia.",
        "network",
        routes.ADMIN_DEPARTMENTS,
        "departments",
    ),
    (
        "Tipos de correspondencia",
        "Carta, Oficio, Factura…, y cuáles solo se aceptan con firma digital.",
        "file-text",
        routes.ADMIN_DOCUMENT_TYPES,
        "document_types",
    ),
    (
        "Feriados y horario de atención",
        "El calendario que decide la fecha de recepción.",
        "calendar-days",
        routes.ADMIN_CALENDAR,
        "calendar",
    ),
    (
        "Cuentas del personal",
        "Trámite Documentario, dependencias y administradores.",
        "users",
        routes.ADMIN_STAFF,
        "staff",
    ),
)


def admin_index_page() -> rx.Component:
    return shell(
        gate(
            S.access,
            rx.vstack(
                rx.heading("Administración", as_="h1", size="7"),
                rx.text(
                    "Catálogos, calendario y cuentas del personal. Nada se elimina: lo que ya "
                    "no se usa se desactiva y su historial se conserva.",
                    color="#3b4a63",
                ),
                rx.grid(
                    *[
                        section_card(title, text, icon, href, S.counts[key])
                        for title, text, icon, href, key in SECTIONS
                    ],
                    columns=rx.breakpoints(initial="1", md="2"),
                    gap="4",
                    width="100%",
                ),
                spacing="4",
                width="100%",
            ),
        )
    )
