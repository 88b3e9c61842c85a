"""The desk addresses people as «usted»: no tú form in any text the UI, the e-mails or the
cargo show (issue 15: "¿Olvidaste tu contraseña?" on the login page)."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.source_docstrings import docstring_ids

PACKAGE = ROOT / "mpv_app"
SOURCES = [
    *sorted((PACKAGE / "pages").rglob("*.py")),
    *sorted((PACKAGE / "components").rglob("*.py")),
    *sorted((PACKAGE / "state").rglob("*.py")),
    *sorted((PACKAGE / "domain").rglob("*.py")),
    *sorted((PACKAGE / "services").rglob("*.py")),
    *sorted((PACKAGE / "receipts").rglob("*.py")),
    PACKAGE / "mail" / "templates.py",
]
# Words only «tú» uses; imperatives only at the start of a sentence, where «usted» would say
# «Ingrese», «Revise»… («si adjunta un archivo» is usted and stays allowed).
TU_WORDS = re.compile(
    r"\b(tu|tus|tú|ti|contigo|te|olvidaste|ingresaste|registraste|enviaste|puedes|tienes|"
    r"debes|quieres|eres|estás|recibirás|podrás|deberás|tendrás|regístrate|ingrésa|haz)\b",
    re.IGNORECASE,
)
TU_IMPERATIVES = re.compile(
    r"(?:^|[.:;!?¡¿]\s*)(Ingresa|Revisa|Intenta|Verifica|Selecciona|Escribe|Sube|Elige|Completa|"
    r"Recuerda|Usa|Descarga|Confirma|Inicia|Vuelve|Crea)\b"
)


def ui_strings(path: Path) -> Iterator[tuple[int, str]]:
    """Every string literal of a module but its docstrings (f-string pieces included)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skip = docstring_ids(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            yield node.lineno, node.value


def tu_markers(text: str) -> list[str]:
    return [m.group(0) for m in TU_WORDS.finditer(text)] + [
        m.group(1) for m in TU_IMPERATIVES.finditer(text)
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("¿Olvidaste tu contraseña?", ["Olvidaste", "tu"]),
        ("Revisa tus datos e intenta de nuevo.", ["tus", "Revisa"]),
        ("Ingresa a tu cuenta.", ["tu", "Ingresa"]),
        ("¿Olvidó su contraseña?", []),
        ("Revise sus datos e intente de nuevo.", []),
        ("Podrá descargar el archivo de respuesta, si adjunta uno.", []),
    ],
)
def test_markers(text: str, found: list[str]) -> None:
    assert sorted(tu_markers(text)) == sorted(found)


def test_no_tu_form_in_ui_text() -> None:
    hits = [
        f"{path.relative_to(ROOT)}:{line}: {marker!r} in {text[:80]!r}"
        for path in SOURCES
        for line, text in ui_strings(path)
        for marker in tu_markers(text)
    ]
    assert len(SOURCES) > 40, "the scan found too few modules: the paths are wrong"
    assert not hits, "\n".join(hits)
