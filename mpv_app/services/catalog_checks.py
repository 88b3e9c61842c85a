"""Field checks shared by the catalog services: code and name rules, uniqueness."""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, func, select

from mpv_app.domain import hygiene
from mpv_app.services.errors import FieldErrors

CODE_MAX = 40
CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
MSG_CODE_EMPTY = "Ingrese el código."
MSG_CODE_FORMAT = f"El código admite hasta {CODE_MAX} caracteres: letras sin tilde, números, - y _."
MSG_NAME_EMPTY = "Ingrese el nombre."


def clean_code(value: str | None) -> str:
    """Codes are upper-case identifiers: ``op-td `` and ``OP-TD`` are the same code."""
    code = (value or "").strip().upper()
    if not code:
        raise FieldErrors({"code": MSG_CODE_EMPTY})
    if len(code) > CODE_MAX or not CODE_RE.fullmatch(code):
        raise FieldErrors({"code": MSG_CODE_FORMAT})
    return code


def clean_name(value: str | None, max_length: int) -> str:
    try:
        name = " ".join(hygiene.clean_text(value or "", label="El nombre").split())
    except hygiene.HygieneError as error:
        raise FieldErrors({"name": error.message}) from error
    if not name:
        raise FieldErrors({"name": MSG_NAME_EMPTY})
    if len(name) > max_length:
        raise FieldErrors({"name": f"El nombre admite como máximo {max_length} caracteres."})
    return name


def collect(*checks: Any) -> None:
    """Run every field check and report all failures together, not only the first."""
    errors: dict[str, str] = {}
    for check in checks:
        try:
            check()
        except FieldErrors as error:
            errors.update(error.errors)
    if errors:
        raise FieldErrors(errors)


def exists(session: Session, model: Any, *where: Any, exclude_id: int | None = None) -> bool:
    query = select(model.id).where(*where)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return session.exec(query).first() is not None


def same_text(column: Any, value: str) -> Any:
    return func.lower(column) == value.lower()


def refuse_taken(
    session: Session,
    model: Any,
    *,
    code: str | None,
    name: str,
    exclude_id: int | None,
    messages: tuple[str, str],
    scope: tuple[Any, ...] = (),
) -> None:
    """Codes are unique everywhere; names case-insensitively within ``scope``."""
    errors: dict[str, str] = {}
    if code is not None and exists(session, model, model.code == code):
        errors["code"] = messages[0]
    if exists(session, model, same_text(model.name, name), *scope, exclude_id=exclude_id):
        errors["name"] = messages[1]
    if errors:
        raise FieldErrors(errors)
