"""Integration fixtures: every test here runs once on SQLite and once on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine
from sqlmodel import Session

from mpv_app.db import make_engine
from mpv_app.domain.enums import Role
from mpv_app.services import staff
from tests.conftest import ROOT, database_for
from tests.factories import STRONG_PASSWORD, unique_email


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    return config


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database_for(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    command.upgrade(alembic_config(database_url), "head")
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture
def seeded(session: Session) -> None:
    from mpv_app.services.catalog_seed import seed_catalogs

    seed_catalogs(session=session)
    session.commit()


@pytest.fixture
def admin_id(session: Session, seeded: None) -> int:
    """An administrator account on the seeded catalogs: the actor of the admin services."""
    created = staff.create_staff(
        session=session, email=unique_email("admin"), role=Role.ADMIN, password=STRONG_PASSWORD
    )
    session.commit()
    assert created.user.id is not None
    return created.user.id
