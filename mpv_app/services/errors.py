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
