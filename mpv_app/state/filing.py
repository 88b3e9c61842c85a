"""Nueva correspondencia: the form's state, its server-side draft and the atomic submit."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, ClassVar

import reflex as rx
from sqlmodel import Session

from mpv_app.domain.enums import Role
from mpv_app.domain.search_filters import positive_int
from mpv_app.domain.store_errors import submit_refused
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.models import StagedUpload
from mpv_app.selectors import catalog
from mpv_app.selectors.accounts import sender_profile_rows
from mpv_app.selectors.drafts import saved_draft
from mpv_app.services import drafts, uploads
from mpv_app.services.auth import SessionUser
from mpv_app.services.drafts import TEXT_FIELDS
from mpv_app.services.errors import FieldErrors, ServiceBusy, ServiceError
from mpv_app.services.filing import FilingForm, PageCountMismatch
from mpv_app.services.submission import submit_resolving
from mpv_app.settings import get_settings
from mpv_app.state.auth import require
from mpv_app.state.common import (
    UNAVAILABLE,
    call_service,
    form_dict,
    form_text,
    read_off_loop,
)
from mpv_app.state.downloads import receipt_download
from mpv_app.state.filing_files import FilingFilesState, file_store
from mpv_app.state.page import GatedPage
from mpv_app.state.site import PageRead
from mpv_app.storage.files import StoreFailure

logger = logging.getLogger(__name__)
FIX_FIELDS = "Revise los campos marcados."
MAX_FIELD_CHARS = 4000  # more than any field allows: the services give the field message


@dataclass(frozen=True)
class FormRead:
    """All the page shows, read in the navigation's one trip (``GatedPage._page_read``)."""

    draft: tuple[dict[str, Any], str] | None  # fields and submission key; None: first visit
    profile: list[tuple[str, str]]
    document_types: list[tuple[str, str]]
    centers: list[tuple[str, str]]
    departments: list[tuple[str, str]]
    reception_text: str
    staged: list[StagedUpload]


def _form_read(session: Session, user: SessionUser) -> FormRead:
    draft = saved_draft(session, user.user_id)
    center = positive_int(str(draft[0].get("center_id", ""))) if draft else None
    return FormRead(
        draft=draft,
        profile=sender_profile_rows(session, user.user_id),
        document_types=catalog.document_type_options(session),
        centers=catalog.center_options(session),
        departments=catalog.department_options(session, center) if center else [],
        reception_text=catalog.reception_destination(session),
        staged=uploads.filing_staged(session, user.user_id),
    )


class FilingState(GatedPage, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.SENDER,)
    profile: list[tuple[str, str]] = []
    document_types: list[tuple[str, str]] = []
    centers: list[tuple[str, str]] = []
    departments: list[tuple[str, str]] = []
    reception_text: str = ""
    values: dict[str, str] = {}
    knows_destination: bool = False
    center_id: str = ""
    department_id: str = ""
    errors: dict[str, str] = {}
    form_error: str = ""
    mismatch: str = ""
    submitting: bool = False
    form_key: int = 0
    done_number: str = ""
    done_submitted: str = ""
    done_received: str = ""
    done_destination: str = ""
    _submission_key: str = ""

    def _close(self) -> None:
        self.errors, self.form_error, self.mismatch = {}, "", ""

    def _page_read(self) -> PageRead:
        return _form_read

    async def _opened(self, user: SessionUser, data: FormRead) -> None:
        saved = data.draft
        if saved is None:  # the first visit: the draft and its submission key are created
            draft = await call_service(drafts.load_draft, user_id=user.user_id)
            saved = (dict(draft.data), draft.submission_key)
        values, self._submission_key = saved
        self.values = {k: str(values.get(k, "")) for k in TEXT_FIELDS}
        self.knows_destination = bool(values.get("knows_destination", False))
        self.center_id = str(values.get("center_id", ""))
        self.department_id = str(values.get("department_id", ""))
        self.profile, self.document_types = data.profile, data.document_types
        self.centers, self.departments = data.centers, data.departments
        self.reception_text = data.reception_text
        self.done_number = ""
        files = await self.get_state(FilingFilesState)  # the upload zones open with the form
        files._open_zones(data.staged)

    def _draft_data(self) -> dict[str, Any]:
        return {
            **self.values,
            "knows_destination": self.knows_destination,
            "center_id": self.center_id,
            "department_id": self.department_id,
        }

    async def _save_draft(self) -> None:
        user, _ = await require(self, Role.SENDER)
        if user is None:
            return
        await call_service(drafts.save_draft, user_id=user.user_id, data=self._draft_data())

    def _files_changed(self, *, has_main: bool) -> None:
        if has_main:
            self.errors.pop("main_file", None)
        self.errors.pop("annexes", None)
        if not self.errors and self.form_error == FIX_FIELDS:
            self.form_error = ""

    def _take_invoice(self, number: str, issue_date: str) -> dict[str, Any]:
        """Fill Nº Documento and Fecha Documento from an invoice; returns the draft to save."""
        self.values = {**self.values, "document_number": number, "document_date": issue_date}
        for field in ("document_number", "document_date"):
            self.errors.pop(field, None)
        self.form_key += 1  # remount the fields so they show the new values
        return self._draft_data()

    @rx.event
    async def set_value(self, field: str, value: str) -> None:
        if field in TEXT_FIELDS and isinstance(value, str):
            self.values[field] = value[:MAX_FIELD_CHARS]
            self.errors.pop(field, None)
            await self._save_draft()

    @rx.event
    async def set_knows_destination(self, value: bool) -> None:
        self.knows_destination = value is True
        await self._save_draft()

    @rx.event
    async def choose_center(self, value: str) -> None:
        center = positive_int(value)
        self.center_id, self.department_id = str(center or ""), ""
        self.departments = (
            await read_off_loop(lambda s: catalog.department_options(s, center)) if center else []
        )
        self.errors.pop("center_id", None)
        await self._save_draft()

    @rx.event
    async def choose_department(self, value: str) -> None:
        self.department_id = str(positive_int(value) or "")
        self.errors.pop("department_id", None)
        await self._save_draft()

    @rx.event
    async def download_receipt(self) -> rx.event.EventSpec | None:
        return await receipt_download(self, self.done_number)

    @rx.event
    def close_done(self, _open: bool = False) -> None:
        """The confirmation window closes onto the emptied form, ready for another filing."""
        self.done_number = ""

    @rx.event
    def fix_page_count(self) -> rx.event.EventSpec:
        self.mismatch = ""
        return rx.set_focus("f-page_count")

    @rx.event
    async def submit(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        async for update in self._submit(form_data, confirmed=False):
            yield update

    @rx.event
    async def confirm_and_submit(self):  # type: ignore[no-untyped-def]
        async for update in self._submit({}, confirmed=True):
            yield update

    async def _submit(self, form_data: dict[str, Any], *, confirmed: bool):  # type: ignore[no-untyped-def]
        if self.submitting or self.done_number:  # a second click on a saved form does nothing
            return
        for field in TEXT_FIELDS:
            if field in form_dict(form_data):
                self.values[field] = form_text(form_data, field)[:MAX_FIELD_CHARS]
        self.submitting, self.errors, self.form_error, self.mismatch = True, {}, "", ""
        yield
        user, _ = await require(self, Role.SENDER)
        if user is None:
            self.submitting = False
            self.form_error = "Su sesión expiró. Inicie sesión: sus datos quedaron guardados."
            return
        form = FilingForm(
            **{k: self.values.get(k, "") for k in TEXT_FIELDS},
            knows_destination=self.knows_destination,
            center_id=self.center_id,
            department_id=self.department_id,
            page_count_confirmed=confirmed,
        )
        try:
            result = await submit_resolving(
                user_id=user.user_id,
                form=form,
                submission_key=self._submission_key,
                store=file_store(),
            )
        except PageCountMismatch as mismatch:
            self.mismatch = mismatch.message
        except FieldErrors as error:
            self.errors = error.errors
            self.form_error = FIX_FIELDS
        except ServiceError as error:
            self.form_error = error.message
        except StoreFailure as failure:
            self.form_error = submit_refused(failure.problem)
        except UNAVAILABLE:
            self.form_error = ServiceBusy().message
        except Exception:  # never leave the sender stuck: the draft and files are kept
            logger.exception("submit failed")
            self.form_error = (
                "No se pudo guardar la correspondencia por un problema interno. Sus datos y "
                "archivos se conservan: inténtelo nuevamente en unos minutos."
            )
        else:
            tz = get_settings().tz
            self.done_number = result.tracking_number
            self.done_submitted = format_local(result.submitted_at, tz)
            self.done_received = format_date(result.received_on)
            self.done_destination = result.destination
            self.values, self.center_id, self.department_id = {}, "", ""
            self.form_key += 1
            # The next filing gets a new draft and with it a new submission key.
            draft = await call_service(drafts.load_draft, user_id=user.user_id)
            self._submission_key = draft.submission_key
            self.knows_destination = False
            files = await self.get_state(FilingFilesState)
            await files._show(user.user_id)
        self.submitting = False
