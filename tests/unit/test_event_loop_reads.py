"""No handler runs a synchronous query on the event loop (issue 16).

A ``read(...)`` called straight from a handler blocks every tab this process serves until the
database answers. In ``state/`` a query goes through ``read_off_loop`` (or ``call_service``);
the only direct calls allowed are inside the admin pages' ``_refresh`` / ``_open_page``, which
their callers run with ``asyncio.to_thread`` (checked below too).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

STATE = ROOT / "mpv_app" / "state"
RUN_IN_A_THREAD = {"_refresh", "_open_page"}


def _functions(tree: ast.AST) -> list[ast.FunctionDef | ast.AsyncFunctionDef]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]


def _direct_reads(path: Path) -> list[str]:
    found = []
    for fn in _functions(ast.parse(path.read_text())):
        if fn.name in RUN_IN_A_THREAD or fn.name == "read_off_loop":
            continue
        for node in ast.walk(fn):
            call = node if isinstance(node, ast.Call) else None
            if call is not None and isinstance(call.func, ast.Name) and call.func.id == "read":
                found.append(f"{path.name}:{node.lineno} in {fn.name}")
    return found


def _thread_only_helpers_called_on_the_loop(path: Path) -> list[str]:
    found = []
    for fn in _functions(ast.parse(path.read_text())):
        if not isinstance(fn, ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            call = node.value if isinstance(node, ast.Expr) else None
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr in RUN_IN_A_THREAD
            ):
                found.append(f"{path.name}:{node.lineno} in {fn.name}")
    return found


def test_state_handlers_never_query_on_the_event_loop() -> None:
    direct = [hit for path in sorted(STATE.glob("*.py")) for hit in _direct_reads(path)]
    assert direct == [], "use read_off_loop: " + ", ".join(direct)


def test_thread_only_helpers_are_run_in_a_thread() -> None:
    on_loop = [
        hit
        for path in sorted(STATE.glob("*.py"))
        for hit in _thread_only_helpers_called_on_the_loop(path)
    ]
    assert on_loop == [], "wrap in asyncio.to_thread: " + ", ".join(on_loop)


def _coroutines_given_to_a_thread(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    coroutines = {fn.name for fn in _functions(tree) if isinstance(fn, ast.AsyncFunctionDef)}
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "to_thread"
            and node.args
            and isinstance(node.args[0], ast.Attribute)
            and node.args[0].attr in coroutines
        ):
            found.append(f"{path.name}:{node.lineno} {node.args[0].attr}")
    return found


def test_no_coroutine_is_handed_to_a_thread() -> None:
    """``asyncio.to_thread(self._async_helper)`` only makes a coroutine nobody awaits."""
    wrong = [
        hit for path in sorted(STATE.glob("*.py")) for hit in _coroutines_given_to_a_thread(path)
    ]
    assert wrong == [], "await it instead: " + ", ".join(wrong)
