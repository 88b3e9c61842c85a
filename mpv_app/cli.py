"""Operator commands.

    python -m mpv_app.cli seed
    python -m mpv_app.cli create-staff --email admin@petroperu.com.pe --role admin
    python -m mpv_app.cli create-staff --email ana@petroperu.com.pe --role dependencia \
        --department OP-LEG
    python -m mpv_app.cli expire-observations
    python -m mpv_app.cli cargo-keys
"""

from __future__ import annotations

import argparse
import os
import sys

from mpv_app.db import session_scope
from mpv_app.domain.enums import Role
from mpv_app.services.catalog_seed import seed_catalogs
from mpv_app.services.errors import ServiceError
from mpv_app.services.staff import STAFF_ROLES, create_staff


def _seed(_args: argparse.Namespace) -> int:
    with session_scope() as session:
        result = seed_catalogs(session=session)
    print(
        f"Catálogos: {result.centers_added} centros, {result.departments_added} dependencias, "
        f"{result.document_types_added} tipos añadidos."
    )
    return 0


def _expire_observations(_args: argparse.Namespace) -> int:
    """What the maintenance task does every few minutes, on demand."""
    from mpv_app.services.observation import expire_overdue
    from mpv_app.settings import get_settings
    from mpv_app.storage.files import FileStore

    with session_scope() as session:
        count = expire_overdue(session=session, store=FileStore(get_settings().storage_dir))
    print(f"Correspondencias que pasaron a No presentada: {count}.")
    return 0


def _cargo_keys(_args: argparse.Namespace) -> int:
    """Say which key signs the cargos; without MPV_CARGO_*_FILE, make the development pair."""
    from mpv_app.receipts.signing import ensure_dev_pair
    from mpv_app.settings import get_settings

    settings = get_settings()
    if settings.cargo_key_file and settings.cargo_cert_file:
        print(f"Los cargos se firman con {settings.cargo_cert_file} (MPV_CARGO_CERT_FILE).")
        return 0
    identity, created = ensure_dev_pair(settings.var_dir)
    state = "Se generó" if created else "Se usa"
    print(
        f"{state} un certificado autofirmado de desarrollo para firmar los cargos: "
        f"{identity.cert_file} y {identity.key_file}. En producción defina MPV_CARGO_KEY_FILE "
        "y MPV_CARGO_CERT_FILE con la clave y el certificado de la institución."
    )
    return 0


def _create_staff(args: argparse.Namespace) -> int:
    # A password on the command line would end up in shell history: take it from the
    # environment when scripted, otherwise email a link to choose one.
    password = os.environ.get("MPV_STAFF_PASSWORD") or None
    try:
        with session_scope() as session:
            created = create_staff(
                session=session,
                email=args.email,
                role=Role(args.role),
                department_code=args.department,
                password=password,
            )
    except ServiceError as error:
        print(f"Error: {error.message}", file=sys.stderr)
        return 1
    print(f"Cuenta creada: {created.user.email} ({created.user.role.value}).")
    if created.set_password_link:
        print("Se envió un enlace para definir la contraseña; también puede usarlo aquí:")
        print(created.set_password_link)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mpv_app.cli")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("seed", help="load the catalogs (idempotent)").set_defaults(func=_seed)
    staff = commands.add_parser(
        "create-staff",
        help="create a staff account (password from MPV_STAFF_PASSWORD, or an emailed link)",
    )
    staff.add_argument("--email", required=True)
    staff.add_argument("--role", required=True, choices=[r.value for r in STAFF_ROLES])
    staff.add_argument("--department", help="department code, required for --role dependencia")
    staff.set_defaults(func=_create_staff)
    commands.add_parser(
        "expire-observations",
        help="observed filings past their subsanación deadline become No presentada",
    ).set_defaults(func=_expire_observations)
    commands.add_parser(
        "cargo-keys", help="show (or create, for development) the key pair that signs cargos"
    ).set_defaults(func=_cargo_keys)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
