"""Submitting from a request: the outcome is settled before the sender is told anything.

When the commit's outcome is unknown (the connection died around COMMIT, a concurrent submit
of the same form won), the filing is looked up by submission key; files are never removed on
an unknown outcome (only the sweep deletes stored objects).
"""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, col, select

from mpv_app.db import in_thread_transaction
from mpv_app.models import Correspondence, Sender
from mpv_app.services.filing import FilingForm, Submitted, filing_result, submit_filing
from mpv_app.storage.files import FileStore, StoreFailure


def find_submitted(*, session: Session, user_id: int, submission_key: str) -> Submitted | None:
    """The filing this form instance made, if any: how an unknown outcome is resolved."""
    filing = session.exec(
        select(Correspondence)
        .join(Sender, col(Sender.id) == Correspondence.sender_id)
        .where(Sender.user_id == user_id, Correspondence.submission_key == submission_key)
    ).first()
    return None if filing is None else filing_result(session, filing, created=False)


async def submit_resolving(
    *,
    user_id: int,
    form: FilingForm,
    submission_key: str,
    store: FileStore,
    engine: Engine | None = None,
) -> Submitted:
    """Submit in its own transaction; on a database or store failure, ask what happened.

    ``ServiceError`` (bad input) goes straight to the caller. Anything else may have
    committed anyway (the reply to COMMIT lost, a second tab's submit of the same form won):
    if a filing with this submission key exists, that is the answer. Otherwise the original
    error is raised and nothing was filed; staged files and draft are untouched either way.
    A unique constraint lost to another form (the same invoice filed at the same moment) is
    retried once, so the sender gets the field message that names what won.
    """

    async def _submit() -> Submitted:
        return await in_thread_transaction(
            submit_filing,
            engine=engine,
            user_id=user_id,
            form=form,
            submission_key=submission_key,
            store=store,
        )

    try:
        try:
            return await _submit()
        except IntegrityError:
            if await _found(user_id, submission_key, engine) is None:
                return await _submit()
            raise
    except (SQLAlchemyError, StoreFailure, OSError):
        found = await _found(user_id, submission_key, engine)
        if found is None:
            raise
        return found


async def _found(user_id: int, submission_key: str, engine: Engine | None) -> Submitted | None:
    return await in_thread_transaction(
        find_submitted, engine=engine, user_id=user_id, submission_key=submission_key
    )
