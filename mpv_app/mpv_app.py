"""The Reflex app: pages, theme, mail worker and the plain HTTP API.

Never migrates: ``make migrate`` (Alembic) does, before the app starts.
"""

from __future__ import annotations

import warnings

import reflex as rx

from mpv_app import models, routes
from mpv_app.api import build_api
from mpv_app.event_errors import (
    backend_exception_handler,
    frontend_exception_handler,
    install_log_cap,
)
from mpv_app.frontend_files import frontend_files
from mpv_app.pages.account import account_page
from mpv_app.pages.admin import ADMIN_PAGES
from mpv_app.pages.audit_log import audit_log_page
from mpv_app.pages.auth_pages import confirm_page, forgot_page, login_page, resend_page, reset_page
from mpv_app.pages.dashboard import dashboard_page
from mpv_app.pages.filing_detail import filing_detail_page
from mpv_app.pages.help import help_page
from mpv_app.pages.home import home
from mpv_app.pages.inboxes import department_inbox_page, reception_inbox_page
from mpv_app.pages.my_filings import my_filings_page
from mpv_app.pages.new_filing import new_filing_page
from mpv_app.pages.not_found import not_found_page
from mpv_app.pages.register import register_page
from mpv_app.pages.verify import verify_cargo_page, verify_page
from mpv_app.proxy_headers import trusted_proxy_middleware
from mpv_app.reflex_bookkeeping import install as make_bookkeeping_on_use
from mpv_app.state.account import AccountState
from mpv_app.state.audit_log import AuditLogState
from mpv_app.state.cargo_check import CargoCheckState
from mpv_app.state.confirm import ConfirmState, ResendState
from mpv_app.state.dashboard import DashboardState
from mpv_app.state.filing import FilingState
from mpv_app.state.filing_actions import FilingActionsState
from mpv_app.state.filing_cure import FilingCureState
from mpv_app.state.filing_detail import FilingDetailState
from mpv_app.state.filing_files import FilingFilesState
from mpv_app.state.inboxes import DepartmentInboxState, ReceptionInboxState
from mpv_app.state.login import LoginState
from mpv_app.state.my_filings import MyFilingsState
from mpv_app.state.password import ForgotState, ResetState
from mpv_app.state.register import RegisterState
from mpv_app.state.site import SiteState
from mpv_app.state.verify import VerifyState
from mpv_app.web_security import security_middleware
from mpv_app.workers import pin_worker, start_mail_worker, start_maintenance

# Reflex compares its registry with the live schema at start; show it ours, all of it. Its merge
# of registries copies each shared table once per model and warns about it: harmless.
rx.ModelRegistry.register(models.User)
warnings.filterwarnings("ignore", message="Table '.*' already exists within the given MetaData")

TITLE = "Mesa de Partes Virtual PETROPERÚ"
install_log_cap()
# Before any tab's state tree exists: a clean state holds no bookkeeping sets of its own.
make_bookkeeping_on_use()


def upload_handlers() -> list[str]:
    """The only handlers ``/_upload`` may reach: those that take a streamed upload."""
    return [
        f"{state.get_full_name()}.{name}"
        for state, name in (
            (FilingFilesState, "upload_main"),
            (FilingFilesState, "upload_annexes"),
            (FilingActionsState, "upload_response"),
            (FilingCureState, "upload_cure_main"),
            (FilingCureState, "upload_cure_annexes"),
            (CargoCheckState, "upload_cargo"),
        )
    ]


app = rx.App(
    html_lang="es-PE",
    stylesheets=["/styles.css"],
    # The proxy wrapper goes last so it sees the request first (MPV_TRUSTED_PROXIES).
    api_transformer=[
        build_api(),
        frontend_files,
        security_middleware(upload_handlers),
        trusted_proxy_middleware,
    ],
    backend_exception_handler=backend_exception_handler,
    frontend_exception_handler=frontend_exception_handler,
    head_components=[
        rx.el.meta(name="description", content="Mesa de Partes Virtual de PETROPERÚ"),
        # Without an icon of its own the browser asks for /favicon.ico on every load (a 404).
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
        # async, not defer: a deferred script holds back the page's module scripts until it
        # arrives, one more round trip on a phone; this one only needs to run before a dialog.
        rx.el.script(src="/dialog_focus.js", async_=True),
    ],
)
app.register_lifespan_task(pin_worker)
app.register_lifespan_task(start_mail_worker)
app.register_lifespan_task(start_maintenance)

PAGES: list[tuple[object, str, str, list[object]]] = [
    (home, routes.HOME, "Inicio", [SiteState.load]),
    (help_page, routes.HELP, "Ayuda", [SiteState.load]),
    (not_found_page, routes.NOT_FOUND, "Página no encontrada", [SiteState.load]),
    (register_page, routes.REGISTER, "Registro", [RegisterState.reset_form]),
    (login_page, routes.LOGIN, "Iniciar sesión", [LoginState.load]),
    (confirm_page, routes.CONFIRM_EMAIL, "Confirmación de correo", [ConfirmState.load]),
    (resend_page, routes.RESEND_CONFIRMATION, "Reenviar confirmación", [ResendState.load]),
    (forgot_page, routes.FORGOT_PASSWORD, "Recuperar contraseña", [ForgotState.load]),
    (reset_page, routes.RESET_PASSWORD, "Restablecer contraseña", [ResetState.load]),
    (account_page, routes.ACCOUNT, "Mi cuenta", [AccountState.load]),
    (
        new_filing_page,
        routes.NEW_FILING,
        "Nueva correspondencia",
        [FilingState.load],
    ),
    (my_filings_page, routes.MY_FILINGS, "Mis trámites", [MyFilingsState.load]),
    (verify_page, routes.VERIFY, "Verificación de cargo", [VerifyState.load]),
    (verify_cargo_page, routes.VERIFY_CARGO, "Verificación de cargo", [CargoCheckState.load]),
    (
        filing_detail_page,
        routes.FILING_DETAIL,
        "Detalle de correspondencia",
        [FilingDetailState.load],
    ),
    (reception_inbox_page, routes.RECEPTION_INBOX, "Bandeja", [ReceptionInboxState.load]),
    (department_inbox_page, routes.DEPARTMENT_INBOX, "Bandeja", [DepartmentInboxState.load]),
    (dashboard_page, routes.DASHBOARD, "Panel", [DashboardState.load]),
    (audit_log_page, routes.AUDIT_LOG, "Auditoría", [AuditLogState.load]),
    *ADMIN_PAGES,
]

for component, route, title, on_load in PAGES:
    # One handler per page: it reads the session once (the header), the footer's hours and the
    # page's data in a single round trip (``state.page``); a second handler would be a second.
    assert len(on_load) == 1, route
    app.add_page(
        component,  # type: ignore[arg-type]
        route=route,
        title=f"{title} | {TITLE}",
        on_load=on_load,  # type: ignore[arg-type]
    )
