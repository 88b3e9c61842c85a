"""Errors that services raise for the UI to show; messages are final Spanish text."""

from __future__ import annotations


class ServiceError(ValueError):
    """A refusal with one message for the whole form."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class FieldErrors(ValueError):
    """A refusal with one message per field, shown beside each field."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


BUSY = (
    "El servicio está ocupado, intente nuevamente en unos minutos. Lo que usted escribió y "
    "adjuntó se conserva."
)


class ServiceBusy(ServiceError):
    """The database did not answer in time (timeout, lock wait, lost connection)."""

    def __init__(self) -> None:
        super().__init__(BUSY)
