"""A test PKI made in the test (``cryptography``) and real PAdES signatures made with pyHanko.

Nothing here is trusted anywhere but in the trust directory a test writes the root into.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "PE"),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=not ca,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=ca,
        crl_sign=ca,
        encipher_only=False,
        decipher_only=False,
    )


@dataclass(frozen=True)
class Identity:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def key_pem(self) -> bytes:
        return self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )


def make_ca(common_name: str) -> Identity:
    now = datetime.now(UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=3650))
        .not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_usage(ca=True), critical=True)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


def make_signer(
    ca: Identity, common_name: str, *, valid_from: datetime | None = None, days: int = 365
) -> Identity:
    start = valid_from or datetime.now(UTC) - timedelta(days=10)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(ca=False), critical=True)
        .sign(ca.key, hashes.SHA256())
    )
    return Identity(key, cert)


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def sign_pdf(data: bytes, signer: Identity, ca: Identity, *, field: str = "Firma1") -> bytes:
    """A PAdES signature by ``signer`` in a new field, as an incremental update.

    Run in a thread of its own: pyHanko calls ``asyncio.run``, which refuses to run inside
    the event loop Playwright's sync API keeps in the test's thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_sign, data, signer, ca, field).result()


def _sign(data: bytes, signer: Identity, ca: Identity, field: str) -> bytes:
    key = asn1_keys.PrivateKeyInfo.load(
        signer.key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    simple = signers.SimpleSigner(
        signing_cert=_asn1(signer.cert),
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs([_asn1(ca.cert)]),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name=field), signer=simple)
    return bytes(out.getvalue())


def empty_signature_field(data: bytes) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    fields.append_signature_field(writer, fields.SigFieldSpec("FirmaVacia"))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def tamper(signed: bytes) -> bytes:
    """Change one byte inside the signed range (in the first page's content)."""
    index = signed.find(b"stream") + 20
    return signed[:index] + bytes([signed[index] ^ 0x01]) + signed[index + 1 :]


def write_root(trust_dir: Path, ca: Identity, name: str = "raiz.pem") -> Path:
    trust_dir.mkdir(parents=True, exist_ok=True)
    path = trust_dir / name
    path.write_bytes(ca.pem)
    return path
