"""Accounts and filings for bench/load.py (a helper module, not a bench of its own).

Every simulated browser gets its own account: remitentes with a few filings each, and
reception staff (mesa_partes) with one Registrada filing each to route back and forth. One
argon2 hash is computed and shared by every account, so loading costs no argon2 per row while
each login still verifies a real hash. Rows go in the fast way bench/search.py loads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from search import (
    CORRESPONDENCE_COLUMNS,
    SENDER_COLUMNS,
    USER_COLUMNS,
    PostgresLoader,
    SqliteLoader,
    filing_rows,
    read_catalog,
)
from sqlalchemy.engine import Engine

PASSWORD = "Clave-Segura-2024"
FILINGS_PER_SENDER = 4
# (column index in CORRESPONDENCE_COLUMNS) for the values a journey needs to control
_SENDER, _CENTER, _DEPARTMENT, _STATUS, _KNOWS = 3, 12, 13, 14, 11


@dataclass(frozen=True)
class Account:
    email: str
    role: str  # "remitente" or "mesa_partes"
    filing: str  # a tracking number this account may open (and, for staff, route)


@dataclass(frozen=True)
class Dataset:
    accounts: list[Account]
    route_targets: list[tuple[int, int]]  # (center id, department id) to route between
    subject_terms: list[str]


def _user_rows(prefix: str, count: int, role: str, password_hash: str) -> list[tuple[Any, ...]]:
    when = datetime.now(UTC) - timedelta(days=30)
    return [
        (f"{prefix}{n:05d}@bench.example.pe", password_hash, role, True, when, when)
        for n in range(count)
    ]


def load_accounts(engine: Engine, senders: int, staff: int) -> Dataset:
    """``senders`` remitentes and ``staff`` reception accounts, all with PASSWORD."""
    from mpv_app.services.passwords import hash_password

    sqlite = engine.dialect.name == "sqlite"
    password_hash = hash_password(PASSWORD)
    catalog = read_catalog(engine)
    loader: Any = SqliteLoader(engine.url.database or "") if sqlite else PostgresLoader(engine)
    try:
        loader.load(
            "app_user",
            USER_COLUMNS,
            iter(_user_rows("remitente", senders, "remitente", password_hash)),
        )
        user_ids = loader.ids("app_user")
        when = datetime.now(UTC) - timedelta(days=30)
        people = (
            (
                uid,
                "persona_natural",
                "dni",
                f"{41000000 + n}",
                "Rosa",
                f"Carga {n}",
                None,
                "987654321",
                "Jr. Junín 250",
                when,
            )
            for n, uid in enumerate(user_ids)
        )
        loader.load("sender", SENDER_COLUMNS, people)
        sender_ids = loader.ids("sender")
        total = senders * FILINGS_PER_SENDER + staff
        rows = []
        for n, row in enumerate(filing_rows(catalog, sender_ids, total, sqlite=sqlite)):
            values = list(row)
            values[_SENDER] = sender_ids[n % len(sender_ids)]
            if n >= senders * FILINGS_PER_SENDER:  # staff's: Registrada, in reception
                values[_DEPARTMENT], values[_CENTER] = catalog.reception
                values[_STATUS], values[_KNOWS] = "registered", False
            rows.append(tuple(values))
        loader.load("correspondence", CORRESPONDENCE_COLUMNS, iter(rows))
        loader.load(
            "app_user",
            USER_COLUMNS,
            iter(_user_rows("recepcion", staff, "mesa_partes", password_hash)),
        )
    finally:
        loader.close()
    with engine.connect() as connection:
        numbers = connection.execute(
            sa.text("SELECT sender_id, tracking_number FROM correspondence ORDER BY id")
        ).all()
    own = {}
    for sender_id, number in numbers[: senders * FILINGS_PER_SENDER]:
        own.setdefault(sender_id, number)
    staff_filings = [number for _, number in numbers[senders * FILINGS_PER_SENDER :]]
    accounts = [
        Account(f"remitente{n:05d}@bench.example.pe", "remitente", own[sender_id])
        for n, sender_id in enumerate(sender_ids)
    ]
    accounts += [
        Account(f"recepcion{n:05d}@bench.example.pe", "mesa_partes", staff_filings[n])
        for n in range(staff)
    ]
    targets = [(c, d) for d, c in catalog.destinations if (d, c) != catalog.reception][:2]
    return Dataset(accounts, targets, ["contrato", "factura", "solicitud", "servicio"])
