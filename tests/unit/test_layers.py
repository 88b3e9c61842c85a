"""No layer imports one above it (docs/architecture.md): checked on the source, every build.

domain ← selectors ← services ← state ← pages, with components beside pages (pure functions
of vars and handlers). Storage, mail and receipts sit under the services; they never reach up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "mpv_app"
# layer → the top-level packages of mpv_app it must never import
FORBIDDEN: dict[str, set[str]] = {
    "domain": {
        "selectors",
        "services",
        "state",
        "pages",
        "components",
        "storage",
        "mail",
        "receipts",
        "models",
        "db",
        "api",
        "api_exports",
        "mpv_app",
        "settings",
    },
    "selectors": {"services", "state", "pages", "components", "api", "api_exports"},
    "services": {"state", "pages", "components", "api", "api_exports"},
    "storage": {"services", "state", "pages", "components", "selectors"},
    "mail": {"services", "state", "pages", "components"},
    "receipts": {"services", "state", "pages", "components"},
    "components": {"state", "pages", "services", "selectors", "models", "db"},
    "state": {"pages", "components"},
}


def _imports(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _violations(layer: str) -> list[str]:
    bad = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for line, module in _imports(path):
            parts = module.split(".")
            if parts[0] != "mpv_app" or len(parts) < 2:
                continue
            if parts[1] in FORBIDDEN[layer]:
                bad.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_layer_imports_one_above_it(layer: str) -> None:
    assert not _violations(layer)


def test_the_checker_sees_a_back_edge(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from mpv_app.services.auth import SessionUser\nimport mpv_app.state.x\n")
    assert [m for _, m in _imports(sample)] == ["mpv_app.services.auth", "mpv_app.state.x"]
