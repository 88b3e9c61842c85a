"""Verify every signature of a PDF with pyHanko against the roots in ``MPV_SIGNATURE_TRUST_DIR``.

For each signature: the signed byte ranges must hash to what was signed and the CMS signature
must verify (else *alterada*, also when a later revision changed more than form fields or
further signatures); the signer's certificate must chain to one of the PEM roots in the trust
directory (else *no confiable*) and be within its validity period at the moment the signature
says it was made (else *vencida*). Nothing is fetched from the network: no AIA, no CRL or OCSP
(revocation is not checked; the accredited CAs' CRLs could be added as files later). An empty or
missing trust directory trusts nobody, never the operating system's store.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis.policy_api import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from mpv_app.domain.enums import SignatureVerdict
from mpv_app.domain.signatures import SignatureCheck

__all__ = ["certificates_in", "load_trust_roots", "verify_pdf"]

logger = logging.getLogger(__name__)
_ACCEPTABLE_CHANGES = frozenset(
    {ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING}
)
_ROOT_SUFFIXES = (".pem", ".crt", ".cer")


def _fingerprint(trust_dir: Path) -> tuple[tuple[str, int, int], ...]:
    if not trust_dir.is_dir():
        return ()
    return tuple(
        sorted(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size)
            for p in trust_dir.iterdir()
            if p.suffix.lower() in _ROOT_SUFFIXES and p.is_file()
        )
    )


def certificates_in(path: Path) -> tuple[Any, ...]:
    """The certificates of one PEM (one or several) or DER file; () when it holds none."""
    try:
        data = path.read_bytes()
        certs = (
            x509.load_pem_x509_certificates(data)
            if b"-----BEGIN" in data
            else [x509.load_der_x509_certificate(data)]
        )
    except (OSError, ValueError):
        logger.warning("%s is not a readable certificate file; ignored", path)
        return ()
    return tuple(asn1_x509.Certificate.load(c.public_bytes(Encoding.DER)) for c in certs)


@lru_cache(maxsize=8)
def _roots(trust_dir: Path, _fingerprint: tuple[tuple[str, int, int], ...]) -> tuple[Any, ...]:
    return tuple(cert for name, *_ in _fingerprint for cert in certificates_in(trust_dir / name))


def load_trust_roots(trust_dir: Path) -> tuple[Any, ...]:
    """The accredited roots, re-read whenever a file in the directory changes."""
    return _roots(Path(trust_dir), _fingerprint(Path(trust_dir)))


def _name(cert: Any, field: str) -> str:
    try:
        value = getattr(cert, field).native
        return str(value.get("common_name") or getattr(cert, field).human_friendly)
    except Exception:  # a certificate without names is still a certificate
        return ""


def _within_validity(cert: Any, moment: datetime) -> bool:
    validity = cert["tbs_certificate"]["validity"]
    return bool(validity["not_before"].native <= moment <= validity["not_after"].native)


def _check(embedded: Any, roots: tuple[Any, ...], now: datetime) -> SignatureCheck:
    cert = embedded.signer_cert
    signed_at = embedded.self_reported_timestamp
    moment = signed_at or now
    context = ValidationContext(
        trust_roots=list(roots), allow_fetching=False, moment=moment, retroactive_revinfo=True
    )
    status = validate_pdf_signature(embedded, context)
    if (
        not (status.intact and status.valid)
        or status.modification_level not in _ACCEPTABLE_CHANGES
        or status.docmdp_ok is False
    ):
        verdict = SignatureVerdict.ALTERED
    elif not _within_validity(cert, moment):
        verdict = SignatureVerdict.EXPIRED
    elif not status.trusted:
        verdict = SignatureVerdict.UNTRUSTED
    else:
        verdict = SignatureVerdict.VALID
    return SignatureCheck(
        signer=_name(cert, "subject"),
        issuer=_name(cert, "issuer"),
        serial=format(cert.serial_number, "X"),
        signed_at=signed_at.astimezone(UTC) if signed_at else None,
        verdict=verdict,
    )


def verify_pdf(
    path: Path, trust_dir: Path, now: datetime | None = None
) -> tuple[SignatureCheck, ...]:
    """One check per filled signature field, in signing order; () when there is none.

    A signature pyHanko cannot validate at all (a hostile or broken signature dictionary) is
    reported as *alterada* rather than skipped: something claims to sign the document.
    """
    roots = load_trust_roots(trust_dir)
    now = now or datetime.now(UTC)
    with path.open("rb") as handle:
        try:
            signatures = PdfFileReader(handle, strict=False).embedded_signatures
        except Exception:
            logger.info("pyHanko could not read %s's signatures", path.name, exc_info=True)
            return ()
        checks = []
        for embedded in signatures:
            try:
                checks.append(_check(embedded, roots, now))
            except Exception:
                logger.info("signature of %s could not be validated", path.name, exc_info=True)
                checks.append(SignatureCheck("", "", "", None, SignatureVerdict.ALTERED))
    return tuple(checks)
