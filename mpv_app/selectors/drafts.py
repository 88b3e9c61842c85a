"""A sender's saved Nueva correspondencia form, read without creating it (that is a write:
``services.drafts.load_draft``), so opening the page is a read in the navigation's one trip."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from mpv_app.models import FilingDraft


def saved_draft(session: Session, user_id: int) -> tuple[dict[str, Any], str] | None:
    """The draft's fields and its submission key; None before the first visit."""
    draft = session.exec(select(FilingDraft).where(FilingDraft.user_id == user_id)).first()
    return (dict(draft.data), draft.submission_key) if draft is not None else None
