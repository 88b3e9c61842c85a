"""No string literal in mpv_app/ stands for a member of a closed vocabulary: the enum does.

A bare "forbidden", "mesa_partes", "take", "annex" or "filing.take" in the code is a second
spelling of a rule the enum already owns; a typo in one would pass silently. This walks every
module's string constants (docstrings aside) and fails on a value of one of these enums outside
the module that defines it. ``ALLOWED`` lists the few places where the same word means
something else, each with its reason.
"""

from __future__ import annotations

import ast
from enum import StrEnum
from pathlib import Path

from mpv_app.domain.access import Access
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import AttachmentKind, EventAction, Role
from tests.source_docstrings import docstring_ids

ROOT = Path(__file__).resolve().parents[2] / "mpv_app"
VOCABULARIES: dict[type[StrEnum], str] = {
    Access: "domain/access.py",
    AuditAction: "domain/audit.py",
    AttachmentKind: "domain/enums.py",
    EventAction: "domain/enums.py",
    Role: "domain/enums.py",
}
# (module, literal): why the word there is not the enum member.
ALLOWED: dict[tuple[str, str], str] = {
    ("api.py", "ok"): "the health check's JSON answer, not a page verdict",
    ("components/uploads.py", "ok"): "the size meter's level (domain/file_sizes.meter_level)",
    ("domain/file_sizes.py", "ok"): "the size meter's level, not a page verdict",
    ("state/confirm.py", "ok"): "the confirmation page's outcome, its own vocabulary",
    ("pages/auth_pages.py", "ok"): "the confirmation page's outcome, its own vocabulary",
    ("state/confirm.py", "checking"): "the confirmation page's outcome, its own vocabulary",
    ("state/verify.py", "checking"): "the verification page's outcome, its own vocabulary",
    ("pages/verify.py", "checking"): "the verification page's outcome, its own vocabulary",
    ("state/cargo_check.py", "checking"): "the cargo check's outcome, its own vocabulary",
    ("domain/client_refusals.py", "main"): "Zone, the upload zones' own enum, defined there",
    ("domain/client_refusals.py", "annex"): "Zone, the upload zones' own enum, defined there",
    ("domain/client_refusals.py", "response"): "Zone, the upload zones' own enum, defined there",
    ("selectors/inboxes.py", "dependencia"): "Inbox, the inboxes' own enum, defined there",
    ("domain/search_filters.py", "dependencia"): "the consulta's query-string key",
    ("state/filing_search.py", "dependencia"): "the consulta's query-string key",
    ("components/filing_search.py", "dependencia"): "the consulta's form field name",
}


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = docstring_ids(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # pieces of an f-string are not values
            skip.update(id(part) for part in node.values)
        names = [t.id for t in getattr(node, "targets", []) if isinstance(t, ast.Name)]
        if isinstance(node, ast.Assign) and names == ["__all__"]:  # names, not values
            skip.update(id(part) for part in ast.walk(node.value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def _offences() -> list[str]:
    values = {member.value: enum for enum in VOCABULARIES for member in enum}
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        for line, text in _literals(path):
            enum = values.get(text)
            if enum is None or VOCABULARIES[enum] == module or (module, text) in ALLOWED:
                continue
            found.append(f"mpv_app/{module}:{line}: {text!r} is {enum.__name__}({text!r})")
    return found


def test_no_literal_stands_for_an_enum_member() -> None:
    assert _offences() == []


def test_the_scan_finds_a_literal() -> None:
    """The walk itself works: the defining module does spell every value."""
    literals = {text for _, text in _literals(ROOT / "domain" / "enums.py")}
    assert {member.value for member in Role} <= literals
    assert {member.value for member in AuditAction} <= {
        text for _, text in _literals(ROOT / "domain" / "audit.py")
    }


def test_every_allowance_is_still_needed() -> None:
    used = {
        (path.relative_to(ROOT).as_posix(), text)
        for path in ROOT.rglob("*.py")
        for _, text in _literals(path)
    }
    assert set(ALLOWED) <= used, set(ALLOWED) - used
