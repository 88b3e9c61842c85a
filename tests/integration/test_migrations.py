"""The migration chain builds exactly the model, and can be walked down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlmodel import SQLModel

import mpv_app.models  # noqa: F401
from mpv_app.db import make_engine
from mpv_app.search_index import include_name, include_object, is_search_object
from tests.integration.conftest import alembic_config


def _schema_diff(url: str) -> list[object]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            # The subject search structures are built by migration 0003, not by the model.
            opts = {
                "compare_type": True,
                "include_name": include_name,
                "include_object": include_object,
            }
            context = MigrationContext.configure(connection, opts=opts)
            return list(compare_metadata(context, SQLModel.metadata))
    finally:
        engine.dispose()


def _tables(url: str, *, search_objects: bool = False) -> set[str]:
    engine = make_engine(url)
    try:
        names = inspect(engine).get_table_names()
        return {name for name in names if search_objects or not is_search_object(name)}
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade_matches_the_model(database_url: str) -> None:
    config = alembic_config(database_url)
    expected = set(SQLModel.metadata.tables)

    command.upgrade(config, "head")
    assert _tables(database_url) - {"alembic_version"} == expected
    assert _schema_diff(database_url) == []

    command.downgrade(config, "base")
    assert _tables(database_url, search_objects=True) - {"alembic_version"} == set()

    command.upgrade(config, "head")
    assert _tables(database_url) - {"alembic_version"} == expected
    assert _schema_diff(database_url) == []


def test_search_filter_indexes_exist(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")
    engine = make_engine(database_url)
    try:
        indexes = {index["name"] for index in inspect(engine).get_indexes("correspondence")}
    finally:
        engine.dispose()
    assert {
        "ix_correspondence_sender_covering",
        "ix_correspondence_status_received_submitted",
        "ix_correspondence_department_received",
        "ix_correspondence_department_status_submitted",
        "ix_correspondence_status_center_type",
        "ix_correspondence_center_submitted",
        "ix_correspondence_type_submitted",
        "ix_correspondence_submitted_at",
    } <= indexes
