"""Shared browser steps for the account tests: unique senders, registration, login."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from playwright.sync_api import Page, expect

from tests.conftest import ROOT
from tests.e2e.mailbox import link_in, wait_for_mail
from tests.e2e.server import RunningApp

PASSWORD = "Clave-Segura-2024"
CONFIRM_SUBJECT = "Confirme su correo"
RESET_SUBJECT = "Restablecimiento de contraseña"
BAD_CREDENTIALS = "Correo o contraseña incorrectos."
HYDRATED_JS = """(selector) => {
    const el = document.querySelector(selector);
    return !!el && Object.keys(el).some((k) => k.startsWith("__reactProps"));
}"""


def unique_email(prefix: str = "remitente") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@correo-e2e.pe"


def unique_dni() -> str:
    return f"{uuid.uuid4().int % 10**8:08d}"


def wait_hydrated(page: Page, selector: str = "main") -> None:
    """Prod pages are prerendered: wait until React owns the DOM before typing or submitting."""
    page.locator(selector).first.wait_for(state="visible")
    page.wait_for_function(HYDRATED_JS, arg=selector)


# The backend's delta that ends a page's on_load (``is_hydrated`` flips to true).
LOAD_DONE = re.compile(r'"is_hydrated_rx_state_"\s*:\s*true')
# Keyed by the page itself: an ``id()`` is reused once a closed test's page is collected, and
# a new page would then share the old page's counter without a listener of its own.
_LOADS: weakref.WeakKeyDictionary[Page, list[int]] = weakref.WeakKeyDictionary()


def _load_counter(page: Page) -> list[int]:
    """Count the backend's "on_load handlers done" deltas seen on this page's websockets."""
    counter = _LOADS.get(page)
    if counter is None:
        counter = _LOADS[page] = [0]

        def on_frame(payload: str | bytes) -> None:
            text = payload if isinstance(payload, str) else payload.decode("utf-8", "replace")
            if LOAD_DONE.search(text):
                counter[0] += 1

        page.on("websocket", lambda ws: ws.on("framereceived", on_frame))
    return counter


@contextmanager
def page_loaded(page: Page, timeout_s: float = 20) -> Iterator[None]:
    """Wait, after the block, until the page's on_load handlers have finished.

    Pages that re-read their query string (the consulta) re-key their forms when ``on_load``
    ends: typing before that would be lost. The backend says it is done by flipping
    ``is_hydrated`` to true after the last on_load handler; this waits for that delta."""
    counter = _load_counter(page)
    before = counter[0]
    yield
    deadline = time.monotonic() + timeout_s
    while counter[0] <= before:
        if time.monotonic() > deadline:
            raise AssertionError(f"on_load did not finish in {timeout_s}s at {page.url}")
        page.wait_for_timeout(25)


def goto(page: Page, path: str, selector: str = "main") -> None:
    """Open ``path`` and wait until React owns the page and its on_load has run.

    On a first load Reflex runs the on_load after the events already waiting, and an upload
    goes over HTTP beside them: typing, pressing or dropping a file before it ends would be
    answered and then overwritten (a CI run lost a staged file's row that way)."""
    with page_loaded(page):
        page.goto(path)
    wait_hydrated(page, selector)


@dataclass
class SenderData:
    """What the form asks for one sender kind, and what «Mi cuenta» must then show."""

    kind: str
    email: str
    fields: dict[str, str]
    profile: dict[str, str] = field(default_factory=dict)
    password: str = PASSWORD


def sender_data(kind: str) -> SenderData:
    email, tag = unique_email(), uuid.uuid4().hex[:6].upper()
    if kind == "Persona natural":
        fields = {
            "Número de documento": unique_dni(),
            "Nombres": f"Rosa {tag}",
            "Apellidos": "Quispe Mamani",
        }
        profile = {"Tipo de documento": "DNI", **fields}
    elif kind == "Persona jurídica":
        fields = {
            "RUC": "20100128218",
            "Razón social": f"Servicios Andinos {tag} S.A.C.",
            "Representante legal": "Luis Paredes Rojas",
        }
        profile = dict(fields)
    else:
        fields = {
            "País": "Chile",
            "Número de identificación tributaria": f"CL-76{tag}",
            "Razón social": f"Minera Austral {tag} SpA",
            "Representante legal": "Ana Fuentes",
        }
        profile = dict(fields)
    profile.update({"Tipo de remitente": kind, "Correo electrónico": email})
    return SenderData(kind, email, fields, profile)


def profile_value(page: Page, label: str):  # type: ignore[no-untyped-def]
    """The <dd> beside a <dt> of the «Mi cuenta» definition list."""
    return page.locator(f"xpath=//dt[normalize-space()='{label}']/following-sibling::dd[1]")


def choose_kind(page: Page, kind: str) -> None:
    # Controlled by server state: .check() would fail while the round trip is in flight.
    page.get_by_label(kind, exact=True).click()
    expect(page.get_by_label(kind, exact=True)).to_be_checked()
    marker = {"Persona natural": "Nombres", "Persona jurídica": "RUC"}.get(
        kind, "Número de identificación tributaria"
    )
    expect(page.get_by_label(marker, exact=True)).to_be_visible()


def fill_registration(page: Page, data: SenderData, *, confirmation: str | None = None) -> None:
    """Fill every field by its visible label and tick both consents (does not submit)."""
    goto(page, "/registro", "form")  # its on_load clears the form: type after it
    choose_kind(page, data.kind)
    if data.kind == "Persona natural":
        page.get_by_label("Tipo de documento", exact=True).select_option(label="DNI")
    for label, value in data.fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Correo electrónico", exact=True).fill(data.email)
    page.get_by_label("Teléfono", exact=True).fill("+51 987 654 321")
    page.get_by_label("Dirección", exact=True).fill("Av. Enrique Canaval Moreyra 150, San Isidro")
    page.get_by_label("Contraseña", exact=True).fill(data.password)
    page.get_by_label("Confirmar contraseña", exact=True).fill(confirmation or data.password)
    page.get_by_label("Acepto los Términos y condiciones").check()
    page.get_by_label("Acepto la Política de protección de datos personales").check()


def submit_registration(page: Page) -> None:
    page.get_by_role("button", name="Registrarme").click()


def register(page: Page, data: SenderData) -> None:
    fill_registration(page, data)
    submit_registration(page)
    notice = page.get_by_role("status").filter(has_text="Le enviamos un correo a")
    expect(notice).to_contain_text(data.email)
    expect(notice).to_contain_text("Debe confirmarla antes de iniciar sesión")


def confirmation_link(app: RunningApp, email: str) -> str:
    return link_in(wait_for_mail(app.mail_dir, email, CONFIRM_SUBJECT), "/confirmar/")


def confirm(page: Page, app: RunningApp, email: str) -> None:
    page.goto(confirmation_link(app, email))
    expect(page.get_by_role("status")).to_contain_text("Su correo fue confirmado")


def confirmed_sender(page: Page, app: RunningApp, kind: str = "Persona natural") -> SenderData:
    data = sender_data(kind)
    register(page, data)
    confirm(page, app, data.email)
    return data


def login(page: Page, email: str, password: str) -> None:
    """Submit the login form; the caller asserts where it leads."""
    goto(page, "/iniciar-sesion", "form")
    page.get_by_label("Correo electrónico", exact=True).fill(email)
    page.get_by_label("Contraseña", exact=True).fill(password)
    page.get_by_role("button", name="Ingresar").click()


def expect_login_page(page: Page, notice: str | None = None) -> None:
    expect(page).to_have_url(re.compile(r"/iniciar-sesion"))
    expect(page.get_by_role("heading", name="Iniciar sesión", level=1)).to_be_visible()
    if notice:
        expect(page.get_by_role("alert").filter(has_text=notice)).to_be_visible()


def create_staff(app: RunningApp, role: str, department: str | None = None) -> str:
    """A staff account through the operator CLI; returns its email (password: PASSWORD)."""
    email = unique_email(role.replace("_", "-"))
    args = ["create-staff", "--email", email, "--role", role]
    if department:
        args += ["--department", department]
    subprocess.run(
        [sys.executable, "-m", "mpv_app.cli", *args],
        cwd=ROOT,
        env={**app.env, "MPV_STAFF_PASSWORD": PASSWORD},
        check=True,
        capture_output=True,
        text=True,
    )
    return email


def signed_in_sender(page: Page, app: RunningApp, kind: str = "Persona natural") -> SenderData:
    """A fresh confirmed sender, logged in and on the home page with its two entries."""
    data = confirmed_sender(page, app, kind)
    login(page, data.email, data.password)
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/?$"))
    main = page.locator("main")
    expect(main.get_by_role("link", name="Nueva correspondencia")).to_be_visible()
    expect(main.get_by_role("link", name="Consultar correspondencia")).to_be_visible()
    return data
