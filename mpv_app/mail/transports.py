"""How a claimed message leaves the building: an SMTP relay, or ``.eml`` files in development.

A transport either returns (the message was accepted) or raises; the worker turns a raise into
a retry. Transports know nothing about the database.
"""

from __future__ import annotations

import os
import re
import ssl
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime
from pathlib import Path
from smtplib import SMTP_SSL
from typing import Any, Protocol
from urllib.parse import parse_qs, unquote, urlsplit

from emails.backend.smtp.backend import SMTPBackend
from emails.backend.smtp.client import SMTPClientWithResponse, SMTPClientWithResponse_SSL
from emails.message import html as html_message

from mpv_app.dbtypes import utcnow
from mpv_app.domain import hygiene
from mpv_app.settings import Settings

MESSAGE_ID_DOMAIN = "mpv.petroperu.com.pe"


@dataclass(frozen=True)
class MailFile:
    """One attachment, already rendered."""

    filename: str
    content: bytes = field(repr=False)
    mime_type: str = "application/pdf"


class Transport(Protocol):
    def send(
        self,
        *,
        to: str,
        subject: str,
        text: str,
        html: str,
        message_id: str,
        attachments: Sequence[MailFile] = (),
    ) -> None:
        """Deliver one message or raise: returning means the server accepted it."""


def _headers(to: str, subject: str) -> tuple[str, str]:
    """Checked again at send time: a row written by other code must not inject headers."""
    hygiene.safe_recipient(to)
    return to, hygiene.safe_header(subject)


class _CheckedTransport:
    """What every transport does first: the headers checked again, then ``_deliver``."""

    def send(
        self,
        *,
        to: str,
        subject: str,
        text: str,
        html: str,
        message_id: str,
        attachments: Sequence[MailFile] = (),
    ) -> None:
        to, subject = _headers(to, subject)
        self._deliver(Outgoing(to, subject, text, html, message_id, tuple(attachments)))

    def _deliver(self, mail: Outgoing) -> None:
        raise NotImplementedError


@dataclass(frozen=True)
class Outgoing:
    """One message as a transport delivers it, its headers already checked."""

    to: str
    subject: str
    text: str
    html: str
    message_id: str
    attachments: tuple[MailFile, ...]


class DeliveryError(RuntimeError):
    """The mail server answered, but not with acceptance."""


def message_id_for(outbox_id: int) -> str:
    """Stable per row, so a resend after a crash carries the same Message-ID as the first try."""
    return f"<outbox-{outbox_id}@{MESSAGE_ID_DOMAIN}>"


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    ssl: bool = False
    starttls: bool = False
    user: str | None = None
    password: str | None = field(default=None, repr=False)  # never in a log line
    timeout: float = 30.0
    cafile: str | None = None


def parse_smtp_url(url: str) -> SmtpConfig:
    """``smtp://user:pass@host:port?starttls=1&timeout=30&cafile=/ca.pem`` or ``smtps://…``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"smtp", "smtps"} or not parts.hostname:
        raise ValueError("MPV_SMTP_URL must look like smtp://host:port or smtps://host:port")
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    starttls = query.get("starttls", "0").lower() in {"1", "true", "yes", "on"}
    if scheme == "smtps" and starttls:
        raise ValueError("smtps:// is already TLS; starttls applies to smtp:// only")
    default_port = 465 if scheme == "smtps" else 587 if starttls else 25
    return SmtpConfig(
        host=parts.hostname,
        port=parts.port or default_port,
        ssl=scheme == "smtps",
        starttls=starttls,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        timeout=float(query.get("timeout", "30")),
        cafile=query.get("cafile") or None,
    )


class _VerifiedClient(SMTPClientWithResponse):
    # emails calls starttls() without a context, i.e. without checking the certificate.
    def __init__(self, *, context: ssl.SSLContext, **kwargs: Any) -> None:
        self._verified_context = context
        super().__init__(**kwargs)  # type: ignore[no-untyped-call]

    def starttls(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        return super().starttls(context=self._verified_context)


class _VerifiedSSLClient(SMTPClientWithResponse_SSL):
    # emails connects twice here, both times without checking the certificate.
    def __init__(self, *, context: ssl.SSLContext, **kwargs: Any) -> None:
        # No host: this only installs the context; SMTPClientWithResponse then connects once.
        SMTP_SSL.__init__(
            self,
            local_hostname=kwargs.get("local_hostname"),
            timeout=kwargs.get("timeout", SMTPBackend.DEFAULT_SOCKET_TIMEOUT),
            context=context,
        )
        SMTPClientWithResponse.__init__(self, **kwargs)  # type: ignore[no-untyped-call]


class _VerifiedBackend(SMTPBackend):
    connection_cls = _VerifiedClient  # type: ignore[assignment]
    connection_ssl_cls = _VerifiedSSLClient  # type: ignore[assignment]


class SmtpTransport(_CheckedTransport):
    """Sends through an SMTP relay with ``emails``; TLS certificates are always verified."""

    def __init__(self, smtp_url: str, mail_from: str) -> None:
        self.config = parse_smtp_url(smtp_url)
        self.mail_from = mail_from

    def _backend(self) -> SMTPBackend:
        config = self.config
        options: dict[str, Any] = {
            "host": config.host,
            "port": config.port,
            "ssl": config.ssl,
            "tls": config.starttls,
            "timeout": config.timeout,
            "context": ssl.create_default_context(cafile=config.cafile),
            "fail_silently": False,
        }
        if config.user:
            options.update(user=config.user, password=config.password or "")
        return _VerifiedBackend(**options)

    def _deliver(self, mail: Outgoing) -> None:
        message = html_message(
            html=mail.html,
            text=mail.text,
            subject=mail.subject,
            mail_from=self.mail_from,
            message_id=mail.message_id,
        )
        for item in mail.attachments:
            message.attach(
                data=item.content,
                filename=item.filename,
                mime_type=item.mime_type,
                content_disposition="attachment",
            )
        # A backend of our own rather than smtp={...}: emails would cache it and leave the
        # connection open; this way there is one connection per message, always closed.
        with self._backend() as backend:
            response = message.send(to=mail.to, smtp=backend)
        if response is None or not response.success:
            error = getattr(response, "error", None)
            code = getattr(response, "status_code", None)
            detail = getattr(response, "status_text", None) or b""
            raise DeliveryError(
                str(error) if error else f"SMTP {code}: {detail.decode(errors='replace')}"
            )

    def __repr__(self) -> str:
        return f"SmtpTransport({self.config!r})"


class FileTransport(_CheckedTransport):
    """The development "server": one ``.eml`` per message, readable in any mail client."""

    def __init__(self, mail_dir: Path, mail_from: str) -> None:
        self.mail_dir = Path(mail_dir)
        self.mail_from = mail_from

    def _deliver(self, mail: Outgoing) -> None:
        sent_at = utcnow()
        message = EmailMessage()
        message["From"] = self.mail_from
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = format_datetime(sent_at)
        message["Message-ID"] = mail.message_id
        message.set_content(mail.text)
        message.add_alternative(mail.html, subtype="html")
        for item in mail.attachments:
            maintype, subtype = item.mime_type.split("/", 1)
            message.add_attachment(
                item.content, maintype=maintype, subtype=subtype, filename=item.filename
            )
        match = re.fullmatch(r"<outbox-(\d+)@.*>", mail.message_id)
        key = match.group(1) if match else re.sub(r"[^A-Za-z0-9]+", "_", mail.message_id).strip("_")
        name = f"{sent_at:%Y%m%dT%H%M%S%fZ}-{key}.eml"
        self.mail_dir.mkdir(parents=True, exist_ok=True)
        # Write then rename: a reader never sees half a message, even after a crash.
        fd, tmp = tempfile.mkstemp(dir=self.mail_dir, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(message.as_bytes(policy=SMTP_POLICY))  # CRLF, as RFC 5322 says
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.mail_dir / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __repr__(self) -> str:
        return f"FileTransport({str(self.mail_dir)!r})"


def transport_from_settings(settings: Settings) -> Transport:
    """SMTP when ``MPV_SMTP_URL`` is set, otherwise ``.eml`` files under ``MPV_MAIL_DIR``."""
    if settings.smtp_url.strip():
        return SmtpTransport(settings.smtp_url.strip(), settings.mail_from)
    return FileTransport(settings.mail_dir, settings.mail_from)
