"""Side effects that must wait for a commit: deleting a staging file once its row is gone.

A service registers them with ``after_commit`` inside its transaction; they run only when the
session really commits, and are dropped on rollback. Nothing here ever touches a stored
object: a request path never deletes from the store (see ``services.publishing``). An effect
that fails is logged, never raised: the commit it follows has already happened, and telling
the user their committed filing "failed" would be a lie (the sweep cleans up the leftover).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

logger = logging.getLogger(__name__)
_KEY = "mpv_after_commit"


def after_commit(session: Session, effect: Callable[[], None]) -> None:
    session.info.setdefault(_KEY, []).append(effect)


@event.listens_for(Session, "after_commit")
def _run_effects(session: Session) -> None:
    effects: list[Callable[[], None]] = session.info.pop(_KEY, [])
    for effect in effects:
        try:
            effect()
        except Exception:
            logger.exception("after-commit effect failed; the sweep will clean up")


@event.listens_for(Session, "after_soft_rollback")
def _drop_effects(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_KEY, None)
