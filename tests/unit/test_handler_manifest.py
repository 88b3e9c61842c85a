"""Every event handler the app registers is deliberate and listed with who may call it.

In Reflex every public method of a State is callable by any browser by name. The manifest
(tests/handler_manifest.toml) is the reviewed list; this test walks the State tree and fails
when a handler appears, disappears or loses its ``@rx.event`` without the manifest saying so.
"""

from __future__ import annotations

import inspect
import tomllib
from collections.abc import Iterator

import pytest

from tests.conftest import ROOT

MANIFEST = ROOT / "tests" / "handler_manifest.toml"
ROLES = {"anyone", "signed_in", "remitente", "mesa_partes", "dependencia", "admin"}
# Ways a handler re-checks the session (directly or through the page's one helper).
SESSION_CHECKS = (
    "require(",
    "require_with(",  # state.auth: the session and the handler's read in one trip
    "resolve_user(",
    "admin_user(",
    "admin_attempt(",  # state.admin_common: admin_user, then the service
    "_viewer(",
    "page_verdict(",  # state.page.GatedPage.load: the session, then the page's roles
    "_export_link(",
    "self._target(",
    "self._run(",
    "self._receive(",
    "_resolve(",
    "_download(",
    "self._save_draft(",
    "self._submit(",
    "self._refresh(",
)
IDENTITY_PARAMS = {"viewer", "user", "user_id", "role", "actor", "actor_id", "scope", "token"}


def _walk(cls: type) -> Iterator[type]:
    yield cls
    for sub in sorted(cls.get_substates(), key=lambda c: c.get_full_name()):  # type: ignore[attr-defined]
        yield from _walk(sub)


@pytest.fixture(scope="module")
def registered() -> dict[str, object]:
    from reflex.state import State

    import mpv_app.mpv_app  # noqa: F401  (builds the app: every State is defined)

    handlers: dict[str, object] = {}
    for cls in _walk(State):
        for name, handler in cls.event_handlers.items():
            key = f"{cls.__name__}.{name}"
            assert key not in handlers, f"two State classes named {cls.__name__}"
            handlers[key] = handler
    return handlers


@pytest.fixture(scope="module")
def manifest() -> dict[str, list[str]]:
    return tomllib.loads(MANIFEST.read_text())["handlers"]


def _ours(handler: object) -> bool:
    return getattr(handler, "fn", None) is not None and handler.fn.__module__.startswith("mpv_app.")  # type: ignore[attr-defined]


def test_registered_handlers_match_the_manifest(registered, manifest) -> None:
    added = sorted(set(registered) - set(manifest))
    removed = sorted(set(manifest) - set(registered))
    assert not added, f"handlers not in {MANIFEST.name} (decide who may call them): {added}"
    assert not removed, f"{MANIFEST.name} lists handlers that are gone: {removed}"


def test_manifest_names_known_roles(manifest) -> None:
    for name, roles in manifest.items():
        assert roles and set(roles) <= ROLES, f"{name}: unknown roles {roles}"
        assert "anyone" not in roles or roles == ["anyone"], f"{name}: anyone plus roles"


def test_each_of_our_handlers_is_decorated(registered) -> None:
    undecorated = [
        name
        for name, handler in registered.items()
        if _ours(handler) and not inspect.getsource(handler.fn).lstrip().startswith("@rx.event")  # type: ignore[attr-defined]
    ]
    unexpected = sorted(undecorated)
    assert not unexpected, f"public methods registered by accident (prefix with _): {unexpected}"


def test_no_handler_takes_identity_from_its_arguments(registered) -> None:
    offenders = [
        f"{name}({param})"
        for name, handler in registered.items()
        if _ours(handler)
        for param in inspect.signature(handler.fn).parameters  # type: ignore[attr-defined]
        if param in IDENTITY_PARAMS
    ]
    assert not offenders, f"identity, role or scope must come from the session: {offenders}"


def test_handlers_for_a_role_recheck_the_session(registered, manifest) -> None:
    unchecked = [
        name
        for name, handler in registered.items()
        if _ours(handler)
        and manifest.get(name, ["anyone"]) != ["anyone"]
        and not any(check in inspect.getsource(handler.fn) for check in SESSION_CHECKS)  # type: ignore[attr-defined]
    ]
    assert not unchecked, f"handlers limited to a role that never check the session: {unchecked}"
