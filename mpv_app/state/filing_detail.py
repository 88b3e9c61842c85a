"""/tramites/<número>: one filing for whoever may see it, with its files and its history."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from mpv_app.domain.access import can_act
from mpv_app.domain.enums import EventAction, Role
from mpv_app.domain.rows import FileRow, TimelineRow
from mpv_app.domain.status import allowed_actions
from mpv_app.selectors.catalog import center_options
from mpv_app.selectors.filing_detail import (
    Viewer,
    filing_fields,
    filing_files,
    filing_timeline,
    observation_panel,
    visible_filing_and_sender,
)
from mpv_app.services.auth import SessionUser
from mpv_app.state.auth import require
from mpv_app.state.common import assign_changed, dialog_call, read_off_loop
from mpv_app.state.downloads import file_download, receipt_download
from mpv_app.state.page import GatedPage, route_param
from mpv_app.state.site import PageRead

SESSION_LOST = "Su sesión expiró. Inicie sesión nuevamente."  # what the page's dialogs say


def _detail_read(session: Session, viewer: Viewer, number: str) -> Any:
    """Everything the page shows of ``number``, or None when ``viewer`` may not see it."""
    found = visible_filing_and_sender(session, viewer, number)
    if found is None:
        return None
    filing, sender = found
    staff = viewer.role is not Role.SENDER
    return (
        filing,
        filing_fields(session, filing, sender),
        filing_files(session, filing),
        filing_timeline(session, filing, with_actor=staff),
        observation_panel(session, filing),  # issue 14
        center_options(session) if staff else [],  # Derivar's first list (cached)
    )


class FilingDetailState(GatedPage, rx.State):
    found: bool = False
    number: str = ""
    status: str = ""
    status_code: str = ""
    version: int = 0
    fields: list[tuple[str, str]] = []
    files: list[FileRow] = []
    timeline: list[TimelineRow] = []
    actions: list[str] = []  # what this viewer may do now: take, attend, reject, route
    is_staff: bool = False
    center_options: list[tuple[str, str]] = []
    # issue 14: an Observada filing's observations, deadline and whether "Subsanar" is open.
    observation: dict[str, str] = {}
    can_cure: bool = False

    def _close(self) -> None:
        self.found = False

    def _requested(self) -> str:
        return route_param(self, "tracking_number").strip().upper()

    def _page_read(self) -> PageRead:
        """The filing in the navigation's one trip, once the session passed (``GatedPage``)."""
        number = self._requested()
        return lambda session, user: _detail_read(session, Viewer.of(user), number)

    async def _opened(self, user: SessionUser, data: Any) -> None:
        self.number = self._requested()
        self.is_staff = user.role is not Role.SENDER
        self._apply(Viewer.of(user), data)

    async def _refresh_view(self) -> None:
        """Re-read everything after an action of this page, for the session's own user.

        Not an event handler (``_``): the viewer always comes from the session, never from an
        argument, so no browser can ask for someone else's filing by naming another viewer.
        """
        user, _ = await require(self)
        if user is None:
            self._clear()
            return
        await self._show(Viewer.of(user))

    def _clear(self) -> None:
        self.found = False
        self.fields, self.files, self.timeline, self.actions = [], [], [], []
        self.observation, self.can_cure = {}, False

    async def _show(self, viewer: Viewer) -> None:
        number = self.number
        self._apply(viewer, await read_off_loop(lambda s: _detail_read(s, viewer, number)))

    def _apply(self, viewer: Viewer, found: Any) -> None:
        if found is None:
            self._clear()
            return
        self.found = True
        filing, self.fields, self.files, self.timeline, self.observation, centers = found
        self.can_cure = viewer.role is Role.SENDER and bool(self.observation.get("open"))
        self.status, self.status_code = filing.status.label, filing.status.value
        self.version = filing.version
        self.actions = sorted(
            action.value
            for action in allowed_actions(
                filing.status,
                observed_before=filing.observed_at is not None,  # issue 14
            )
            if can_act(
                role=viewer.role,
                action=action,
                status=filing.status,
                viewer_department_id=viewer.department_id,
                filing_department_id=filing.department_id,
            )
        )
        if EventAction.ROUTE.value in self.actions:
            assign_changed(self, center_options=centers)

    @rx.event
    async def download_receipt(self) -> rx.event.EventSpec | None:
        return await receipt_download(self, self.number)

    @rx.event
    async def download_file(self, attachment_id: str) -> rx.event.EventSpec | None:
        return await file_download(self, attachment_id)


async def decide(
    state: Any,
    call: Callable[..., Any],
    *,
    done: str,
    close: Callable[[], None],
    refresh_on: type[Exception] | tuple[type[Exception], ...],
    **kwargs: Any,
) -> AsyncIterator[Any]:
    """A dialog's decision on the page's filing, sent with the number and version the page
    showed (a change made meanwhile is refused, never overwritten).

    ``state`` (a dialog's: ``busy``, ``error``, ``field_errors``) is busy while ``call`` runs,
    one update sent first so its button says so. On success ``close()``, the page read again
    and the ``done`` toast; on a refusal of type ``refresh_on`` the page is read again too.
    The handler yields what this yields."""
    detail = await state.get_state(FilingDetailState)
    state.busy, state.error, state.field_errors = True, "", {}
    yield None
    try:
        refusal = await dialog_call(
            state,
            call,
            tracking_number=detail.number,
            expected_version=detail.version,
            **kwargs,
        )
        if refusal is None:
            close()
        if refusal is None or isinstance(refusal, refresh_on):
            await detail._refresh_view()
        if refusal is None:
            yield rx.toast.success(done)
    finally:
        state.busy = False
