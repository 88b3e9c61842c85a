"""Public receipt verification: says whether a code is genuine, and nothing private."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session, select

from mpv_app.domain.enums import Status
from mpv_app.domain.verification import normalize_code
from mpv_app.models import Correspondence


@dataclass(frozen=True)
class VerifiedReceipt:
    tracking_number: str
    submitted_at_utc: datetime
    received_on: date
    status: Status


def find_receipt(session: Session, code: str) -> VerifiedReceipt | None:
    canonical = normalize_code(code)
    if canonical is None:
        return None
    filing = session.exec(
        select(Correspondence).where(Correspondence.verification_code == canonical)
    ).first()
    if filing is None:
        return None
    return VerifiedReceipt(
        filing.tracking_number, filing.submitted_at, filing.received_on, filing.status
    )
