"""Where a filing may be derived: anywhere active except where it already is.

The options list and the service (``services/workflow._target_department``, which refuses
with "La correspondencia ya está en esa dependencia") apply the same rule, so the dialog never
offers a choice the service would refuse.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["derivation_choices", "is_derivation_target"]


def is_derivation_target(department_id: int, current_department_id: int | None) -> bool:
    return department_id != current_department_id


def derivation_choices(
    options: Sequence[tuple[str, str]], current_department_id: int | None
) -> list[tuple[str, str]]:
    """``options`` are (id, name) pairs as ``selectors.catalog.department_options`` gives."""
    return [
        (value, name)
        for value, name in options
        if not value.isdigit() or is_derivation_target(int(value), current_department_id)
    ]
