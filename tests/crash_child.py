"""A sender that never stops filing: uploads a main PDF and an annex, submits, again and again.

Run by ``tests/integration/test_crash_submit.py``, which kills it with SIGKILL at chosen
moments. Prints one line per phase (flushed) so the parent knows where it is killing it.
Usage: ``python -m tests.crash_child DATABASE_URL STORE_ROOT USER_ID``.
"""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from pathlib import Path


def say(phase: str) -> None:
    print(phase, flush=True)


async def main(url: str, root: str, user_id: int) -> None:
    from mpv_app.db import make_engine
    from mpv_app.domain.enums import AttachmentKind
    from mpv_app.services.submission import submit_resolving
    from mpv_app.services.uploads import accept_upload
    from mpv_app.storage.files import FileStore
    from tests.factories import filing_form, pdf_bytes, upload_chunks

    engine = make_engine(url)
    store = FileStore(Path(root))
    from sqlmodel import Session

    with Session(engine) as session:
        form = filing_form(session)
    shared_annex = b"<?xml version='1.0'?><anexo>igual en todas</anexo>"  # shared by hash
    say("ready")
    while True:
        label = uuid.uuid4().hex[:8]
        # Incompressible padding makes the upload slow enough to be killed mid-write. It
        # holds no "%": pypdf takes a last line ending in "%" for a cut-off %%EOF and the
        # file would be refused as damaged (about 1 upload in 200 before this).
        padding = os.urandom(96 * 1024).replace(b"%", b"-")
        main = pdf_bytes(3, f"Carta {label}") + padding
        say("upload-main")
        outcome = await accept_upload(
            chunks=upload_chunks("carta.pdf", main),
            user_id=user_id,
            kind=AttachmentKind.MAIN,
            store=store,
            engine=engine,
        )
        assert not outcome.messages, outcome.messages
        say("upload-annex")
        await accept_upload(
            chunks=upload_chunks("datos.xml", shared_annex),
            user_id=user_id,
            kind=AttachmentKind.ANNEX,
            store=store,
            engine=engine,
        )
        say("submit")
        await submit_resolving(
            user_id=user_id, form=form, submission_key=label, store=store, engine=engine
        )
        say("done")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
