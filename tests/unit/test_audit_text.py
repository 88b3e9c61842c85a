"""Every audit action reads as a Spanish sentence; details never show raw JSON or codes."""

from __future__ import annotations

import pytest

from mpv_app.domain.audit import AUDIT_LABELS, FILING_AUDIT, AuditAction
from mpv_app.domain.audit_text import WITHOUT_TARGET, audit_sentence, detail_text
from mpv_app.domain.enums import EventAction

# One expected sentence per action: a new action without its words fails here.
EXPECTED = {
    AuditAction.ACCOUNT_REGISTER: "Rosa Prueba registró su cuenta",
    AuditAction.ACCOUNT_CONFIRM_EMAIL: "Rosa Prueba confirmó su correo",
    AuditAction.ACCOUNT_RESEND_CONFIRMATION: (
        "Rosa Prueba pidió reenviar la confirmación de su correo"
    ),
    AuditAction.ACCOUNT_REQUEST_RESET: "Rosa Prueba pidió restablecer su contraseña",
    AuditAction.ACCOUNT_RESET_PASSWORD: "Rosa Prueba restableció su contraseña",
    AuditAction.THROTTLE_RESET_REQUEST: (
        "Rosa Prueba pidió un enlace para restablecer su contraseña"
    ),
    AuditAction.THROTTLE_RESEND_REQUEST: "Rosa Prueba pidió otro correo de confirmación",
    AuditAction.AUTH_LOGIN: "Rosa Prueba inició sesión",
    AuditAction.AUTH_LOGOUT: "Rosa Prueba cerró sesión",
    AuditAction.STAFF_CREATE: "Rosa Prueba dio de alta la cuenta X",
    AuditAction.STAFF_UPDATE: "Rosa Prueba modificó la cuenta X",
    AuditAction.STAFF_ACTIVATE: "Rosa Prueba reactivó la cuenta X",
    AuditAction.STAFF_DEACTIVATE: "Rosa Prueba desactivó la cuenta X",
    AuditAction.FILING_REGISTER: "Rosa Prueba registró X",
    AuditAction.FILING_TAKE: "Rosa Prueba tomó X",
    AuditAction.FILING_ATTEND: "Rosa Prueba atendió X",
    AuditAction.FILING_REJECT: "Rosa Prueba rechazó X",
    AuditAction.FILING_ROUTE: "Rosa Prueba derivó X",
    AuditAction.FILING_EXPORT: "Rosa Prueba exportó una búsqueda",
    AuditAction.FILING_OBSERVE: "Rosa Prueba observó X",
    AuditAction.FILING_CURE: "Rosa Prueba subsanó X",
    AuditAction.FILING_EXPIRE: "Rosa Prueba dio por no presentada X",
    AuditAction.UPLOAD_STAGE: "Rosa Prueba cargó un archivo",
    AuditAction.UPLOAD_REMOVE: "Rosa Prueba retiró un archivo",
    AuditAction.UPLOAD_EXPIRE: "Rosa Prueba eliminó archivos temporales vencidos",
    AuditAction.CATALOG_SEED: "Rosa Prueba cargó el catálogo inicial",
    AuditAction.CENTER_CREATE: "Rosa Prueba dio de alta el centro de gestión X",
    AuditAction.CENTER_UPDATE: "Rosa Prueba modificó el centro de gestión X",
    AuditAction.CENTER_ACTIVATE: "Rosa Prueba reactivó el centro de gestión X",
    AuditAction.CENTER_DEACTIVATE: "Rosa Prueba desactivó el centro de gestión X",
    AuditAction.DEPARTMENT_CREATE: "Rosa Prueba dio de alta la dependencia X",
    AuditAction.DEPARTMENT_UPDATE: "Rosa Prueba modificó la dependencia X",
    AuditAction.DEPARTMENT_ACTIVATE: "Rosa Prueba reactivó la dependencia X",
    AuditAction.DEPARTMENT_DEACTIVATE: "Rosa Prueba desactivó la dependencia X",
    AuditAction.DOCUMENT_TYPE_CREATE: "Rosa Prueba dio de alta el tipo de correspondencia X",
    AuditAction.DOCUMENT_TYPE_UPDATE: "Rosa Prueba modificó el tipo de correspondencia X",
    AuditAction.DOCUMENT_TYPE_ACTIVATE: "Rosa Prueba reactivó el tipo de correspondencia X",
    AuditAction.DOCUMENT_TYPE_DEACTIVATE: "Rosa Prueba desactivó el tipo de correspondencia X",
    AuditAction.HOLIDAY_ADD: "Rosa Prueba agregó el feriado X",
    AuditAction.HOLIDAY_REMOVE: "Rosa Prueba retiró el feriado X",
    AuditAction.OFFICE_HOURS_SET: "Rosa Prueba cambió el horario de atención",
}


def test_every_action_has_a_label_a_verb_and_an_expected_sentence() -> None:
    assert set(AUDIT_LABELS) == set(AuditAction) == set(EXPECTED)
    assert len({action.label for action in AuditAction}) == len(AuditAction)


@pytest.mark.parametrize("action", list(AuditAction))
def test_sentence_of_each_action(action: AuditAction) -> None:
    assert audit_sentence(action, actor="Rosa Prueba", target="X", detail={}) == EXPECTED[action]


def test_the_own_account_actions_do_not_repeat_the_account() -> None:
    # The account is the actor: the sentence names no object after the verb.
    for action in WITHOUT_TARGET:
        assert not EXPECTED[action].endswith(" X")


def test_every_status_event_has_its_audit_action() -> None:
    assert set(FILING_AUDIT) == set(EventAction)


def test_the_issue_example() -> None:
    sentence = audit_sentence(
        AuditAction.FILING_TAKE,
        actor="Luis Pérez",
        target="MPV-2026-000057",
        detail={"from": "registered", "to": "in_progress", "department_id": 4},
    )
    assert sentence == "Luis Pérez tomó MPV-2026-000057: Registrada → En proceso"
    assert audit_sentence(AuditAction.AUTH_LOGIN, actor="", target="", detail={}) == (
        "Sistema inició sesión"
    )


def test_status_codes_are_labels_and_department_ids_are_names() -> None:
    detail = {"from": "in_progress", "to": "attended", "department_id": 4}
    assert detail_text(detail, department_names={4: "Legal — Gerencia General"}) == (
        "Dependencia: Legal — Gerencia General"
    )
    # A change of department on an update; an unknown id still reads, as its number.
    update = {"role": ["mesa_partes", "dependencia"], "department_id": [None, 9]}
    assert detail_text(update) == (
        "Dependencia: — → 9 · Rol: Mesa de partes (Trámite Documentario) → Dependencia"
    )


def test_details_in_plain_words() -> None:
    assert detail_text({"name": "contrato.pdf", "size": 2048, "sha256": "ab" * 32}) == (
        "Nombre: contrato.pdf · Huella SHA-256: abababababab… · Tamaño: 2 KB"
    )
    assert detail_text({"size": 3 * 1024 * 1024}) == "Tamaño: 3,0 MB"
    assert (
        detail_text(
            {"name": ["Legal", "Asesoría Legal"], "center_id": [1, 2]},
            center_names={
                1: "Lima",
                2: "Talara",
            },
        )
        == "Centro de gestión: Lima → Talara · Nombre: Legal → Asesoría Legal"
    )
    assert detail_text({"names": ["a.pdf", "b.pdf"]}) == "Archivos: a.pdf, b.pdf"
    assert detail_text({"format": "xlsx", "filters": "", "rows": 12}) == (
        "Filtros: ninguno · Formato: XLSX · Filas: 12"
    )
    assert detail_text({"kind": "persona_juridica"}) == "Tipo de remitente: Persona jurídica"
    assert detail_text({"sessions_revoked": 2}) == "Sesiones cerradas: 2"
    hours = {
        "before": ["08:30", "16:30"],
        "after": ["08:00", "17:00"],
        "rule_before": "hasta el cierre del horario",
        "rule": "hasta las 23:59 de cada día hábil",
    }
    assert detail_text(hours) == (
        "Horario: 08:30–16:30 → 08:00–17:00 · "
        "Regla: hasta el cierre del horario → hasta las 23:59 de cada día hábil"
    )
    first = {"before": None, "after": ["08:00", "17:00"], "rule_before": None, "rule": "x"}
    assert detail_text(first) == "Horario: sin horario → 08:00–17:00 · Regla: — → x"
    assert detail_text({}) == ""
    for text in (detail_text(hours), detail_text({"from": "observed", "to": "registered"})):
        assert "{" not in text and "[" not in text
