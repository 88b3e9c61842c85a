"""Read what the app "sent": the .eml files its mail worker writes when no SMTP is set."""

from __future__ import annotations

import email
import re
import time
from email.message import Message
from email.policy import default
from pathlib import Path

LINK_RE = re.compile(r"https?://[^\s\"<>]+")


def _body_text(message: Message) -> str:
    part = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
    return str(part.get_content()) if part is not None else ""


def messages_to(mail_dir: Path, address: str) -> list[Message]:
    found = []
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        if address.lower() in str(message["To"]).lower():
            found.append(message)
    return found


def wait_for_mail(
    mail_dir: Path, address: str, subject_part: str, *, count: int = 1, timeout_s: float = 20
) -> Message:
    """The ``count``-th message to ``address`` whose subject contains ``subject_part``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        matching = [m for m in messages_to(mail_dir, address) if subject_part in str(m["Subject"])]
        if len(matching) >= count:
            return matching[count - 1]
        time.sleep(0.3)
    raise AssertionError(f"no mail #{count} to {address} with {subject_part!r} in {timeout_s}s")


def link_in(message: Message, path_part: str) -> str:
    for link in LINK_RE.findall(_body_text(message)):
        if path_part in link:
            return str(link)
    raise AssertionError(f"no link containing {path_part!r} in:\n{_body_text(message)}")
