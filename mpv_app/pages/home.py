"""Landing page: what the desk is for and how a filing goes."""

from __future__ import annotations

import reflex as rx

from mpv_app import routes
from mpv_app.components.cards import action_card, step_card
from mpv_app.domain.enums import Role
from mpv_app.pages.common import shell
from mpv_app.state.auth import AuthState

STEPS = (
    (
        "Regístrese",
        "Cree su cuenta como persona natural, persona jurídica o empresa extranjera y "
        "confirme su correo electrónico.",
        "user-plus",
    ),
    (
        "Registre su correspondencia",
        "Complete el formulario, adjunte su documento principal en PDF y sus anexos "
        "(hasta 20 MB en total).",
        "file-up",
    ),
    (
        "Reciba su cargo",
        "Obtenga al instante su número de trámite y el cargo de recepción en PDF, "
        "también por correo.",
        "file-check",
    ),
    (
        "Consulte el estado",
        "Siga su trámite: Registrada, En proceso, Atendida o Rechazada.",
        "search",
    ),
)


def sender_home() -> rx.Component:
    return rx.vstack(
        rx.heading("Mesa de Partes Virtual", as_="h1", size="8"),
        rx.text("Bienvenido(a), ", rx.text.strong(AuthState.user_name), ". ¿Qué desea hacer?"),
        rx.grid(
            action_card(
                "Nueva correspondencia",
                "Presente un documento con su PDF principal y anexos.",
                "file-plus",
                routes.NEW_FILING,
            ),
            action_card(
                "Consultar correspondencia",
                "Vea el estado de sus trámites y descargue sus cargos.",
                "search",
                routes.MY_FILINGS,
            ),
            columns=rx.breakpoints(initial="1", sm="2"),
            gap="16px",
            width="100%",
        ),
        spacing="4",
        align="start",
    )


def home() -> rx.Component:
    return shell(rx.cond(AuthState.user_role == Role.SENDER.value, sender_home(), public_home()))


def public_home() -> rx.Component:
    return rx.vstack(
        rx.heading("Mesa de Partes Virtual", as_="h1", size="8"),
        rx.text(
            "Presente sus documentos a PETROPERÚ sin acudir a nuestras oficinas, "
            "las 24 horas del día, y siga su atención en línea.",
            size="4",
        ),
        rx.flex(
            # as_child: the link is the button, one tab stop per action.
            rx.button(rx.link("Registrarme", href=routes.REGISTER), size="3", as_child=True),
            rx.button(
                rx.link("Iniciar sesión", href=routes.LOGIN),
                size="3",
                variant="outline",
                as_child=True,
            ),
            gap="12px",
            wrap="wrap",
        ),
        rx.callout(
            "El registro de su correspondencia no implica su conformidad ni aceptación.",
            icon="info",
            color_scheme="blue",
        ),
        rx.heading("¿Cómo funciona?", as_="h2", size="6", margin_top="4"),
        rx.grid(
            *[
                step_card(index, title, text, icon)
                for index, (title, text, icon) in enumerate(STEPS, start=1)
            ],
            columns=rx.breakpoints(initial="1", sm="2"),
            gap="16px",
            width="100%",
        ),
        spacing="4",
        align="start",
    )
