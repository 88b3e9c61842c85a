"""Administración end to end: catalogs, calendar and staff accounts, driven in Chromium."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import screenshot
from tests.e2e.factories import PASSWORD, create_staff, goto, login, unique_email
from tests.e2e.server import RunningApp

INACTIVE = "Su cuenta está desactivada"


def _shot(page: Page, name: str) -> None:
    # Toasts fade after a few seconds (paused while the pointer rests on them); the picture is
    # of the page, not of them.
    page.mouse.move(0, 0)
    expect(page.locator("[data-sonner-toast]")).to_have_count(0, timeout=15_000)
    for path in screenshot(page, name):
        assert path.stat().st_size > 10_000, path


def _toast(page: Page, text: str) -> None:
    expect(page.locator("[data-sonner-toast]").filter(has_text=text).first).to_be_visible()


def _row(page: Page, text: str) -> Locator:
    return page.get_by_role("row").filter(has_text=text)


def _admin(page: Page, app: RunningApp) -> str:
    email = create_staff(app, "admin")
    login(page, email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/administracion/?$"))
    expect(page.get_by_role("heading", name="Administración", level=1)).to_be_visible()
    return email


def _open(page: Page, card: str, heading: str) -> None:
    goto(page, "/administracion")
    page.get_by_role("link", name=card, exact=True).click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.get_by_role("form").first).to_be_visible()


def test_admin_manages_centers_departments_and_types(page: Page, app: RunningApp) -> None:
    _admin(page, app)
    for card in ("Centros de gestión", "Dependencias", "Tipos de correspondencia"):
        link = page.get_by_role("link", name=card, exact=True)
        expect(page.locator(".action-card").filter(has=link)).to_contain_text(
            re.compile(r"Activos: \d+ de \d+")
        )
    _shot(page, "admin-index")

    tag = uuid.uuid4().hex[:5].upper()
    center, center_code = f"Terminal Bayóvar {tag}", f"TB-{tag}"
    _open(page, "Centros de gestión", "Centros de gestión")
    page.get_by_label("Código", exact=True).fill(center_code.lower())
    page.get_by_label("Nombre", exact=True).fill(center)
    page.get_by_role("button", name="Crear centro de gestión").click()
    _toast(page, f"Se creó el centro de gestión {center}.")
    expect(_row(page, center_code)).to_contain_text("Activo")
    expect(page.get_by_label("Código", exact=True)).to_have_value("")  # form cleared

    page.get_by_label("Código", exact=True).fill(center_code)
    page.get_by_label("Nombre", exact=True).fill("Otro nombre")
    page.get_by_role("button", name="Crear centro de gestión").click()
    expect(page.locator("#f-code-error")).to_have_text(
        "Ya existe un centro de gestión con ese código."
    )
    expect(page.get_by_label("Código", exact=True)).to_be_focused()

    page.get_by_role("button", name=f"Editar {center}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Nombre")).to_have_value(center)
    _shot(page, "admin-centros-editar")
    dialog.get_by_label("Nombre").fill(f"{center} Norte")
    dialog.get_by_role("button", name="Guardar cambios").click()
    _toast(page, f"Se actualizó el centro de gestión {center} Norte.")
    expect(page.get_by_role("dialog")).to_have_count(0)
    center = f"{center} Norte"
    expect(_row(page, center_code)).to_contain_text(center)
    _shot(page, "admin-centros")

    _open(page, "Dependencias", "Dependencias")
    page.get_by_label("Centro de gestión", exact=True).select_option(label=center)
    page.get_by_label("Código", exact=True).fill(f"TB-{tag}-OPE")
    page.get_by_label("Nombre", exact=True).fill("Jefatura Operaciones Bayóvar")
    page.get_by_role("button", name="Crear dependencia").click()
    _toast(page, "Se creó la dependencia Jefatura Operaciones Bayóvar.")
    row = _row(page, f"TB-{tag}-OPE")
    expect(row).to_contain_text(center)
    expect(row).to_contain_text("Activo")
    page.get_by_role("button", name="Desactivar Trámite Documentario").click()
    expect(
        page.get_by_role("alert").filter(has_text="No se puede desactivar Trámite")
    ).to_be_visible()
    expect(_row(page, "OP-TD")).to_contain_text("Activo")
    page.get_by_label("Mostrar las dependencias de", exact=True).select_option(label=center)
    expect(page.get_by_role("row")).to_have_count(2)  # the header and the new one
    expect(_row(page, "OP-TD")).to_have_count(0)
    _shot(page, "admin-dependencias")

    _open(page, "Tipos de correspondencia", "Tipos de correspondencia")
    page.get_by_label("Código", exact=True).fill(f"ADENDA-{tag}")
    page.get_by_label("Nombre", exact=True).fill(f"Adenda {tag}")
    page.get_by_label("Solo con firma digital", exact=True).check()
    page.get_by_role("button", name="Crear tipo de correspondencia").click()
    _toast(page, f"Se creó el tipo de correspondencia Adenda {tag}.")
    row = _row(page, f"ADENDA-{tag}")
    expect(row.get_by_role("cell").nth(2)).to_have_text("Sí")
    row.get_by_role("button", name=f"Desactivar Adenda {tag}").click()
    _toast(page, f"Se desactivó el tipo de correspondencia Adenda {tag}.")
    expect(row).to_contain_text("Inactivo")
    expect(row.get_by_role("button", name=f"Activar Adenda {tag}")).to_be_visible()
    _shot(page, "admin-tipos")


def test_admin_sets_holidays_and_office_hours(page: Page, app: RunningApp) -> None:
    _admin(page, app)
    _open(page, "Feriados y horario de atención", "Feriados y horario de atención")
    page.get_by_label("Hora de apertura", exact=True).fill("16:00")
    page.get_by_label("Hora de cierre", exact=True).fill("09:00")
    page.get_by_role("button", name="Guardar horario").click()
    expect(page.locator("#f-closes_at-error")).to_have_text(
        "La hora de apertura (16:00) debe ser anterior a la de cierre (09:00)."
    )
    page.get_by_label("Hora de apertura", exact=True).fill("08:00")
    page.get_by_label("Hora de cierre", exact=True).fill("15:30")
    page.get_by_role("button", name="Guardar horario").click()
    _toast(page, "Horario de atención actualizado: de 08:00 a 15:30; recepción hasta las 15:30.")
    expect(page.locator("#rule-in-force")).to_contain_text("08:00 a 15:30")
    # The footer says exactly what the rule does: before 15:30 on a business day (01:11 too) is
    # received that day.
    footer = page.locator("footer")
    expect(footer).to_contain_text("Lunes a viernes de 08:00 a 15:30 (hora de Lima), excepto")
    expect(footer.locator("#reception-rule")).to_have_text(
        "Lo presentado en un día hábil antes de las 15:30 se recibe ese mismo día; lo presentado "
        "desde las 15:30, o en sábado, domingo o feriado, se recibe el siguiente día hábil."
    )
    # Reception around the clock, when the institution decides (Indecopi Res. 0518-2024/SEL).
    page.get_by_label("Recibir hasta las 23:59 de cada día hábil").check()
    page.get_by_role("button", name="Guardar horario").click()
    _toast(
        page,
        "Horario de atención actualizado: de 08:00 a 15:30; recepción hasta las 23:59 de cada "
        "día hábil.",
    )
    expect(footer).to_contain_text("Lunes a viernes hasta las 23:59 (hora de Lima), excepto")
    expect(footer.locator("#reception-rule")).to_contain_text(
        "a cualquier hora hasta las 23:59, se recibe ese mismo día"
    )
    _shot(page, "admin-calendario-23-59")
    page.get_by_label("Recibir hasta las 23:59 de cada día hábil").uncheck()
    page.get_by_role("button", name="Guardar horario").click()
    expect(footer.locator("#reception-rule")).to_contain_text("antes de las 15:30")

    page.get_by_label("Fecha", exact=True).fill("2031-07-30")
    page.get_by_label("Motivo", exact=True).fill("Aniversario institucional")
    page.get_by_role("button", name="Agregar feriado").click()
    _toast(page, "Se registró el feriado del 30/07/2031.")
    expect(_row(page, "30/07/2031")).to_contain_text("Aniversario institucional")
    page.get_by_label("Fecha", exact=True).fill("2031-07-30")
    page.get_by_label("Motivo", exact=True).fill("Repetido")
    page.get_by_role("button", name="Agregar feriado").click()
    expect(page.locator("#f-day-error")).to_have_text("Ya hay un feriado registrado el 30/07/2031.")
    _shot(page, "admin-calendario")

    goto(page, "/administracion/calendario")  # what was saved is what comes back
    expect(page.get_by_label("Hora de cierre", exact=True)).to_have_value("15:30")
    page.get_by_role("button", name="Eliminar feriado del miércoles 30/07/2031").click()
    _toast(page, "Se eliminó el feriado del 30/07/2031.")
    expect(_row(page, "30/07/2031")).to_have_count(0)

    # Back to the seed's hours: the other tests of this app read the footer and the cut-off.
    page.get_by_label("Hora de apertura", exact=True).fill("07:00")
    page.get_by_label("Hora de cierre", exact=True).fill("16:36")
    page.get_by_role("button", name="Guardar horario").click()
    _toast(page, "Horario de atención actualizado: de 07:00 a 16:36")


def test_admin_creates_and_deactivates_a_staff_account(page: Page, app: RunningApp) -> None:
    admin_email = _admin(page, app)
    _open(page, "Cuentas del personal", "Cuentas del personal")
    own = _row(page, admin_email)
    expect(own).to_contain_text("Administrador")
    expect(own).to_contain_text("Activo")
    expect(own).to_contain_text("Su cuenta")
    expect(page.get_by_role("button", name=f"Desactivar {admin_email}")).to_have_count(0)

    email = unique_email("tesoreria")
    page.get_by_label("Correo", exact=True).fill(email)
    page.get_by_label("Rol", exact=True).select_option(label="Dependencia")
    page.get_by_label("Contraseña inicial", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Crear cuenta").click()
    expect(page.locator("#f-department_id-error")).to_have_text(
        "Seleccione la dependencia: el rol Dependencia la requiere."
    )
    page.get_by_label("Dependencia", exact=True).select_option(
        label="Jefatura Tesorería — Oficina Principal (San Isidro)"
    )
    page.get_by_role("button", name="Crear cuenta").click()
    _toast(page, f"Se creó la cuenta {email}.")
    expect(page.get_by_role("status").filter(has_text="ya puede ingresar")).to_be_visible()
    row = _row(page, email)
    expect(row).to_contain_text("Jefatura Tesorería")
    expect(row).to_contain_text("Activo")

    row.get_by_role("button", name=f"Editar {email}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_label("Rol")).to_have_value("dependencia")
    dialog.get_by_label("Rol").select_option(label="Mesa de partes (Trámite Documentario)")
    dialog.get_by_role("button", name="Guardar cambios").click()
    _toast(page, f"Se actualizó la cuenta {email}.")
    expect(row).to_contain_text("Mesa de partes")

    row.get_by_role("button", name=f"Desactivar {email}").click()
    _toast(page, f"Se desactivó la cuenta {email} y se cerraron sus sesiones.")
    expect(row).to_contain_text("Inactivo")
    _shot(page, "admin-personal")

    page.get_by_role("button", name="Cerrar sesión").click()
    login(page, email, PASSWORD)
    expect(page.get_by_role("alert").filter(has_text=INACTIVE)).to_be_visible()


def test_reception_staff_is_denied_every_admin_page(page: Page, app: RunningApp) -> None:
    login(page, create_staff(app, "mesa_partes"), PASSWORD)
    expect(page).to_have_url(re.compile(r"/bandeja/?$"))
    for path in (
        "/administracion/centros",
        "/administracion/dependencias",
        "/administracion/tipos",
        "/administracion/calendario",
        "/administracion/personal",
    ):
        goto(page, path)
        expect(page.get_by_role("heading", name="403 — Acceso denegado")).to_be_visible()
        expect(page.get_by_role("table")).to_have_count(0)
