"""What every administration handler does first and last: check the admin, map the answer.

Each admin page has its own substate; these helpers keep their handlers a few lines long, and
``AdminTableMixin`` holds the handlers the table pages (centros, dependencias, tipos, personal)
share: create, Editar in a dialog, Activar/Desactivar.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import reflex as rx

from mpv_app.domain.access import Access
from mpv_app.domain.enums import Role
from mpv_app.domain.search_filters import positive_int
from mpv_app.services.auth import SessionUser
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.state.auth import login_redirect, require
from mpv_app.state.common import call_service, form_dict, form_text
from mpv_app.state.page import GatedPage


async def admin_user(state: Any) -> tuple[SessionUser | None, rx.event.EventSpec | None]:
    """The signed-in administrator, or the event that takes anyone else away.

    ``state`` needs an ``access`` var: the page's gate shows 403 or waits on it.
    """
    user, access = await require(state, Role.ADMIN)
    state.access = access
    if user is None:
        return None, login_redirect(state.router.url.path) if access is Access.LOGIN else None
    return user, None


@dataclass
class Outcome:
    """A service's answer: the value, or the messages to show beside fields or above the form."""

    value: Any = None
    errors: dict[str, str] = field(default_factory=dict)
    message: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.message


async def attempt(func: Callable[..., Any], **kwargs: Any) -> Outcome:
    try:
        return Outcome(value=await call_service(func, **kwargs))
    except FieldErrors as error:
        return Outcome(errors=error.errors)
    except ServiceError as error:
        return Outcome(message=error.message)


async def admin_attempt(
    state: Any, func: Callable[..., Any], **kwargs: Any
) -> tuple[Outcome | None, rx.event.EventSpec | None]:
    """``func`` run as the signed-in administrator (``actor_id`` is theirs): (its outcome,
    None); for anyone else (None, the event that takes them away) and ``func`` never runs."""
    user, leave = await admin_user(state)
    if user is None:
        return None, leave
    return await attempt(func, actor_id=user.user_id, **kwargs), None


def first_invalid(errors: dict[str, str], order: tuple[str, ...], prefix: str = "") -> str:
    """The id of the first field on screen with a problem, for focus."""
    name = min(errors, key=lambda n: order.index(n) if n in order else len(order))
    return f"f-{prefix}{name}"


def text(form_data: dict[str, Any], name: str) -> str:
    """A text field of a submitted form; anything but a dict of strings reads as empty."""
    return form_text(form_data, name)


def checked(form_data: dict[str, Any], name: str) -> bool:
    """A native checkbox is in the form data only when ticked."""
    value = form_dict(form_data).get(name)
    return value is True or str(value or "").lower() in {"on", "true", "1"}


def success(message: str) -> rx.event.EventSpec:
    return rx.toast.success(message, duration=5000)


async def row_answer(
    state: Any, result: Outcome, toast: Callable[[Any], str]
) -> rx.event.EventSpec | None:
    """A row's button answered: its refusal shown above the table, the table read again
    whatever the answer, and on success the toast ``toast(result.value)`` says."""
    state.notice = result.message
    await asyncio.to_thread(state._refresh)
    if not result.ok:
        return None
    return success(toast(result.value))


def form_values(
    form_data: dict[str, Any],
    names: tuple[str, ...],
    *,
    prefix: str = "",
    flags: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """A service's keyword arguments from a form whose fields are named after them."""
    return {
        name: checked(form_data, prefix + name) if name in flags else text(form_data, prefix + name)
        for name in names
    }


@dataclass(frozen=True)
class AdminTable:
    """What differs between the administration tables; ``AdminTableMixin`` does the rest."""

    noun: str  # with its article, for the toasts: "Se creó el centro de gestión X."
    create: Callable[..., Any]
    update: Callable[..., Any]
    set_active: Callable[..., Any]
    id_arg: str  # the services' keyword for the row's id
    create_fields: tuple[str, ...]  # the create form's, top to bottom: focus goes to the first
    edit_fields: tuple[str, ...]  # the dialog's, each named ``edit_`` + the service's keyword
    flags: frozenset[str] = frozenset()  # the checkboxes among those fields
    label: str = "name"  # the saved row's attribute the toasts name
    edit_message_field: str = "name"  # where the dialog shows a refusal that names no field


class AdminTableMixin(GatedPage, mixin=True):
    """An administration table: a create form, Editar in a dialog, Activar/Desactivar per row.

    A page's state is ``class X(AdminTableMixin, rx.State)`` (a class with only mixin bases is
    itself a mixin) and declares only what differs: ``_table``, the ``edit_*`` vars its dialog
    shows, ``_refresh`` (what to re-read) and ``_fill_edit`` (how a row fills the dialog). Rows
    are the page's own frozen dataclass (``domain/rows.py``), declared as ``rows:
    list[ThatRow]``, each with an ``id``; ``load`` is ``GatedPage``'s and every other handler
    re-checks the administrator first.
    """

    _allowed: ClassVar[tuple[Role, ...]] = (Role.ADMIN,)
    rows: list[Any] = []  # each page declares its own row type
    errors: dict[str, str] = {}
    notice: str = ""
    form_key: int = 0
    edit_open: bool = False
    edit_id: str = ""
    edit_errors: dict[str, str] = {}

    _table: ClassVar[AdminTable]

    def _refresh(self) -> None:
        raise NotImplementedError

    def _fill_edit(self, row: Any) -> None:
        raise NotImplementedError

    def _clear_page(self) -> None:
        """What a page keeps beyond the shared vars, cleared whenever it loads."""

    def _open_page(self, user: SessionUser) -> None:
        """Fill the page once the administrator is confirmed."""
        self._refresh()

    def _created(self, result: Outcome) -> str:
        """The toast once a row is created; called on a refusal too, so a page can clear."""
        return f"Se creó {self._table.noun} {self._label(result.value)}." if result.ok else ""

    def _switched(self, value: Any, active: bool) -> str:
        verb = "activó" if active else "desactivó"
        return f"Se {verb} {self._table.noun} {self._label(value)}."

    def _label(self, value: Any) -> str:
        return str(getattr(value, self._table.label))

    def _close(self) -> None:
        self.rows, self.errors, self.notice = [], {}, ""
        self.edit_open = False
        self._clear_page()

    async def _open(self, user: SessionUser) -> None:
        # The reads run in a worker thread: this event holds the state's lock, so nothing
        # else touches these vars meanwhile.
        await asyncio.to_thread(self._open_page, user)

    @rx.event
    async def create(self, form_data: dict[str, Any]) -> Any:
        table = self._table
        values = form_values(form_data, table.create_fields, flags=table.flags)
        result, leave = await admin_attempt(self, table.create, **values)
        if result is None:
            return leave
        self.errors, self.notice = result.errors, result.message
        message = self._created(result)
        if not result.ok:
            errors = result.errors
            return rx.set_focus(first_invalid(errors, table.create_fields)) if errors else None
        self.form_key += 1
        await asyncio.to_thread(self._refresh)
        return success(message)

    @rx.event
    async def start_edit(self, row_id: str) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        row = next((r for r in self.rows if r.id == row_id), None)
        if user is None or row is None:
            return leave
        self.edit_id = row_id
        self._fill_edit(row)
        self.edit_errors, self.edit_open = {}, True
        return None

    @rx.event
    async def set_edit_open(self, value: bool) -> rx.event.EventSpec | None:
        user, leave = await admin_user(self)
        self.edit_open = value is True and user is not None
        return leave

    @rx.event
    async def save_edit(self, form_data: dict[str, Any]) -> Any:
        table = self._table
        values = form_values(form_data, table.edit_fields, prefix="edit_", flags=table.flags)
        ids = {table.id_arg: positive_int(self.edit_id) or 0}
        result, leave = await admin_attempt(self, table.update, **ids, **values)
        if result is None:
            return leave
        message = {table.edit_message_field: result.message} if result.message else {}
        self.edit_errors = result.errors or message
        if not result.ok:
            return None
        self.edit_open = False
        await asyncio.to_thread(self._refresh)
        return success(f"Se actualizó {table.noun} {self._label(result.value)}.")

    @rx.event
    async def set_active(self, row_id: str, active: bool) -> Any:
        table = self._table
        ids = {table.id_arg: positive_int(row_id) or 0}
        result, leave = await admin_attempt(self, table.set_active, **ids, active=active is True)
        if result is None:
            return leave
        return await row_answer(self, result, lambda value: self._switched(value, active))
