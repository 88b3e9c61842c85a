"""The institution's PAdES signature on every cargo, and the key pair it signs with.

``MPV_CARGO_KEY_FILE`` / ``MPV_CARGO_CERT_FILE`` name the key (PEM, unencrypted) and its
certificate. When they are unset, a self-signed pair for development lives in
``var/cargo_key.pem`` / ``var/cargo_cert.pem``: ``make run`` creates it (``mpv_app.cli
cargo-keys``) and says so, and the first cargo creates it if it is still missing.

The signature covers the whole cargo, including the machine-readable summary in its /Keywords
(``CARGO_MARK`` + JSON of number, code, dates and file hashes) that ``/verificar`` compares
with the record when someone uploads a cargo.
"""

from __future__ import annotations

import io
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from mpv_app.settings import Settings

__all__ = ["CargoIdentity", "cargo_identity", "ensure_dev_pair", "sign_cargo"]

logger = logging.getLogger(__name__)
FIELD = "FirmaPETROPERU"
DEV_KEY, DEV_CERT = "cargo_key.pem", "cargo_cert.pem"


@dataclass(frozen=True)
class CargoIdentity:
    key_file: Path
    cert_file: Path


def ensure_dev_pair(var_dir: Path) -> tuple[CargoIdentity, bool]:
    """The development pair under ``var_dir``, created if missing; True when just created."""
    identity = CargoIdentity(var_dir / DEV_KEY, var_dir / DEV_CERT)
    if identity.key_file.exists() and identity.cert_file.exists():
        return identity, False
    var_dir.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "PETROPERÚ S.A. — Mesa de Partes Virtual"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "PETROPERÚ S.A. (desarrollo)"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
        ]
    )
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(identity.key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key_pem)
    identity.cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    logger.warning(
        "MPV_CARGO_KEY_FILE/MPV_CARGO_CERT_FILE not set: generated a self-signed pair in %s "
        "to sign cargos (development only)",
        var_dir,
    )
    return identity, True


def cargo_identity(settings: Settings) -> CargoIdentity:
    if settings.cargo_key_file and settings.cargo_cert_file:
        return CargoIdentity(Path(settings.cargo_key_file), Path(settings.cargo_cert_file))
    return ensure_dev_pair(settings.var_dir)[0]


def _sign(pdf: bytes, identity: CargoIdentity) -> bytes:
    signer = signers.SimpleSigner.load(str(identity.key_file), str(identity.cert_file))
    if signer is None:
        raise ValueError(f"cannot load the cargo signing key {identity.key_file}")
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        reason="Cargo de recepción de la Mesa de Partes Virtual",
        location="Lima, Perú",
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf)), meta, signer=signer)
    return bytes(out.getvalue())


def sign_cargo(pdf: bytes, settings: Settings) -> bytes:
    """The cargo with the institution's signature over all of it.

    In a thread of its own: pyHanko runs ``asyncio.run``, which cannot nest inside the event
    loop of a request or a lifespan task."""
    identity = cargo_identity(settings)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_sign, pdf, identity).result()
