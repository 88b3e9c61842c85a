"""How the UI, the cargo and the e-mails name one thing the same way everywhere."""

from __future__ import annotations


def destination_label(department: str, center: str) -> str:
    """ "Dependencia — Centro de gestión": a department's name is only unique within its center."""
    return f"{department} — {center}"
