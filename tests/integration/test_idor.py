"""Download routes against IDOR, beyond the owner checks of test_downloads.py.

Every refusal is the one 404 a missing id gets: a forged, stretched or stale token, another
sender's filing, another department's, a deactivated account. A sender does get the response
file staff attached to their filing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from httpx import Response
from itsdangerous import URLSafeTimedSerializer
from itsdangerous.timed import TimestampSigner
from sqlmodel import Session, col, select
from starlette.testclient import TestClient

from mpv_app import routes
from mpv_app.domain.enums import AttachmentKind, Role
from mpv_app.models import Attachment, Correspondence, User
from mpv_app.selectors.download_grants import issue
from mpv_app.services import auth, workflow
from mpv_app.services import login as login_service
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from mpv_app.storage.links import LINK_SECONDS, Grant, sign
from tests.factories import (
    STRONG_PASSWORD,
    confirmed_user,
    department,
    filed,
    link_grant,
    pdf_bytes,
    sender_without_password,
    staff_user,
    stage_bytes,
)
from tests.integration.test_downloads import client  # noqa: F401  (the API bound to the test DB)

NOT_FOUND_TEXT = (
    "No encontrado o el enlace de descarga venció. Vuelva a la página y descargue de nuevo."
)


@dataclass
class World:
    store: FileStore
    alice: User
    bob: User
    alice_number: str
    bob_number: str
    alice_file: int
    bob_file: int


def _main_file(session: Session, number: str) -> int:
    file_id = session.exec(
        select(Attachment.id)
        .join(Correspondence, col(Correspondence.id) == Attachment.correspondence_id)
        .where(Correspondence.tracking_number == number)
    ).one()
    session.commit()  # end the read: on SQLite it holds the write lock
    assert file_id is not None
    return file_id


@pytest.fixture
def world(session: Session, seeded: None, client: TestClient) -> World:  # noqa: F811
    store = FileStore(get_settings().storage_dir)
    alice, bob = sender_without_password(session, 1), sender_without_password(session, 2)
    alice_number = filed(session, alice, store).tracking_number
    bob_number = filed(session, bob, store, subject="Carta de Bob").tracking_number
    return World(
        store=store,
        alice=alice,
        bob=bob,
        alice_number=alice_number,
        bob_number=bob_number,
        alice_file=_main_file(session, alice_number),
        bob_file=_main_file(session, bob_number),
    )


def receipt(client: TestClient, user: User, number: str, token: str | None = None) -> Response:  # noqa: F811
    assert user.id is not None
    return client.get(  # type: ignore[no-any-return]
        routes.receipt_download(number, token or sign(link_grant(user.id, "receipt", number)))
    )


def download(client: TestClient, user: User, file_id: int, token: str | None = None) -> Response:  # noqa: F811
    assert user.id is not None
    return client.get(  # type: ignore[no-any-return]
        routes.file_download(file_id, token or sign(link_grant(user.id, "file", str(file_id))))
    )


def assert_not_found(*responses: Response) -> None:
    for response in responses:
        assert response.status_code == 404
        assert response.text == NOT_FOUND_TEXT


def assert_ok(*responses: Response) -> None:
    for response in responses:
        assert response.status_code == 200


def test_own_token_does_not_open_anothers_filing(client: TestClient, world: World) -> None:  # noqa: F811
    assert_ok(receipt(client, world.alice, world.alice_number))
    alice_receipt = sign(link_grant(world.alice.id or 0, "receipt", world.alice_number))
    alice_file = sign(link_grant(world.alice.id or 0, "file", str(world.alice_file)))
    # Alice's valid tokens, pointed at Bob's real number and file id.
    assert_not_found(
        receipt(client, world.alice, world.bob_number, alice_receipt),
        download(client, world.alice, world.bob_file, alice_file),
        # Tokens Alice signs for Bob's things (as a buggy handler might) open nothing either.
        receipt(client, world.alice, world.bob_number),
        download(client, world.alice, world.bob_file),
        # And the missing ids answer exactly the same.
        receipt(client, world.alice, "MPV-2026-999999"),
        download(client, world.alice, world.bob_file + 1000),
    )


def _forge(token: str, user_id: int) -> str:
    """Swap the user id in the payload and keep the old timestamp and signature."""
    payload, stamp, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data[0] = user_id
    raw = json.dumps(data, separators=(",", ":")).encode()
    forged = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{forged}.{stamp}.{signature}"


def test_tampered_and_foreign_key_tokens_are_refused(client: TestClient, world: World) -> None:  # noqa: F811
    assert world.alice.id is not None and world.bob.id is not None
    bob_token = sign(link_grant(world.bob.id, "receipt", world.bob_number))
    assert_ok(receipt(client, world.bob, world.bob_number, bob_token))
    other_key = URLSafeTimedSerializer("not-our-secret", salt="mpv.download")
    other_salt = URLSafeTimedSerializer(get_settings().resolved_secret_key(), salt="other")
    grant = [world.alice.id, "receipt", world.bob_number]
    assert_not_found(
        receipt(client, world.alice, world.bob_number, _forge(bob_token, world.alice.id)),
        receipt(client, world.bob, world.bob_number, bob_token.replace(".", "x", 1)),
        receipt(client, world.bob, world.bob_number, bob_token + "A"),
        receipt(client, world.bob, world.bob_number, str(other_key.dumps(grant))),
        receipt(client, world.bob, world.bob_number, str(other_salt.dumps(grant))),
        receipt(client, world.bob, world.bob_number, "x"),
        client.get(f"/api/cargo/{world.bob_number}"),  # no token at all
        client.get(f"/api/archivo/{world.bob_file}?t="),
    )


def _signed_ago(monkeypatch: pytest.MonkeyPatch, seconds: int, grant: Grant) -> str:
    """A token as if signed ``seconds`` ago: the signer's clock is moved, not the server's."""
    real = TimestampSigner.get_timestamp
    with monkeypatch.context() as patched:
        patched.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - seconds)
        token = sign(grant)
    assert TimestampSigner.get_timestamp is real
    return token


def test_tokens_expire_after_the_link_lifetime(
    client: TestClient,  # noqa: F811
    world: World,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alice = world.alice.id or 0
    fresh = link_grant(alice, "receipt", world.alice_number)
    file_grant = link_grant(alice, "file", str(world.alice_file))
    recent = LINK_SECONDS - 30
    stale = LINK_SECONDS + 5
    assert_ok(
        receipt(client, world.alice, world.alice_number, _signed_ago(monkeypatch, recent, fresh)),
        download(
            client, world.alice, world.alice_file, _signed_ago(monkeypatch, recent, file_grant)
        ),
    )
    assert_not_found(
        receipt(client, world.alice, world.alice_number, _signed_ago(monkeypatch, stale, fresh)),
        download(
            client, world.alice, world.alice_file, _signed_ago(monkeypatch, stale, file_grant)
        ),
    )


def test_a_deactivated_accounts_tokens_stop_working(
    client: TestClient,  # noqa: F811
    world: World,
    session: Session,
) -> None:
    alice = world.alice.id or 0
    receipt_token = sign(link_grant(alice, "receipt", world.alice_number))
    file_token = sign(link_grant(alice, "file", str(world.alice_file)))
    assert_ok(
        receipt(client, world.alice, world.alice_number, receipt_token),
        download(client, world.alice, world.alice_file, file_token),
    )
    world.alice.is_active = False
    session.add(world.alice)
    session.commit()
    assert_not_found(
        receipt(client, world.alice, world.alice_number, receipt_token),
        download(client, world.alice, world.alice_file, file_token),
    )


def test_staff_download_by_department(client: TestClient, world: World, session: Session) -> None:  # noqa: F811
    # Filings without a known destination land in Trámite Documentario (OP-TD).
    reception_dept = staff_user(session, Role.DEPARTMENT, "OP-TD")
    legal = staff_user(session, Role.DEPARTMENT, "OP-LEG")
    clerk = staff_user(session, Role.RECEPTION)
    admin = staff_user(session, Role.ADMIN)
    for user in (reception_dept, clerk, admin):
        assert_ok(
            receipt(client, user, world.alice_number),
            download(client, user, world.alice_file),
        )
    assert_not_found(
        receipt(client, legal, world.alice_number),
        download(client, legal, world.alice_file),
    )
    assert clerk.id is not None
    workflow.route(
        session=session,
        actor_id=clerk.id,
        tracking_number=world.alice_number,
        expected_version=1,
        department_id=department(session, "OP-LEG").id or 0,
    )
    session.commit()
    # Routing moves the right to see with the filing, at once, for tokens already issued too.
    legal_token = sign(link_grant(legal.id or 0, "file", str(world.alice_file)))
    old_token = sign(link_grant(reception_dept.id or 0, "file", str(world.alice_file)))
    assert_ok(
        receipt(client, legal, world.alice_number),
        download(client, legal, world.alice_file, legal_token),
    )
    assert_not_found(
        receipt(client, reception_dept, world.alice_number),
        download(client, reception_dept, world.alice_file, old_token),
        # Bob's filing stayed in OP-TD: Legal still cannot open it.
        download(client, legal, world.bob_file),
    )


def test_sender_downloads_the_response_to_their_filing(
    client: TestClient,  # noqa: F811
    world: World,
    session: Session,
) -> None:
    staff = staff_user(session, Role.DEPARTMENT, "OP-TD")
    assert staff.id is not None
    workflow.take(
        session=session, actor_id=staff.id, tracking_number=world.alice_number, expected_version=1
    )
    session.commit()
    answer = pdf_bytes(1, "Respuesta a la carta")
    stage_bytes(
        session, world.store, staff.id, answer, "respuesta.pdf", kind=AttachmentKind.RESPONSE
    )
    workflow.attend(
        session=session,
        actor_id=staff.id,
        tracking_number=world.alice_number,
        expected_version=2,
        note="Atendido; adjuntamos la respuesta.",
        store=world.store,
    )
    session.commit()
    response_id = session.exec(
        select(Attachment.id).where(Attachment.kind == AttachmentKind.RESPONSE)
    ).one()
    session.commit()
    assert response_id is not None
    got = download(client, world.alice, response_id)
    assert_ok(got)
    assert got.content == answer
    assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(answer).hexdigest()
    assert "respuesta.pdf" in got.headers["content-disposition"]
    assert got.headers["cache-control"] == "private, no-store"
    assert_not_found(download(client, world.bob, response_id))


def test_a_token_opens_only_the_thing_it_names(
    client: TestClient,  # noqa: F811
    world: World,
    session: Session,
) -> None:
    # Reception may see both filings, so only the token's target can refuse the swap.
    clerk = staff_user(session, Role.RECEPTION)
    clerk_id = clerk.id or 0
    alice_receipt = sign(link_grant(clerk_id, "receipt", world.alice_number))
    alice_file = sign(link_grant(clerk_id, "file", str(world.alice_file)))
    assert_ok(
        receipt(client, clerk, world.alice_number, alice_receipt),
        download(client, clerk, world.alice_file, alice_file),
    )
    assert_not_found(
        receipt(client, clerk, world.bob_number, alice_receipt),
        download(client, clerk, world.bob_file, alice_file),
        receipt(client, clerk, world.alice_number, alice_file),
        download(client, clerk, world.alice_file, alice_receipt),
    )


def test_links_end_with_the_session_that_issued_them(
    client: TestClient,  # noqa: F811
    session: Session,
    seeded: None,
) -> None:
    """Logout or expiry ends a link inside its five minutes, cookie or not."""
    store = FileStore(get_settings().storage_dir)
    owner = confirmed_user(session)
    number = filed(session, owner, store).tracking_number
    file_id = _main_file(session, number)
    started = login_service.login(
        session=session, email=owner.email, password=STRONG_PASSWORD, ip_address="192.0.2.9"
    )
    session.commit()
    assert started.user is not None and started.token is not None
    user = started.user

    def links() -> list[Response]:
        receipt_token = issue(
            user_id=user.user_id, session_id=user.session_id, what="receipt", target=number
        )
        file_token = issue(
            user_id=user.user_id, session_id=user.session_id, what="file", target=str(file_id)
        )
        return [
            client.get(routes.receipt_download(number, receipt_token)),
            client.get(routes.file_download(file_id, file_token)),
        ]

    issued = links()
    assert_ok(*issued)
    auth.logout(session=session, token=started.token)
    session.commit()
    assert_not_found(*links())
    assert_not_found(client.get(str(issued[0].url)), client.get(str(issued[1].url)))

    idle = timedelta(minutes=get_settings().session_idle_minutes)
    old = login_service.login(
        session=session,
        email=owner.email,
        password=STRONG_PASSWORD,
        ip_address="192.0.2.9",
        now=datetime.now(UTC) - idle - timedelta(minutes=1),
    )
    session.commit()
    assert old.user is not None
    expired = issue(
        user_id=owner.id or 0, session_id=old.user.session_id, what="receipt", target=number
    )
    assert_not_found(client.get(routes.receipt_download(number, expired)))
