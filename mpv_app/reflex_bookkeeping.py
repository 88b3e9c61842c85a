"""A tab's memory: what Reflex keeps per state for every tab, kept only where it is needed.

With the memory state manager every connected tab holds the app's whole state tree, 32
states, and a tab cost ~1.3x the bare floor's memory in ``bench/load.py`` (issue 16). Two
things of Reflex 0.10 filled every tree at its first hydrate (each page load reads every
field of every state), and are left out here:

- Two bookkeeping sets per state, its dirty vars and its dirty substates, 216 bytes each even
  empty: 13.5 KiB of a 35 KiB tree (tracemalloc). A clean state now holds one shared, immutable
  empty set. The slots stay; ``dirty_vars`` and ``dirty_substates`` become properties over them
  that hand every caller a real set: the first read of a clean state's stores a new one, which
  is what Reflex then fills, and when Reflex's ``clean_state`` assigns a new empty set the
  shared one takes its place. A hydrate's ``dict()`` asks each state which vars changed only
  to mark the computed vars depending on them, so a clean state answers "none" without a set.
- A field's default copied into the state's ``__dict__`` at its first read, which grows every
  state's dict: 4 KiB more. Reflex keeps a mutable default as a factory, copied per state, and
  only an immutable one as the field's ``default``; such a value is now read from the field
  until something assigns one (a mutable default is stored as before, so that its changes
  have a place to live).

Reflex may change these internals: ``install`` checks what each part relies on (for the
second, that the two methods it replaces are still word for word the ones it was written
against) and otherwise leaves that part as Reflex has it and logs why; the app then only uses
more memory. ``tests/unit/test_reflex_bookkeeping.py`` proves the behaviour and the saving.
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from collections.abc import Callable, Iterable
from dataclasses import MISSING
from typing import Any

from reflex.state import BaseState
from reflex_base.utils.types import is_mutable_type
from reflex_base.vars import base as reflex_vars

logger = logging.getLogger(__name__)

CLEAN: frozenset[str] = frozenset()
_SLOTS = ("dirty_vars", "dirty_substates")
_MEMBERS: dict[str, Any] = {name: BaseState.__dict__.get(name) for name in _SLOTS}
_installed: tuple[bool, bool] | None = None


def holds_a_set(state: BaseState, name: str) -> bool:
    """Whether ``state`` holds a set of its own in the slot ``name``, without making one."""
    return _MEMBERS[name].__get__(state, BaseState) is not CLEAN


def _made_on_use(slot: Any) -> property:
    """``slot`` (the member descriptor of a ``BaseState`` slot) as a set made on first use."""

    def read(state: BaseState) -> set[str]:
        value = slot.__get__(state, BaseState)
        if value is CLEAN:
            value = set()
            slot.__set__(state, value)
        return value  # type: ignore[no-any-return]

    def write(state: BaseState, value: set[str]) -> None:
        slot.__set__(state, value if value else CLEAN)

    return property(read, write, doc=f"Reflex's {slot.__name__}, made only when first used.")


def _skipping_clean(mark: Callable[..., None], dirty_vars: Any) -> Callable[..., None]:
    """Reflex's ``_mark_dirty_computed_vars``, told "no vars changed" by a clean state
    instead of reading (and so making) its set of dirty vars."""

    def mark_dirty_computed_vars(
        self: BaseState, var_names: Iterable[str] | None = None, *, invalidate: bool = True
    ) -> None:
        if var_names is None and dirty_vars.__get__(self, BaseState) is CLEAN:
            var_names = ()
        mark(self, var_names, invalidate=invalidate)

    return mark_dirty_computed_vars


def _why_not() -> str | None:
    """What this Reflex lacks of what ``install`` relies on; None when all is there."""
    for name in _SLOTS:
        if type(_MEMBERS[name]).__name__ != "member_descriptor":
            return f"BaseState.{name} is no slot"
    if "_mark_dirty_computed_vars" not in BaseState.__dict__:
        return "BaseState._mark_dirty_computed_vars is gone"
    return None


def _install_sets() -> bool:
    reason = _why_not()
    if reason is not None:
        logger.warning("reflex_bookkeeping: sets left as Reflex has them, %s", reason)
        return False
    mark = BaseState.__dict__["_mark_dirty_computed_vars"]
    for name, slot in _MEMBERS.items():
        setattr(BaseState, name, _made_on_use(slot))
    BaseState._mark_dirty_computed_vars = _skipping_clean(mark, _MEMBERS["dirty_vars"])  # type: ignore[method-assign]
    return True


# sha256 of the source of Reflex 0.10.1's ``Field.__get__`` and ``Field._get_raw``.
_FIELD_READS = {"__get__": "0bbcc884e9b3e028", "_get_raw": "686f93d7944458e0"}


_SCALARS: frozenset[object] = reflex_vars._SCALAR_TYPES


def _kept_apart(value: Any) -> bool:
    """Whether Reflex hands ``value`` out as it is, never wrapped to track changes in place."""
    kind: Any = type(value)
    return kind in _SCALARS or not is_mutable_type(kind)


def _default_of(field: Any, state: Any) -> Any:
    """A field's value on a state that holds none: its default, which is copied in only if
    it is mutable (a plain default stays the field's)."""
    if field.default is not MISSING and _kept_apart(field.default):
        return field.default
    value = state.__dict__[field._name] = field.default_value()
    return value


def _get_raw(self: Any, instance: Any) -> Any:
    """Reflex's ``Field._get_raw`` (the value, never proxied), through ``_default_of``."""
    state = (
        instance
        if type(instance) is self._owner
        else reflex_vars._owner_state(instance, self._owner)
    )
    try:
        return state.__dict__[self._name]
    except KeyError:
        return _default_of(self, state)


def _get(self: Any, instance: Any, owner: Any) -> Any:
    """Reflex's ``Field.__get__``, through ``_default_of``: the Var on the class, the value
    (a mutable one wrapped to track changes in place) on a state. As Reflex's, a read of a
    stored scalar makes no call: every read of every field of every event comes here."""
    if instance is None:
        return self if self._var is None else self._var
    state = (
        instance
        if type(instance) is self._owner
        else reflex_vars._owner_state(instance, self._owner)
    )
    try:
        value = state.__dict__[self._name]
    except KeyError:
        value = _default_of(self, state)
    value_type: Any = type(value)
    if value_type not in _SCALARS and self._tracked and self.is_var and is_mutable_type(value_type):
        return self._proxy(wrapped=value, state=state, field_name=self._name)
    return value


def _install_defaults() -> bool:
    field = reflex_vars.Field
    for name, digest in _FIELD_READS.items():
        try:
            source = inspect.getsource(getattr(field, name))
        except (OSError, TypeError):  # no source shipped: nothing to compare, so no change
            source = ""
        if hashlib.sha256(source.encode()).hexdigest()[:16] != digest:
            logger.warning("reflex_bookkeeping: defaults left as Reflex has them, %s differs", name)
            return False
    field.__get__ = _get  # type: ignore[method-assign]
    field._get_raw = _get_raw  # type: ignore[method-assign]
    return True


def install() -> bool:
    """Both parts, once per process; False (and a log line) for a part Reflex changed."""
    global _installed
    if not _installed:
        _installed = (_install_sets(), _install_defaults())
    return all(_installed)
