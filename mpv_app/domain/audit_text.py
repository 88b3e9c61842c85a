"""The audit log read aloud: one Spanish sentence per row and its details in plain words.

Pure functions over what a row holds, so every action's wording is tested without a database;
the selector resolves names (who, which account, which department) and passes them in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import partial
from typing import Any

from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import Role, SenderKind, Status

# Actions whose sentence names no object: the actor acted on themselves or on the whole desk.
WITHOUT_TARGET = frozenset(
    {
        AuditAction.ACCOUNT_REGISTER,
        AuditAction.ACCOUNT_CONFIRM_EMAIL,
        AuditAction.ACCOUNT_RESEND_CONFIRMATION,
        AuditAction.ACCOUNT_REQUEST_RESET,
        AuditAction.ACCOUNT_RESET_PASSWORD,
        AuditAction.THROTTLE_RESET_REQUEST,
        AuditAction.THROTTLE_RESEND_REQUEST,
        AuditAction.AUTH_LOGIN,
        AuditAction.AUTH_LOGOUT,
        AuditAction.FILING_EXPORT,
        AuditAction.UPLOAD_STAGE,
        AuditAction.UPLOAD_REMOVE,
        AuditAction.UPLOAD_EXPIRE,
        AuditAction.CATALOG_SEED,
        AuditAction.OFFICE_HOURS_SET,
    }
)
SYSTEM = "Sistema"


def _status(code: object) -> str:
    try:
        return Status(str(code)).label
    except ValueError:
        return str(code)


def status_change(detail: Mapping[str, Any]) -> str:
    """ "Registrada → En proceso" when the row records a status change, else ""."""
    if "from" not in detail or "to" not in detail:
        return ""
    return f"{_status(detail['from'])} → {_status(detail['to'])}"


def audit_sentence(
    action: AuditAction, *, actor: str, target: str, detail: Mapping[str, Any]
) -> str:
    """ "Luis Pérez tomó MPV-2026-000057: Registrada → En proceso"."""
    words = [actor or SYSTEM, action.verb]
    if target and action not in WITHOUT_TARGET:
        words.append(target)
    sentence = " ".join(words)
    change = status_change(detail)
    return f"{sentence}: {change}" if change else sentence


def _day(value: object) -> str:
    try:
        return date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return str(value)


def _role(value: object) -> str:
    try:
        return Role(str(value)).label
    except ValueError:
        return str(value)


def _sender_kind(value: object) -> str:
    try:
        return SenderKind(str(value)).label
    except ValueError:
        return str(value)


def _size(value: object) -> str:
    if not isinstance(value, int):
        return str(value)
    if value < 1024 * 1024:
        return f"{max(1, round(value / 1024))} KB"
    return f"{value / (1024 * 1024):.1f} MB".replace(".", ",")


def _hours(value: object) -> str:
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{value[0]}–{value[1]}"
    return "sin horario" if value is None else str(value)


def _plain(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def _named(known: Mapping[int, str], value: object) -> str:
    return known.get(value, _plain(value)) if isinstance(value, int) else _plain(value)


def _fingerprint(value: object) -> str:
    return f"{str(value)[:12]}…"


# key → (label, how its value reads); a key not listed reads as "key: value".
_FIELDS: dict[str, tuple[str, Callable[[object], str]]] = {
    "name": ("Nombre", _plain),
    "names": ("Archivos", _plain),
    "files": ("Archivos", _plain),
    "size": ("Tamaño", _size),
    "sha256": ("Huella SHA-256", _fingerprint),
    "role": ("Rol", _role),
    "kind": ("Tipo de remitente", _sender_kind),
    "department": ("Dependencia", _plain),
    "department_code": ("Dependencia", _plain),
    "center": ("Centro de gestión", _plain),
    "sessions_revoked": ("Sesiones cerradas", _plain),
    "format": ("Formato", lambda v: str(v).upper()),
    "filters": ("Filtros", lambda v: _plain(v) if v else "ninguno"),
    "rows": ("Filas", _plain),
    "hours": ("Horario", _hours),
    "rule": ("Regla", _plain),
}
# Shown by the sentence (when both are there), not repeated in the details.
_IN_SENTENCE = frozenset({"from", "to"})
# Rows that keep "before" and "after" under two keys: read as one change.
_SPLIT_CHANGES = (("before", "after", "hours"), ("rule_before", "rule", "rule"))


# The updates store these as [before, after]; other lists (file names) are plain lists.
_PAIR_KEYS = frozenset({"name", "role", "department_id", "center_id"})


def _change_or_value(key: str, value: object, read: Callable[[object], str]) -> str:
    """A [before, after] pair reads "antes → después"; anything else as itself."""
    if key in _PAIR_KEYS and isinstance(value, list) and len(value) == 2:
        before, after = value
        return f"{read(before)} → {read(after)}" if before != after else read(after)
    return read(value)


def _joined(detail: Mapping[str, Any]) -> dict[str, Any]:
    said = _IN_SENTENCE if status_change(detail) else frozenset()
    joined = {k: v for k, v in detail.items() if k not in said}
    for before_key, after_key, key in _SPLIT_CHANGES:
        if before_key in joined and after_key in joined:
            before, after = joined.pop(before_key), joined.pop(after_key)
            joined[key] = ("change", before, after)
        elif after_key in joined:
            joined[key] = joined.pop(after_key)
    return joined


def detail_text(
    detail: Mapping[str, Any],
    *,
    department_names: Mapping[int, str] | None = None,
    center_names: Mapping[int, str] | None = None,
) -> str:
    """The row's details as "Etiqueta: valor" parts joined by " · ", never raw JSON."""
    by_id = {
        "department_id": ("Dependencia", department_names or {}),
        "center_id": ("Centro de gestión", center_names or {}),
    }
    parts: list[str] = []
    for key, value in sorted(_joined(detail).items()):
        reader: Callable[[object], str]
        if key in by_id:
            label, known = by_id[key]
            reader = partial(_named, known)
        else:
            label, reader = _FIELDS.get(key, (key, _plain))
        if isinstance(value, tuple) and value and value[0] == "change":
            text = f"{reader(value[1])} → {reader(value[2])}"
        else:
            text = _change_or_value(key, value, reader)
        parts.append(f"{label}: {text}")
    return " · ".join(parts)
