"""What the server writes when a browser sends something a handler cannot take.

Any browser can call any handler with any arguments, so a handler failing on a wrong type must
not print a traceback or let the client write large or multi-line entries into the log. Every
log record is made one bounded line; handler failures are logged as one line naming the
exception type and where it happened, and the user sees a Spanish message.
"""

import logging
import traceback
import unicodedata
from pathlib import Path
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from mpv_app.settings import get_settings

logger = logging.getLogger("mpv_app.events")
FAILED = "No pudimos procesar su solicitud. Recargue la página e intente nuevamente."
_ROOT = Path(__file__).resolve().parent


def one_line(value: Any, limit: int) -> str:
    """``value`` as text of at most ``limit`` characters, control characters made visible."""
    text = value if isinstance(value, str) else repr(value)
    cut = len(text) > limit
    text = text[:limit]
    out = []
    for char in text:
        if char in "\r\n\t":
            out.append({"\r": "\\r", "\n": "\\n", "\t": " "}[char])
        elif unicodedata.category(char) in {"Cc", "Cf"}:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    line = "".join(out)[:limit]
    return line + f"… ({len(text)}+ caracteres, recortado)" if cut else line


def _where(exception: BaseException) -> str:
    """The innermost frame of our own code (else the innermost), as ``file:line``."""
    frames = traceback.extract_tb(exception.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(_ROOT))]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    return f"{Path(frame.filename).name}:{frame.lineno} ({frame.name})"


# No ``from __future__ import annotations`` here: Reflex evaluates these annotations itself.
def backend_exception_handler(exception: Exception) -> EventSpec:
    """One log line per failed event (no traceback, no client data beyond a short excerpt)."""
    logger.error(
        "Evento rechazado: %s en %s: %s",
        type(exception).__name__,
        _where(exception),
        one_line(str(exception), 200),
    )
    return rx.toast.error(FAILED)


def frontend_exception_handler(exception: Exception) -> None:
    """Errors the browser reports: a client-written text, so short and on one line."""
    logger.warning("Error informado por el navegador: %s", one_line(str(exception), 300))


def install_log_cap() -> None:
    """Every log record of the process becomes one line of at most ``MPV_LOG_MAX_CHARS``."""
    current = logging.getLogRecordFactory()
    if getattr(current, "_mpv_capped", False):
        return
    settings = get_settings()
    limit, tracebacks = settings.log_max_chars, settings.log_tracebacks

    def _factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = current(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed format string must not break logging itself
            message = str(record.msg)
        error = record.exc_info[1] if record.exc_info else None
        if error is not None and not tracebacks:
            # The exception and where it happened, on the same line instead of a traceback.
            message += f" [{type(error).__name__} en {_where(error)}: {str(error)[:200]}]"
            record.exc_info, record.exc_text = None, None
        record.msg, record.args = one_line(message, limit), None
        return record

    _factory._mpv_capped = True  # type: ignore[attr-defined]
    logging.setLogRecordFactory(_factory)
