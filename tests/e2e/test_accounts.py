"""Accounts end to end: registration of each sender kind, confirmation, login, throttling,
password reset and role gates, driven through the real app in Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.factories import (
    BAD_CREDENTIALS,
    PASSWORD,
    RESET_SUBJECT,
    confirm,
    confirmed_sender,
    create_staff,
    expect_login_page,
    fill_registration,
    goto,
    login,
    profile_value,
    register,
    sender_data,
    submit_registration,
    unique_email,
)
from tests.e2e.mailbox import link_in, messages_to, wait_for_mail
from tests.e2e.server import RunningApp

KINDS = {
    "Persona natural": "persona-natural",
    "Persona jurídica": "persona-juridica",
    "Empresa extranjera": "empresa-extranjera",
}
NOT_CONFIRMED = "Debe confirmar su correo"
THROTTLED = "Demasiados intentos fallidos"
STAFF_HEADINGS = {
    "/bandeja": "Bandeja de Trámite Documentario",
    "/dependencia": "Bandeja de la dependencia",
    "/administracion": "Administración",
}


def _at(path: str, query: str = "") -> re.Pattern[str]:
    """The app's URL for ``path`` (the prod build may add a trailing slash), nothing after."""
    query = re.escape("?" + query) + "(%2F)?" if query else ""
    return re.compile(re.escape(path) + r"/?" + query + "$")


def _expect_sender_home(page: Page) -> None:
    """Senders land on the home page with its two entries after logging in."""
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/?$"))
    expect(page.get_by_role("link", name="Consultar correspondencia")).to_be_visible()


def _shot(page: Page, name: str) -> None:
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def _alert(page: Page, text: str):  # type: ignore[no-untyped-def]
    return page.get_by_role("alert").filter(has_text=text)


def _field_error(page: Page, label: str, message: str) -> None:
    """The message sits beside the field, is its description, and marks it invalid."""
    field = page.get_by_label(label, exact=True)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(message)))
    expect(page.get_by_text(message, exact=True)).to_be_visible()


def _failed_login(page: Page, email: str, password: str) -> str:
    """Submit, wait until this attempt's answer is shown (focus returns to the password)."""
    login(page, email, password)
    alert = page.get_by_role("alert").filter(has_text=re.compile(r"Correo o|Demasiados|Debe"))
    expect(alert).to_be_visible()
    expect(page.get_by_label("Contraseña", exact=True)).to_be_focused()
    return alert.inner_text().strip()


@pytest.mark.parametrize("kind", list(KINDS), ids=list(KINDS.values()))
def test_sender_registers_confirms_and_signs_in_and_out(
    page: Page, app: RunningApp, kind: str
) -> None:
    data = sender_data(kind)
    fill_registration(page, data)
    _shot(page, f"registro-{KINDS[kind]}")
    submit_registration(page)
    expect(page.get_by_role("status")).to_contain_text(f"Le enviamos un correo a {data.email}")

    login(page, data.email, data.password)
    expect(_alert(page, NOT_CONFIRMED)).to_be_visible()
    expect(page).to_have_url(_at("/iniciar-sesion"))

    confirm(page, app, data.email)
    _shot(page, "confirmar")

    login(page, data.email, data.password)
    _expect_sender_home(page)
    _shot(page, f"inicio-remitente-{KINDS[kind]}")
    goto(page, "/mi-cuenta")
    expect(page.get_by_role("heading", name="Datos del remitente")).to_be_visible()
    for label, value in data.profile.items():
        expect(profile_value(page, label)).to_have_text(value)
    _shot(page, f"mi-cuenta-{KINDS[kind]}")

    page.get_by_role("button", name="Cerrar sesión").click()
    expect(page).to_have_url(_at("/iniciar-sesion", "salida=1"))
    expect_login_page(page, "Cerró sesión correctamente.")
    _shot(page, "iniciar-sesion")

    page.goto("/mi-cuenta")
    expect(page).to_have_url(_at("/iniciar-sesion", "next=%2Fmi-cuenta"))
    expect_login_page(page, "Inicie sesión para continuar.")
    expect(page.get_by_role("heading", name="Datos del remitente")).to_have_count(0)


def test_empty_registration_shows_errors_beside_fields(page: Page) -> None:
    goto(page, "/registro", "form")
    submit_registration(page)
    _field_error(page, "Tipo de documento", "Seleccione el tipo de documento.")
    _field_error(page, "Nombres", "Ingrese sus nombres.")
    _field_error(page, "Correo electrónico", "Ingrese un correo electrónico válido.")
    _field_error(page, "Contraseña", "Ingrese una contraseña.")
    _field_error(
        page, "Acepto los Términos y condiciones", "Debe aceptar los términos y condiciones."
    )
    _field_error(
        page,
        "Acepto la Política de protección de datos personales",
        "Debe aceptar la política de protección de datos personales.",
    )
    expect(page.locator(":focus")).to_have_attribute("aria-invalid", "true")

    page.get_by_label("Tipo de documento", exact=True).select_option(label="DNI")
    page.get_by_label("Número de documento", exact=True).fill("1234567")
    submit_registration(page)
    _field_error(page, "Número de documento", "El DNI debe tener 8 dígitos.")
    expect(page.get_by_label("Tipo de documento", exact=True)).to_have_attribute(
        "aria-invalid", "false"
    )
    _shot(page, "registro-errores")


def test_focus_goes_to_first_invalid_field_in_form_order(page: Page) -> None:
    # The page's on_load (reset_form) clears the errors: submit only after it has run.
    goto(page, "/registro", "form")
    submit_registration(page)
    expect(page.get_by_label("Tipo de documento", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.get_by_label("Tipo de documento", exact=True)).to_be_focused(timeout=3000)


def test_registration_rejects_bad_ruc_mismatch_and_missing_consents(
    page: Page, app: RunningApp
) -> None:
    data = sender_data("Persona jurídica")
    fill_registration(page, data, confirmation=PASSWORD + "x")
    page.get_by_label("RUC", exact=True).fill("20100128219")
    page.get_by_label("Acepto los Términos y condiciones").uncheck()
    page.get_by_label("Acepto la Política de protección de datos personales").uncheck()
    submit_registration(page)

    _field_error(page, "RUC", "El RUC no es válido: revise el dígito verificador.")
    _field_error(page, "Confirmar contraseña", "Las contraseñas no coinciden.")
    _field_error(
        page, "Acepto los Términos y condiciones", "Debe aceptar los términos y condiciones."
    )
    _field_error(
        page,
        "Acepto la Política de protección de datos personales",
        "Debe aceptar la política de protección de datos personales.",
    )
    for valid in ("Razón social", "Representante legal", "Correo electrónico", "Contraseña"):
        expect(page.get_by_label(valid, exact=True)).to_have_attribute("aria-invalid", "false")
    assert messages_to(app.mail_dir, data.email) == []


def test_password_rules_update_as_you_type(page: Page) -> None:
    goto(page, "/registro", "form")
    rules = page.get_by_role("list", name="Requisitos de la contraseña")
    length = rules.get_by_role("listitem").filter(has_text="Al menos 10 caracteres")
    upper = rules.get_by_role("listitem").filter(has_text="Una letra mayúscula")
    digit = rules.get_by_role("listitem").filter(has_text="Un número")
    expect(length).to_contain_text("(falta)")
    expect(upper).to_contain_text("(falta)")

    password = page.get_by_label("Contraseña", exact=True)
    password.fill("abcdefghij")
    expect(length).to_contain_text("(cumple)")
    expect(upper).to_contain_text("(falta)")
    expect(digit).to_contain_text("(falta)")

    password.fill("Abcdefghij7")
    expect(rules.get_by_role("listitem")).to_have_count(4)
    for item in rules.get_by_role("listitem").all():
        expect(item).to_contain_text("(cumple)")

    password.fill("Ab7")
    expect(length).to_contain_text("(falta)")
    expect(upper).to_contain_text("(cumple)")


def test_login_is_throttled_after_repeated_failures(page: Page, app: RunningApp) -> None:
    data = confirmed_sender(page, app)
    for _ in range(5):
        assert _failed_login(page, data.email, "Equivocada-123") == BAD_CREDENTIALS
    sixth = _failed_login(page, data.email, "Equivocada-123")
    assert sixth.startswith(THROTTLED), sixth

    right = _failed_login(page, data.email, data.password)
    assert right.startswith(THROTTLED), right
    expect(page).to_have_url(_at("/iniciar-sesion"))


def test_login_and_reset_request_do_not_reveal_accounts(page: Page, app: RunningApp) -> None:
    data = confirmed_sender(page, app)
    unknown = unique_email("desconocido")
    assert _failed_login(page, unknown, data.password) == BAD_CREDENTIALS
    assert _failed_login(page, data.email, "Equivocada-123") == BAD_CREDENTIALS

    answers = []
    for email in (unknown, data.email):
        goto(page, "/recuperar-contrasena", "form")
        page.get_by_label("Correo electrónico", exact=True).fill(email)
        page.get_by_role("button", name="Enviar enlace").click()
        answer = _alert(page, "Si el correo corresponde a una cuenta")
        expect(answer).to_be_visible()
        answers.append(answer.inner_text().strip())
    assert answers[0] == answers[1]
    _shot(page, "recuperar-contrasena")
    wait_for_mail(app.mail_dir, data.email, RESET_SUBJECT)
    assert messages_to(app.mail_dir, unknown) == []


def _set_password(page: Page, password: str) -> None:
    page.get_by_label("Nueva contraseña", exact=True).fill(password)
    page.get_by_label("Confirmar contraseña", exact=True).fill(password)
    page.get_by_role("button", name="Guardar contraseña").click()


def test_password_reset_revokes_sessions_and_link_is_single_use(
    page: Page, browser: Browser, app: RunningApp
) -> None:
    data = confirmed_sender(page, app)
    login(page, data.email, data.password)
    _expect_sender_home(page)
    goto(page, "/mi-cuenta")
    expect(page.get_by_role("heading", name="Datos del remitente")).to_be_visible()

    other = browser.new_context(viewport=page.viewport_size, locale="es-PE", base_url=app.base_url)
    b = other.new_page()
    b.set_default_timeout(20_000)
    try:
        goto(b, "/recuperar-contrasena", "form")
        b.get_by_label("Correo electrónico", exact=True).fill(data.email)
        b.get_by_role("button", name="Enviar enlace").click()
        expect(_alert(b, "le enviamos un enlace")).to_be_visible()
        link = link_in(wait_for_mail(app.mail_dir, data.email, RESET_SUBJECT), "/restablecer/")

        goto(b, link, "form")
        _set_password(b, "Corta-1")
        _field_error(b, "Nueva contraseña", "La contraseña debe tener al menos 10 caracteres.")
        _shot(b, "restablecer")
        new_password = "Otra-Clave-Nueva-99"
        _set_password(b, new_password)
        expect(b.get_by_role("status")).to_contain_text("Su contraseña fue actualizada")

        page.reload()
        expect(page).to_have_url(_at("/iniciar-sesion", "next=%2Fmi-cuenta"))
        expect_login_page(page, "Inicie sesión para continuar.")

        assert _failed_login(b, data.email, data.password) == BAD_CREDENTIALS
        login(b, data.email, new_password)
        _expect_sender_home(b)

        goto(b, link, "form")
        _set_password(b, "Tercera-Clave-77")
        expect(_alert(b, "El enlace no es válido o ya fue usado")).to_be_visible()
        expect(b.get_by_role("link", name="Solicitar un nuevo enlace")).to_be_visible()
    finally:
        other.close()


def test_resend_confirmation_sends_a_new_working_link(page: Page, app: RunningApp) -> None:
    data = sender_data("Persona natural")
    register(page, data)
    wait_for_mail(app.mail_dir, data.email, "Confirme su correo")
    goto(page, "/reenviar-confirmacion", "form")
    page.get_by_label("Correo electrónico", exact=True).fill(data.email)
    page.get_by_role("button", name="Reenviar correo").click()
    expect(_alert(page, "le enviamos un nuevo enlace")).to_be_visible()
    _shot(page, "reenviar-confirmacion")

    second = wait_for_mail(app.mail_dir, data.email, "Confirme su correo", count=2)
    page.goto(link_in(second, "/confirmar/"))
    expect(page.get_by_role("status")).to_contain_text("Su correo fue confirmado")
    login(page, data.email, data.password)
    _expect_sender_home(page)


def test_sender_is_denied_staff_pages(page: Page, app: RunningApp) -> None:
    data = confirmed_sender(page, app)
    login(page, data.email, data.password)
    _expect_sender_home(page)
    for path, heading in STAFF_HEADINGS.items():
        goto(page, path)
        expect(page.get_by_role("heading", name="403 — Acceso denegado")).to_be_visible()
        expect(page).to_have_url(_at(path))
        expect(page.get_by_role("heading", name=heading, exact=True)).to_have_count(0)
        expect(page.get_by_text("Cuentas del personal")).to_have_count(0)
    _shot(page, "403")


def _staff_login(page: Page, app: RunningApp, role: str, department: str | None = None) -> str:
    email = create_staff(app, role, department)
    login(page, email, PASSWORD)
    return email


def test_admin_lands_on_administracion_with_staff_table(page: Page, app: RunningApp) -> None:
    email = _staff_login(page, app, "admin")
    expect(page).to_have_url(_at("/administracion"))
    expect(page.get_by_role("heading", name="Cuentas del personal")).to_be_visible()
    expect(page.get_by_role("link", name="Administración", exact=True)).to_be_visible()
    _shot(page, "administracion")
    goto(page, "/administracion/personal")
    row = page.get_by_role("row").filter(has_text=email)
    expect(row).to_contain_text("Administrador")
    expect(row).to_contain_text("Activo")


def test_reception_lands_on_bandeja_and_is_denied_admin(page: Page, app: RunningApp) -> None:
    _staff_login(page, app, "mesa_partes")
    expect(page).to_have_url(_at("/bandeja"))
    expect(page.get_by_role("heading", name="Bandeja de Trámite Documentario")).to_be_visible()
    expect(
        page.get_by_text("Correspondencia en estado Registrada u Observada. Primero", exact=False)
    ).to_be_visible()
    _shot(page, "bandeja")
    goto(page, "/administracion")
    expect(page.get_by_role("heading", name="403 — Acceso denegado")).to_be_visible()
    expect(page.get_by_text("Cuentas del personal")).to_have_count(0)


def test_department_user_lands_on_dependencia(page: Page, app: RunningApp) -> None:
    _staff_login(page, app, "dependencia", "OP-LEG")
    expect(page).to_have_url(_at("/dependencia"))
    expect(page.get_by_role("heading", name="Bandeja de la dependencia")).to_be_visible()
    expect(
        page.get_by_text("Correspondencia derivada a su dependencia. Primero", exact=False)
    ).to_be_visible()
    _shot(page, "dependencia")
    goto(page, "/bandeja")
    expect(page.get_by_role("heading", name="403 — Acceso denegado")).to_be_visible()


def test_anonymous_visitor_is_sent_to_login(page: Page) -> None:
    page.goto("/administracion")
    expect(page).to_have_url(_at("/iniciar-sesion", "next=%2Fadministracion"))
    expect_login_page(page, "Inicie sesión para continuar.")
    expect(page.get_by_text("Cuentas del personal")).to_have_count(0)
