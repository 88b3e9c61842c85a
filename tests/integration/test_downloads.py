"""Download routes: signed, short-lived, owner-checked; "not yours" looks like "not there"."""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlmodel import Session, select
from starlette.testclient import TestClient

from mpv_app import db, routes
from mpv_app.api import build_api
from mpv_app.models import Attachment
from mpv_app.services.filing import submit_filing
from mpv_app.settings import get_settings
from mpv_app.storage import links
from mpv_app.storage.files import FileStore
from mpv_app.storage.links import sign
from tests.factories import (
    filing_form,
    link_grant,
    pdf_bytes,
    sender_without_password,
    stage_bytes,
)


def _attachment(session: Session) -> Attachment:
    """Read, then end the transaction: on SQLite an open one holds the write lock."""
    attachment = session.exec(select(Attachment)).one()
    session.commit()
    return attachment


@pytest.fixture
def client(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The API bound to this test's database and store, as the running app would be."""
    monkeypatch.setenv("MPV_DATABASE_URL", database_url)
    monkeypatch.setenv("MPV_STORAGE_DIR", str(tmp_path / "files"))
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    with TestClient(build_api()) as test_client:
        yield test_client
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()


@pytest.fixture
def filed(session: Session, seeded: None, client: TestClient) -> tuple[int, int, str]:
    """(owner id, stranger id, tracking number) of one committed filing."""
    store = FileStore(get_settings().storage_dir)
    owner, stranger = sender_without_password(session, 1), sender_without_password(session, 2)
    assert owner.id is not None and stranger.id is not None
    stage_bytes(session, store, owner.id, pdf_bytes(3), "carta.pdf")
    result = submit_filing(
        session=session,
        user_id=owner.id,
        form=filing_form(session),
        submission_key="d1",
        store=store,
    )
    session.commit()
    return owner.id, stranger.id, result.tracking_number


def test_owner_downloads_receipt_with_number_and_hashes(
    client: TestClient, filed: tuple[int, int, str], session: Session
) -> None:
    owner, _, number = filed
    response = client.get(
        routes.receipt_download(number, sign(link_grant(owner, "receipt", number)))
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = "".join(text.split())
    attachment = _attachment(session)
    assert number in compact
    assert attachment.sha256 in compact


def test_owner_downloads_the_stored_file(
    client: TestClient, filed: tuple[int, int, str], session: Session
) -> None:
    owner, _, _ = filed
    attachment = _attachment(session)
    assert attachment.id is not None
    response = client.get(
        routes.file_download(attachment.id, sign(link_grant(owner, "file", str(attachment.id))))
    )
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == attachment.sha256
    assert response.headers["x-content-type-options"] == "nosniff"


def test_strangers_get_the_same_404_as_missing_things(
    client: TestClient, filed: tuple[int, int, str], session: Session
) -> None:
    _, stranger, number = filed
    attachment = _attachment(session)
    assert attachment.id is not None
    theirs = client.get(
        routes.receipt_download(number, sign(link_grant(stranger, "receipt", number)))
    )
    missing = client.get(
        routes.receipt_download(
            "MPV-2026-999999", sign(link_grant(stranger, "receipt", "MPV-2026-999999"))
        )
    )
    their_file = client.get(
        routes.file_download(attachment.id, sign(link_grant(stranger, "file", str(attachment.id))))
    )
    assert theirs.status_code == missing.status_code == their_file.status_code == 404
    assert theirs.text == missing.text == their_file.text


def test_tampered_swapped_or_expired_tokens_are_refused(
    client: TestClient, filed: tuple[int, int, str], session: Session
) -> None:
    owner, _, number = filed
    good = sign(link_grant(owner, "receipt", number))
    assert client.get(routes.receipt_download(number, good[:-3] + "abc")).status_code == 404
    attachment = _attachment(session)
    assert attachment.id is not None
    # A receipt token does not open a file, and a token for one filing does not open another.
    assert client.get(routes.file_download(attachment.id, good)).status_code == 404
    assert client.get(routes.receipt_download("MPV-2026-000002", good)).status_code == 404
    time.sleep(1.1)
    assert links.verify(good, max_age=0) is None
