"""Server-side drafts of the filing form: a reload or an expired session loses nothing."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, select

from mpv_app.models import FilingDraft

# The form's typed fields, kept as text; then the destination's choice and its two selects.
TEXT_FIELDS = (
    "subject",
    "document_type_id",
    "document_number",
    "document_date",
    "page_count",
    "notes",
)
DRAFT_FIELDS = (*TEXT_FIELDS, "knows_destination", "center_id", "department_id")


def load_draft(*, session: Session, user_id: int) -> FilingDraft:
    """The user's draft, created empty (with a fresh submission key) when there is none."""
    draft = session.exec(select(FilingDraft).where(FilingDraft.user_id == user_id)).first()
    if draft is None:
        draft = FilingDraft(user_id=user_id, data={}, submission_key=secrets.token_hex(16))
        session.add(draft)
        session.flush()
    return draft


def save_draft(*, session: Session, user_id: int, data: dict[str, Any]) -> None:
    draft = load_draft(session=session, user_id=user_id)
    draft.data = {k: data[k] for k in DRAFT_FIELDS if k in data}
    draft.updated_at = datetime.now(UTC)
    session.add(draft)


def discard_draft(session: Session, user_id: int) -> None:
    draft = session.exec(select(FilingDraft).where(FilingDraft.user_id == user_id)).first()
    if draft is not None:
        session.delete(draft)
