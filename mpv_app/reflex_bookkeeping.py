"""A tab's memory: Reflex's two bookkeeping sets per state, made only while a state is dirty.

With the memory state manager every connected tab holds the app's whole state tree, 32
states. Reflex 0.10 gives each state two sets, its dirty vars and its dirty substates, at 216
bytes each even when empty, and every hydrate (each page load) reads every state's dirty vars,
so they exist for every state of every tab: 13.5 KiB of a 35 KiB tree (tracemalloc), in a tab
that costs ~1.3x the bare floor's memory in ``bench/load.py`` (issue 16).

Here a clean state holds one shared, immutable empty set instead. The slots stay what they
were; ``dirty_vars`` and ``dirty_substates`` become properties over them that hand every
caller a real set: the first read of a clean state's stores a new one, which is what Reflex
then fills; Reflex's ``clean_state`` assigns a new empty set, and the shared one takes its
place. A hydrate's ``dict()`` asks each state which vars changed only to mark the computed
vars depending on them, so a clean state answers "none" without a set being made for it.

Reflex may change these internals: ``install`` checks what it relies on and, if anything
differs, leaves Reflex as it is and logs why (the app then only uses more memory).
``tests/unit/test_reflex_bookkeeping.py`` proves the behaviour and measures the saving.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from reflex.state import BaseState

logger = logging.getLogger(__name__)

CLEAN: frozenset[str] = frozenset()
_SLOTS = ("dirty_vars", "dirty_substates")
_MEMBERS: dict[str, Any] = {name: BaseState.__dict__.get(name) for name in _SLOTS}
_installed = False


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


def install() -> bool:
    """Make the sets on use, once per process; False (and a log line) when Reflex differs."""
    global _installed
    if _installed:
        return True
    reason = _why_not()
    if reason is not None:
        logger.warning("reflex_bookkeeping: not installed, %s", reason)
        return False
    mark = BaseState.__dict__["_mark_dirty_computed_vars"]
    for name, slot in _MEMBERS.items():
        setattr(BaseState, name, _made_on_use(slot))
    BaseState._mark_dirty_computed_vars = _skipping_clean(mark, _MEMBERS["dirty_vars"])  # type: ignore[method-assign]
    _installed = True
    return True
