"""What the benches share: temporary settings, a throwaway database per backend, migrations.

Imported as ``common`` (a bench runs as ``python bench/<name>.py``, so this folder is first on
``sys.path``); it imports nothing from ``tests/``. Not a bench itself: ``make bench`` runs every
file here, and this one only says so.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session

ROOT = Path(__file__).resolve().parents[1]
T = TypeVar("T")


class BenchError(RuntimeError):
    """The bench's own setup went wrong: fail loudly rather than print a meaningless number."""


def configure_env(work: Path, database_url: str, **extra: str) -> None:
    """Point the app's settings at temporary paths; must run before mpv_app reads them.

    ``extra`` sets more ``MPV_*`` variables. Cached settings and engine are dropped, so a
    second backend in the same process sees its own database.
    """
    os.environ.update(
        {
            "MPV_DATABASE_URL": database_url,
            "MPV_STORAGE_DIR": str(work / "files"),
            "MPV_VAR_DIR": str(work / "var"),
            "MPV_MAIL_DIR": str(work / "var" / "mail"),
            "MPV_SECRET_KEY": "bench-only-secret-key",
            **extra,
        }
    )
    if "mpv_app.settings" in sys.modules:
        sys.modules["mpv_app.settings"].get_settings.cache_clear()
    if "mpv_app.db" in sys.modules:
        sys.modules["mpv_app.db"].get_engine.cache_clear()


@contextmanager
def database(backend: str, work: Path, server_url: str) -> Iterator[str]:
    """A fresh SQLite file, or a throwaway PostgreSQL database dropped at the end."""
    if backend == "sqlite":
        yield f"sqlite:///{work / 'mpv.db'}"
        return
    url = make_url(server_url)
    name = f"mpv_bench_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        raise BenchError(f"cannot create a bench database on {url!r}: {exc}") from exc
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def migrate_and_seed(url: str) -> Engine:
    """The schema at Alembic's head and the seed catalogs, as ``make migrate seed`` leave them."""
    from alembic import command
    from alembic.config import Config

    from mpv_app.db import make_engine
    from mpv_app.services.catalog_seed import seed_catalogs

    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", url)
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    engine = make_engine(url)
    with Session(engine) as session:
        seed_catalogs(session=session)
        session.commit()
    return engine


def each_backend(prefix: str, bench: Callable[[str, str, Path], T]) -> list[T]:
    """``bench(backend, url, work)`` on SQLite, then on PostgreSQL when
    ``MPV_TEST_DATABASE_URL`` names a server; each in a fresh database and work folder."""
    server_url = os.environ.get("MPV_TEST_DATABASE_URL", "")
    backends = ["sqlite"] + (["postgresql"] if server_url else [])
    results = []
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        for backend in backends:
            work = Path(tmp) / backend
            work.mkdir()
            with database(backend, work, server_url) as url:
                results.append(bench(backend, url, work))
    return results


def finish(started: float) -> int:
    """The closing lines of a bench run; the exit status."""
    if not os.environ.get("MPV_TEST_DATABASE_URL", ""):
        print("(PostgreSQL skipped: MPV_TEST_DATABASE_URL is not set)")
    print(f"bench finished in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    print("bench/common.py only holds what the other benches share: nothing to measure.")
