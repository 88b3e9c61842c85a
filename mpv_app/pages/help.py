"""Ayuda: the user guide's steps in plain Spanish, the requirements, hours and contacts."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.domain.files import ALLOWED_ANNEX_TEXT
from mpv_app.pages.common import shell
from mpv_app.settings import get_settings
from mpv_app.state.site import SiteState

CONTACTS = (
    ("Trámite Documentario", "6145000 anexo 14344"),
    ("Mesa de Servicios Digitales", "0800 76001 y 6145000 anexo 77777"),
)


def _guide() -> tuple[tuple[str, str, list[str]], ...]:
    limit = get_settings().max_filing_mb
    return (
        (
            "registrarse",
            "Registrarse",
            [
                "Elija «Registro» e indique si es persona natural, persona jurídica o empresa "
                "extranjera.",
                "Complete sus datos; su correo electrónico será su usuario.",
                "Abra el enlace que le enviamos por correo para confirmar su cuenta.",
            ],
        ),
        (
            "nueva-correspondencia",
            "Registrar una nueva correspondencia",
            [
                "Inicie sesión y elija «Nueva correspondencia».",
                "Escriba el asunto, elija el tipo de correspondencia y complete Nº Documento, "
                "Fecha Documento y Nº de páginas.",
                "Si conoce la dependencia de destino, actívelo y elíjala; si no, su "
                "correspondencia llega a Trámite Documentario.",
                "Adjunte el documento principal y, si los tiene, sus anexos; luego pulse "
                "«Guardar correspondencia».",
            ],
        ),
        (
            "archivos",
            "Archivos y límites",
            [
                "Documento principal: un solo archivo PDF, sin contraseña.",
                f"Anexos: {ALLOWED_ANNEX_TEXT}.",
                f"El total de archivos de una correspondencia no puede superar {limit} MB.",
                "Contratos, órdenes de servicio y OTT se aceptan solo firmados digitalmente.",
                "Si adjunta el XML de una factura electrónica, el formulario se completa con "
                "sus datos.",
            ],
        ),
        (
            "consulta",
            "Consultar sus trámites",
            [
                "En «Mis trámites» busque por número, fechas, estado, tipo, asunto o destino.",
                "Abra un trámite para ver su historial, descargar sus archivos y su cargo.",
            ],
        ),
        (
            "estados",
            "Estados de una correspondencia",
            [
                "Registrada: fue recibida y espera ser derivada.",
                "En proceso: la dependencia de destino la está atendiendo.",
                "Atendida: la dependencia dio respuesta.",
                "Rechazada: no pudo ser atendida; el motivo figura en el historial y en el "
                "correo que le enviamos.",
            ],
        ),
        (
            "cargo",
            "Cargo de recepción",
            [
                "Al guardar su correspondencia obtiene el número de trámite y el cargo en PDF, "
                "que también le llega por correo.",
                "El cargo indica la fecha y hora de envío, la fecha de recepción y la huella "
                "(SHA-256) de cada archivo.",
            ],
        ),
        (
            "verificacion",
            "Verificar un cargo",
            [
                "Cualquier persona puede comprobar un cargo en la dirección de verificación "
                "impresa en él (o con su código QR).",
            ],
        ),
    )


def _section(anchor: str, title: str, steps: list[str]) -> rx.Component:
    return rx.el.section(
        rx.heading(title, as_="h2", size="5", id=anchor),
        rx.el.ol(*[rx.el.li(step) for step in steps], class_name="guide-steps"),
        width="100%",
    )


def help_page() -> rx.Component:
    guide = _guide()
    return shell(
        rx.vstack(
            rx.heading("Ayuda", as_="h1", size="8"),
            rx.text("Cómo presentar su correspondencia a PETROPERÚ por la Mesa de Partes Virtual."),
            rx.el.nav(
                rx.el.ul(
                    *[rx.el.li(rx.link(title, href=f"#{anchor}")) for anchor, title, _ in guide]
                ),
                aria_label="Temas de ayuda",
            ),
            *[_section(anchor, title, steps) for anchor, title, steps in guide],
            rx.el.section(
                rx.heading("Horario de atención", as_="h2", size="5", id="horario"),
                rx.text(SiteState.office_hours),
                width="100%",
            ),
            rx.el.section(
                rx.heading("Contactos", as_="h2", size="5", id="contactos"),
                rx.el.ul(*[rx.el.li(rx.text.strong(f"{who}: "), phone) for who, phone in CONTACTS]),
                width="100%",
            ),
            rx.link("Volver al inicio", href=routes.HOME),
            spacing="4",
            align="start",
            width="100%",
        )
    )
