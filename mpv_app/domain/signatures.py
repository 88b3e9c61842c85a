"""Digital signatures as the desk judges them: one verdict per signature, one per document.

Pure: ``storage.signatures`` asks pyHanko and fills ``SignatureCheck``; this module says what a
set of checks means for a filing and how to say it in Spanish.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mpv_app.domain.enums import SignatureVerdict
from mpv_app.domain.files import sanitize_filename, signature_required

__all__ = ["SignatureCheck", "document_verdict", "refusal", "signature_lines"]

# When no signature is valid, the document is described by its most telling problem.
_SEVERITY = (SignatureVerdict.ALTERED, SignatureVerdict.EXPIRED, SignatureVerdict.UNTRUSTED)


@dataclass(frozen=True)
class SignatureCheck:
    signer: str
    issuer: str
    serial: str
    signed_at: datetime | None  # as the signer's software reported it
    verdict: SignatureVerdict

    def to_json(self) -> dict[str, str]:
        return {
            "signer": self.signer,
            "issuer": self.issuer,
            "serial": self.serial,
            "signed_at": self.signed_at.isoformat() if self.signed_at else "",
            "verdict": self.verdict.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SignatureCheck:
        signed_at = str(data.get("signed_at") or "")
        return cls(
            signer=str(data.get("signer") or ""),
            issuer=str(data.get("issuer") or ""),
            serial=str(data.get("serial") or ""),
            signed_at=datetime.fromisoformat(signed_at) if signed_at else None,
            verdict=SignatureVerdict(str(data.get("verdict") or SignatureVerdict.UNSIGNED.value)),
        )


def document_verdict(checks: Iterable[SignatureCheck]) -> SignatureVerdict:
    """VALID when at least one signature is valid and trusted; else the worst problem found."""
    verdicts = {check.verdict for check in checks}
    if SignatureVerdict.VALID in verdicts:
        return SignatureVerdict.VALID
    for verdict in _SEVERITY:
        if verdict in verdicts:
            return verdict
    return SignatureVerdict.UNSIGNED


def signature_lines(checks: Sequence[SignatureCheck], tz: ZoneInfo) -> list[str]:
    """ "Firmado digitalmente por Ana Quispe el 01/12/2026 10:00 (válida)", one per signature."""
    lines = []
    for check in checks:
        who = check.signer or "firmante desconocido"
        when = f" el {check.signed_at.astimezone(tz):%d/%m/%Y %H:%M}" if check.signed_at else ""
        lines.append(f"Firmado digitalmente por {who}{when} ({check.verdict.label})")
    return lines


def refusal(name: str, type_name: str, verdict: SignatureVerdict) -> str:
    """Why a type that requires a digital signature refuses this main document."""
    clean = sanitize_filename(name)
    start = f"El tipo «{type_name}» solo se acepta firmado digitalmente: "
    if verdict is SignatureVerdict.ALTERED:
        return (
            start + f"el documento «{clean}» fue modificado después de firmarse, por lo que su "
            "firma digital ya no es válida. Adjunte el documento tal como se firmó."
        )
    if verdict is SignatureVerdict.UNTRUSTED:
        return (
            start + f"la firma de «{clean}» no proviene de un certificado digital emitido por "
            "una entidad de certificación acreditada (IOFE)."
        )
    if verdict is SignatureVerdict.EXPIRED:
        return (
            start + f"el certificado con que se firmó «{clean}» no estaba vigente al momento "
            "de la firma (vencido o aún no válido)."
        )
    return signature_required(name, type_name)
