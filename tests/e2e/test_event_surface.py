"""Every registered event handler, called over the socket as nobody and as a remitente.

A raw client (tests/e2e/event_client.py) calls all handlers of tests/handler_manifest.toml
with plausible and hostile arguments: another sender's filing number and attachment ids,
negative and huge ids, wrong types, 100 KB strings, a forged ``viewer``. Then: no database row
changed outside the caller's own session, draft and uploads; no delta or event carries the
other sender's data or a download link; the server log has no traceback and no long line.
"""

from __future__ import annotations

import inspect
import re
import sqlite3
import time
import tomllib
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import ROOT
from tests.e2e.event_client import EventClient
from tests.e2e.factories import signed_in_sender
from tests.e2e.filing_steps import file_correspondence, new_page
from tests.e2e.server import RunningApp

MANIFEST = ROOT / "tests" / "handler_manifest.toml"
HUGE = "A" * 100_000
MULTIPART = "multipart/form-data; boundary=b"
BUDGET_S = 300  # the whole sweep, both identities
LOG_LINE_MAX = 2_500  # MPV_LOG_MAX_CHARS (2000) plus the log format's prefix
# Tables a caller may write through its own session (rows of its own user, or new login
# attempts); every other table must be byte-for-byte the same after the sweep.
OWN_ROWS = {"auth_session": "user_id", "filing_draft": "user_id", "staged_upload": "user_id"}
APPEND_ONLY = {"login_attempt", "request_throttle", "audit_log"}


def _handlers() -> dict[str, tuple[str, list[str]]]:
    """Manifest name → (event name, parameter names), from the app's own State tree."""
    from reflex.state import State

    import mpv_app.mpv_app  # noqa: F401

    found: dict[str, tuple[str, list[str]]] = {}

    def walk(cls: Any) -> None:
        for name, handler in cls.event_handlers.items():
            params = list(inspect.signature(handler.fn).parameters)[1:]
            found[f"{cls.__name__}.{name}"] = (f"{cls.get_full_name()}.{name}", params)
        for sub in cls.get_substates():
            walk(sub)

    walk(State)
    listed = tomllib.loads(MANIFEST.read_text())["handlers"]
    assert set(found) == set(listed), "manifest out of date: see test_handler_manifest"
    return found


def _rows(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db) as con:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def _columns(db: Path, table: str) -> list[str]:
    with sqlite3.connect(db) as con:
        return [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]


def _one(db: Path, sql: str, *args: Any) -> Any:
    with sqlite3.connect(db) as con:
        return con.execute(sql, args).fetchone()


@pytest.fixture(scope="module")
def world(
    browser: Browser, app: RunningApp, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A victim with one filing (and its files), and an attacker with an account and nothing."""
    marker = uuid.uuid4().hex[:10].upper()
    victim_page: Page = new_page(browser, app)
    attacker_page: Page = new_page(browser, app)
    try:
        victim = signed_in_sender(victim_page, app)
        folder = tmp_path_factory.mktemp("victim")
        filed = file_correspondence(
            victim_page, folder, f"Asunto secreto {marker}", main_name=f"secreto-{marker}.pdf"
        )
        attacker = signed_in_sender(attacker_page, app)
    finally:
        victim_page.context.close()
        attacker_page.context.close()
    db = app.data_dir / "mpv.db"
    filing_id, victim_id = _one(
        db,
        "SELECT c.id, s.user_id FROM correspondence c JOIN sender s ON s.id = c.sender_id"
        " WHERE c.tracking_number = ?",
        filed.number,
    )
    attachments = [
        r
        for r in sqlite3.connect(db).execute(
            "SELECT id, sha256 FROM attachment WHERE correspondence_id = ?", (filing_id,)
        )
    ]
    attacker_id = _one(db, "SELECT id FROM app_user WHERE email = ?", attacker.email)[0]
    yield {
        "number": filed.number,
        "attachment_ids": [a[0] for a in attachments],
        "secrets": [
            victim.email,
            victim.fields["Nombres"],
            victim.fields["Número de documento"],
            marker,
            *(a[1] for a in attachments),
        ],
        "victim_id": victim_id,
        "attacker": attacker,
        "attacker_id": attacker_id,
    }


def _plausible(param: str, w: dict[str, Any]) -> Any:
    number, file_id = w["number"], str(w["attachment_ids"][0])
    form = {
        "email": f"nadie-{uuid.uuid4().hex[:6]}@ejemplo.pe",
        "password": "Clave-Incorrecta-1",
        "tracking_number": number,
        "numero": number,
        "reason": "Motivo",
        "note": "Nota",
        "department_id": "1",
        "subject": "Asunto",
        "page_count": "٢",
        "document_date": "1800-01-01",
    }
    values: dict[str, Any] = {
        "form_data": form,
        "attachment_id": file_id,
        "upload_id": file_id,
        "row_id": file_id,
        "value": number,
        "field": "subject",
        "page": 2,
        "action": "attend",
        "var_name": "user_role",
        "vars": {"reflex___state____state.mpv_app___state___auth____auth_state.user_role": "admin"},
        "active": True,
        "progress": {"progress": 0.5, "loaded": 10},
        "rejections": [{"file": {"path": "x.exe"}, "errors": []}],
        "kind": "persona_natural",
        "info": "Error: x",
        "component_stack": "x",
    }
    return values.get(param, number)


def _variants(params: list[str], w: dict[str, Any]) -> list[dict[str, Any]]:
    forged = {"user_id": w["victim_id"], "role": "admin", "department_id": 1}
    variants: list[dict[str, Any]] = [
        {p: _plausible(p, w) for p in params},
        {**{p: _plausible(p, w) for p in params}, "viewer": forged},
        {p: str(-1) for p in params},
        {p: 10**20 for p in params},
        {p: None for p in params},
        {p: HUGE for p in params},
        {p: [w["number"], {"viewer": forged}] for p in params},
    ]
    return variants


NEW_TOKEN = re.compile(r'"session_token_rx_state_": "[^"]')


def _router(w: dict[str, Any]) -> dict[str, Any]:
    path = f"/tramites/{w['number']}"
    return {"pathname": path, "asPath": path, "query": {"tracking_number": w["number"]}}


def _login(client: EventClient, names: dict[str, tuple[str, list[str]]], w: dict[str, Any]) -> None:
    form = {"email": w["attacker"].email, "password": w["attacker"].password}
    start = len(client.updates)
    client.call(names["LoginState.submit"][0], {"form_data": form}, _router(w))
    # A handler that yields can answer after the sentinel: wait for the login's own delta, the
    # new session's token (the role is sent only when it changed: not on a second login).
    deadline = time.monotonic() + 20
    while not any(NEW_TOKEN.search(u) for u in client.updates[start:]):
        assert time.monotonic() < deadline, f"attacker login failed: {client.updates[start:]}"
        time.sleep(0.05)


def _sweep(
    client: EventClient,
    names: dict[str, tuple[str, list[str]]],
    w: dict[str, Any],
    *,
    signed_in: bool,
    deadline: float,
) -> int:
    calls = 0
    for key in sorted(names):
        event, params = names[key]
        for payload in _variants(params, w):
            assert time.monotonic() < deadline, f"sweep over its {BUDGET_S} s budget at {key}"
            client.call(event, payload, _router(w))
            calls += 1
            if signed_in and key in {"AuthState.logout", "LoginState.submit"}:
                _login(client, names, w)  # stay the remitente for the rest of the sweep
    return calls


def test_no_handler_gives_a_caller_anothers_data(app: RunningApp, world: dict[str, Any]) -> None:
    names = _handlers()
    sentinel = names["FilingState.fix_page_count"][0]
    db = app.data_dir / "mpv.db"
    log_start = app.log_path.stat().st_size
    before = _rows(db)
    deadline = time.monotonic() + BUDGET_S
    nobody = EventClient(app.base_url, sentinel)
    remitente = EventClient(app.base_url, sentinel)
    try:
        calls = _sweep(nobody, names, world, signed_in=False, deadline=deadline)
        _login(remitente, names, world)
        calls += _sweep(remitente, names, world, signed_in=True, deadline=deadline)
    finally:
        nobody.close()
        remitente.close()
    updates = len(nobody.updates) + len(remitente.updates)
    print(f"\n{len(names)} handlers, {calls} calls, {updates} updates")
    time.sleep(3)  # late answers (yielding handlers, error toasts) and the last log lines

    # 1. No other person's data, and no download link at all (the attacker owns nothing).
    for text in nobody.updates + remitente.updates:
        for secret in world["secrets"]:
            assert secret not in text, f"another sender's data in an update: {text[:300]}"
        assert "/api/archivo/" not in text and "/api/cargo/" not in text, text[:300]

    # 2. No write outside the caller's own rows.
    after = _rows(db)
    attacker = world["attacker_id"]
    for table, rows in after.items():
        old = before.get(table, [])
        if table in OWN_ROWS:
            col = _columns(db, table).index(OWN_ROWS[table])
            assert [r for r in rows if r[col] != attacker] == [
                r for r in old if r[col] != attacker
            ], table
        elif table in APPEND_ONLY:
            assert rows[: len(old)] == old, f"{table}: existing rows changed"
            if table == "audit_log":
                actor = _columns(db, table).index("actor_user_id")
                assert all(r[actor] in (None, attacker) for r in rows[len(old) :]), rows[len(old) :]
        else:
            assert rows == old, f"{table} changed by the sweep"

    # 3. The log: no traceback, no forged or oversized line.
    with app.log_path.open("rb") as handle:
        handle.seek(log_start)
        log = handle.read().decode("utf-8", "replace")
    assert "Traceback" not in log, log[log.find("Traceback") - 500 :][:3000]
    longest = max((len(line) for line in log.splitlines()), default=0)
    assert longest <= LOG_LINE_MAX, f"a log line of {longest} characters"
    assert "[Reflex Backend Exception]" not in log


def _post_upload(
    app: RunningApp, handler: str, token: str = "tab", content_type: str = MULTIPART
) -> int:
    request = urllib.request.Request(
        app.base_url + "/_upload",
        data=b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.pdf"\r\n\r\n'
        b"%PDF-1.4\r\n--b--\r\n",
        method="POST",
        headers={
            "Content-Type": content_type,
            "reflex-client-token": token,
            "reflex-event-handler": handler,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_upload_endpoint_refuses_every_other_handler_with_a_4xx(app: RunningApp) -> None:
    names = _handlers()
    uploads = {"FilingFilesState.upload_main", "FilingFilesState.upload_annexes"}
    uploads |= {
        "FilingActionsState.upload_response",
        "FilingCureState.upload_cure_main",
        "FilingCureState.upload_cure_annexes",
        "CargoCheckState.upload_cargo",
    }
    codes = {
        key: _post_upload(app, event) for key, (event, _) in names.items() if key not in uploads
    }
    codes["(unknown)"] = _post_upload(app, "reflex___state____state.nope")
    codes["(no token)"] = _post_upload(app, names["FilingFilesState.upload_main"][0], token="")
    assert all(400 <= code < 500 for code in codes.values()), {
        k: c for k, c in codes.items() if not 400 <= c < 500
    }
    # Unauthenticated upload to a real upload handler: the handler refuses it, nothing kept.
    main = names["FilingFilesState.upload_main"][0]
    assert _post_upload(app, main) < 500
    assert 400 <= _post_upload(app, main, content_type="multipart/form-data") < 500
    assert 400 <= _post_upload(app, main, content_type="text/plain") < 500


def test_every_response_carries_the_security_headers(app: RunningApp) -> None:
    for path in ("/", "/iniciar-sesion", "/api/salud", "/api/archivo/1?t=x", "/no-existe"):
        try:
            with urllib.request.urlopen(app.base_url + path, timeout=20) as response:
                headers = response.headers
        except urllib.error.HTTPError as error:
            headers = error.headers
        csp = headers.get("Content-Security-Policy", "")
        assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp, (path, csp)
        assert headers.get("X-Frame-Options") == "DENY", path
        assert headers.get("X-Content-Type-Options") == "nosniff", path
        assert headers.get("Referrer-Policy") == "same-origin", path
        # MPV_BASE_URL is http here: no HSTS (it would pin browsers to https on localhost).
        assert headers.get("Strict-Transport-Security") is None, path
