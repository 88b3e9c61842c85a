"""``selectors.shapes``: a statement is built once per shape, and only if it carries no value
that a later run could not replace."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import col

from mpv_app.models import Correspondence
from mpv_app.selectors import shapes
from mpv_app.selectors.shapes import AnonymousValueError, Where, built_once

sender = col(Correspondence.sender_id)  # the column the statements compare


def test_a_shape_is_built_once_and_then_reused() -> None:
    builds: list[int] = []

    def build() -> sa.Select[tuple[int]]:
        builds.append(1)
        return sa.select(col(Correspondence.id)).where(sender == sa.bindparam("sender_id"))

    first = built_once(("test", "reused"), build)
    assert built_once(("test", "reused"), build) is first
    assert builds == [1]


@pytest.mark.parametrize(
    "where",
    [
        sender == 7,  # a literal: the next run would still ask for sender 7
        sender.in_([1, 2]),
        sa.select(col(Correspondence.id)).where(sender == 7).exists(),  # nested in a subquery
    ],
)
def test_a_statement_holding_a_literal_value_is_refused(where: object) -> None:
    statement = sa.select(col(Correspondence.id)).where(where)  # type: ignore[arg-type]
    with pytest.raises(AnonymousValueError, match="not named"):
        built_once(("test", "literal", str(where)), lambda: statement)
    with pytest.raises(AnonymousValueError):  # refused again, never remembered
        built_once(("test", "literal", str(where)), lambda: statement)


def test_a_limit_or_offset_left_literal_is_refused() -> None:
    statement = sa.select(col(Correspondence.id)).limit(20)
    with pytest.raises(AnonymousValueError):
        built_once(("test", "limit"), lambda: statement)


def test_where_binds_each_value_by_name_and_its_shape_by_token() -> None:
    where = Where()
    where.add("sender", sender == where.param("sender_id", 5, sender))
    assert where.params == {"sender_id": 5}
    assert where.key("page") == ("sender", "page")
    where.param("sender_id", 5, sender)  # the same value again is harmless
    with pytest.raises(ValueError, match="bound twice"):
        where.param("sender_id", 6, sender)


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shapes, "_MAX_SHAPES", 3)
    monkeypatch.setattr(shapes, "_BUILT", {})
    for n in range(10):
        built_once(("test", "bounded", n), lambda: sa.select(sa.bindparam("x")))
        assert len(shapes._BUILT) <= 3
