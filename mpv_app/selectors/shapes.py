"""Statements built once per shape and run again with other values.

A consulta's select depends on which filters are set (its shape) and on their values. Two
navigations of the same shape differ only in the values, so the statement built for the first
is run again for the second with its own parameters: building a select and SQLAlchemy's cache
key for it cost about 460 of the 1,170 µs a Mis trámites page took to read.

That is only sound if every value a statement carries is a named parameter: a literal left
in it would be run again with the first navigation's value, another sender's id for instance.
So a statement is refused, when it is first built, if it holds any anonymous bound value.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BindParameter

_MAX_SHAPES = 512  # a runaway mix of shapes empties the memo instead of growing it
_BUILT: dict[Hashable, Any] = {}


@dataclass
class Where:
    """Clauses over named parameters, the shape they make, and this navigation's values."""

    clauses: list[Any] = field(default_factory=list)
    shape: list[Hashable] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def param(self, name: str, value: Any, like: Any, *, expanding: bool = False) -> Any:
        """``value`` bound as ``name``, typed as the column ``like`` (a UTC timestamp, say)."""
        if name in self.params and self.params[name] != value:
            raise ValueError(f"parameter {name} bound twice with different values")
        self.params[name] = value
        return sa.bindparam(name, value, type_=like.type, expanding=expanding)

    def add(self, token: Hashable, clause: Any) -> None:
        """``token`` names the clause's structure: the same token, the same named parameters."""
        self.shape.append(token)
        self.clauses.append(clause)

    def key(self, *variant: Hashable) -> tuple[Hashable, ...]:
        return (*self.shape, *variant)


class AnonymousValueError(ValueError):
    """A statement to be run again holds a value that is not a named parameter."""


def built_once(key: Hashable, build: Callable[[], Any]) -> Any:
    """The statement of this shape, built by ``build`` the first time it is asked for."""
    statement = _BUILT.get(key)
    if statement is None:
        statement = build()
        anonymous = [
            element.key
            for element in visitors.iterate(statement)
            if isinstance(element, BindParameter) and element.unique
        ]
        if anonymous:
            raise AnonymousValueError(f"{key!r} holds values that are not named: {anonymous}")
        if len(_BUILT) >= _MAX_SHAPES:
            _BUILT.clear()
        _BUILT[key] = statement
    return statement
