"""Operator commands: ``python -m mpv_app.cli seed`` (more join as features land)."""

from __future__ import annotations

import argparse
import sys

from mpv_app.db import session_scope
from mpv_app.services.catalog_seed import seed_catalogs


def _seed(_args: argparse.Namespace) -> int:
    with session_scope() as session:
        result = seed_catalogs(session=session)
    print(
        f"Catálogos: {result.centers_added} centros, {result.departments_added} dependencias, "
        f"{result.document_types_added} tipos añadidos."
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mpv_app.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed", help="load the catalogs (idempotent)").set_defaults(func=_seed)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
