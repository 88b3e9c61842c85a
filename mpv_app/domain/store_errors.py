"""Why the file store could not take a file, and what the sender is told in each case."""

from __future__ import annotations

import errno
from enum import StrEnum


class StoreProblem(StrEnum):
    NO_SPACE = "no_space"
    NOT_WRITABLE = "not_writable"
    UNAVAILABLE = "unavailable"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @classmethod
    def of(cls, error: OSError) -> StoreProblem:
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return cls.NO_SPACE
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return cls.NOT_WRITABLE
        return cls.UNAVAILABLE


_LABELS = {
    StoreProblem.NO_SPACE: "el servidor no tiene espacio disponible en este momento",
    StoreProblem.NOT_WRITABLE: "el almacén de archivos no acepta escritura en este momento",
    StoreProblem.UNAVAILABLE: "el almacén de archivos no está disponible en este momento",
}


def upload_refused(name: str, problem: StoreProblem) -> str:
    return (
        f"No se pudo recibir «{name}»: {problem.label}. Nada de ese archivo quedó guardado; "
        "inténtelo nuevamente en unos minutos."
    )


def submit_refused(problem: StoreProblem) -> str:
    return (
        f"No se pudo guardar la correspondencia: {problem.label}. Sus datos y archivos se "
        "conservan: inténtelo nuevamente en unos minutos."
    )
