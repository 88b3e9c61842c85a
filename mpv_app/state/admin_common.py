"""What every administration handler does first and last: check the admin, map the answer.

Each admin page has its own substate; these helpers keep their handlers a few lines long.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.services.auth import SessionUser
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.state.auth import login_redirect, require
from mpv_app.state.common import call_service


async def admin_user(state: Any) -> tuple[SessionUser | None, rx.event.EventSpec | None]:
    """The signed-in administrator, or the event that takes anyone else away.

    ``state`` needs an ``access`` var: the page's gate shows 403 or waits on it.
    """
    user, access = await require(state, Role.ADMIN)
    state.access = access
    if user is None:
        return None, login_redirect(state.router.url.path) if access == "login" else None
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


def first_invalid(errors: dict[str, str], order: tuple[str, ...], prefix: str = "") -> str:
    """The id of the first field on screen with a problem, for focus."""
    name = min(errors, key=lambda n: order.index(n) if n in order else len(order))
    return f"f-{prefix}{name}"


def text(form_data: dict[str, Any], name: str) -> str:
    return str(form_data.get(name) or "")


def checked(form_data: dict[str, Any], name: str) -> bool:
    """A native checkbox is in the form data only when ticked."""
    return str(form_data.get(name) or "").lower() in {"on", "true", "1"}


def success(message: str) -> rx.event.EventSpec:
    return rx.toast.success(message, duration=5000)
