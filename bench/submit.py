"""What "Guardar correspondencia" and a 20 MB upload cost on the server, against a floor.

Absolute times depend on the machine's disk and CPU, so they are never asserted: each cost is
printed next to a floor measured in the same run with the same bytes, and the ratio is what
tells whether the design adds overhead beyond the unavoidable work.

* submit: ``submit_filing`` + commit (its after-commit hook deletes the staging copies), with
  the files already streamed to staging and inspected (what the server does on the button click);
* upload: ``services.uploads.accept_upload`` fed 64 KiB chunks by an async generator, one
  request for the main PDF and one for the annexes (what the streaming upload handlers call);
* floor: sha256 of all the bytes, writing them to one new file, fsync, and one INSERT plus
  commit in a scratch table of the same database.

Every repetition uses a new sender and new random bytes, so the content-addressed store never
short-circuits on a duplicate. Peak RSS of the upload path is measured in fresh processes: an
upload child against an identical child that only imports the modules and connects to the
database. A streaming design keeps the delta well below the upload's size.

Runs on a temporary SQLite database, and also on a throwaway PostgreSQL database when
``MPV_TEST_DATABASE_URL`` names a server. ``MPV_*`` variables are set before ``mpv_app`` is
imported, so the app's cached settings see the temporary paths.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from common import BenchError, configure_env, each_backend, finish, migrate_and_seed
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

if TYPE_CHECKING:
    from mpv_app.domain.enums import AttachmentKind
    from mpv_app.services.filing import FilingForm
    from mpv_app.storage.files import FileStore

MIB = 1024 * 1024
CHUNK = 64 * 1024  # what the upload handler receives per chunk
LIMIT_MB = 20
FILING_BYTES = LIMIT_MB * MIB - 1024  # just under the per-filing limit
MAIN_PAGES = 3
MAIN_IMAGE_SIDE = 580  # 580 x 580 RGB noise: about 1 MB that no filter can shrink
ANNEXES = 4
REPS = 5
RSS_CHILDREN = 3  # per kind of child; each one is a fresh interpreter
WARMUP = 1  # first pass pays lazy imports, libmagic's database load and statement compiling
CHILD_MODULES = (
    "mpv_app.db",
    "mpv_app.domain.enums",
    "mpv_app.models",
    "mpv_app.services.uploads",
    "mpv_app.settings",
    "mpv_app.storage.files",
    "mpv_app.storage.inspect",
    "mpv_app.storage.intake",
)
SCRATCH = sa.Table(
    "bench_floor",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size_bytes", sa.BigInteger, nullable=False),
)


@dataclass(frozen=True)
class BenchFile:
    name: str
    data: bytes
    main: bool


@dataclass
class Chunk:  # mutable fields: intake.Chunk is a protocol with plain attributes
    filename: str
    offset: int
    data: bytes


@dataclass(frozen=True)
class BackendResult:
    backend: str
    submit: float
    upload: float
    floor: float
    rss_floor_kib: int
    rss_upload_kib: int
    rss_small_kib: int


def new_sender(engine: Engine) -> int:
    """A confirmed sender inserted directly, as tests/factories.py does: no argon2 cost."""
    from mpv_app.domain.enums import IdentityDocType, Role, SenderKind
    from mpv_app.models import Sender, User

    with Session(engine, expire_on_commit=False) as session:
        user = User(
            email=f"bench-{uuid.uuid4().hex[:12]}@example.pe",
            password_hash="!",
            role=Role.SENDER,
            email_confirmed_at=datetime.now(UTC),
        )
        session.add(user)
        session.flush()
        assert user.id is not None
        session.add(
            Sender(
                user_id=user.id,
                kind=SenderKind.NATURAL_PERSON,
                doc_type=IdentityDocType.DNI,
                doc_number="40000000",
                first_names="Rosa",
                last_names="Prueba Bench",
                phone="987654321",
                address="Av. Canaval y Moreyra 150",
            )
        )
        session.commit()
        return user.id


# -- test bytes ----------------------------------------------------------------------------


def main_pdf(label: str, *, image: bool = True) -> bytes:
    """A valid few-page PDF; page 1 carries a random RGB image so it weighs about 1 MB."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for page in range(1, MAIN_PAGES + 1):
        pdf.add_page()
        pdf.cell(text=f"Carta de prueba {label} - pagina {page}")
        if image and page == 1:
            side = MAIN_IMAGE_SIDE
            noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
            pdf.image(noise, x=10, y=30, w=150)
    return bytes(pdf.output())


def xml_bytes(size: int, label: str) -> bytes:
    """Well-formed XML of exactly ``size`` bytes whose text is base64 of random bytes."""
    head = f'<?xml version="1.0" encoding="UTF-8"?>\n<anexo id="{label}">\n'.encode()
    tail = b"\n</anexo>\n"
    body_size = size - len(head) - len(tail)
    body = base64.encodebytes(os.urandom(body_size * 3 // 4 + 3))[:body_size]
    return head + body + tail


def filing_files(label: str) -> list[BenchFile]:
    main = BenchFile(f"carta-{label}.pdf", main_pdf(label), main=True)
    remaining = FILING_BYTES - len(main.data)
    sizes = [remaining // ANNEXES] * ANNEXES
    sizes[-1] += remaining - sum(sizes)
    annexes = [
        BenchFile(f"anexo-{label}-{i}.xml", xml_bytes(size, f"{label}-{i}"), main=False)
        for i, size in enumerate(sizes, start=1)
    ]
    return [main, *annexes]


def small_files(label: str) -> list[BenchFile]:
    """The same code path with a few KB: separates fixed memory cost from per-byte cost."""
    return [
        BenchFile(f"carta-{label}.pdf", main_pdf(label, image=False), main=True),
        BenchFile(f"anexo-{label}.xml", xml_bytes(2048, label), main=False),
    ]


# -- the measured paths --------------------------------------------------------------------


async def memory_chunks(files: list[BenchFile]) -> AsyncIterator[Chunk]:
    for item in files:
        for offset in range(0, len(item.data), CHUNK):
            yield Chunk(item.name, offset, item.data[offset : offset + CHUNK])


async def disk_chunks(files: list[tuple[str, Path]]) -> AsyncIterator[Chunk]:
    for name, path in files:
        with path.open("rb") as handle:
            offset = 0
            while data := handle.read(CHUNK):
                yield Chunk(name, offset, data)
                offset += len(data)


async def upload_request(
    engine: Engine,
    store: FileStore,
    user_id: int,
    kind: AttachmentKind,
    chunks: AsyncIterator[Chunk],
) -> None:
    """One upload request through the pipeline the upload handlers call."""
    from mpv_app.services.uploads import accept_upload

    outcome = await accept_upload(
        chunks=chunks, user_id=user_id, kind=kind, store=store, engine=engine
    )
    if outcome.messages:
        raise BenchError(f"upload refused: {outcome.messages}")


async def upload_filing(
    engine: Engine,
    store: FileStore,
    user_id: int,
    main: AsyncIterator[Chunk],
    annexes: AsyncIterator[Chunk],
) -> None:
    from mpv_app.domain.enums import AttachmentKind

    await upload_request(engine, store, user_id, AttachmentKind.MAIN, main)
    await upload_request(engine, store, user_id, AttachmentKind.ANNEX, annexes)


def timed_upload(engine: Engine, store: FileStore, user_id: int, files: list[BenchFile]) -> float:
    async def run() -> float:
        mains = memory_chunks([f for f in files if f.main])
        annexes = memory_chunks([f for f in files if not f.main])
        start = time.perf_counter()
        await upload_filing(engine, store, user_id, mains, annexes)
        return time.perf_counter() - start

    return asyncio.run(run())


def timed_submit(
    engine: Engine, store: FileStore, user_id: int, form: FilingForm, expected_files: int
) -> float:
    from mpv_app.models import Attachment
    from mpv_app.services.filing import submit_filing

    start = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        result = submit_filing(
            session=session,
            user_id=user_id,
            form=form,
            submission_key=uuid.uuid4().hex,
            store=store,
        )
        session.commit()  # the staging copies go in the after-commit hook
        elapsed = time.perf_counter() - start
        filed = session.exec(
            select(Attachment).where(Attachment.correspondence_id == result.correspondence_id)
        ).all()
    if not result.created or len(filed) != expected_files:
        raise BenchError(f"submit did not file {expected_files} files: {result}")
    return elapsed


def timed_floor(engine: Engine, directory: Path, files: list[BenchFile]) -> float:
    """The least any durable submit of these bytes must do: hash, write, fsync, one commit."""
    path = directory / f"floor-{uuid.uuid4().hex}"
    start = time.perf_counter()
    digest = hashlib.sha256()
    size = 0
    with path.open("xb") as handle:
        for item in files:
            digest.update(item.data)
            handle.write(item.data)
            size += len(item.data)
        handle.flush()
        os.fsync(handle.fileno())
    with engine.begin() as connection:
        connection.execute(SCRATCH.insert().values(sha256=digest.hexdigest(), size_bytes=size))
    elapsed = time.perf_counter() - start
    path.unlink()
    return elapsed


def filing_form(engine: Engine) -> FilingForm:
    from mpv_app.models import DocumentType
    from mpv_app.services.filing import FilingForm
    from mpv_app.settings import get_settings

    with Session(engine) as session:
        carta = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    today = datetime.now(get_settings().tz).date()
    return FilingForm(
        subject="Solicitud de información sobre el proceso de contratación",
        document_type_id=str(carta.id),
        document_number="CARTA-001-2026",
        document_date=today.isoformat(),
        page_count=str(MAIN_PAGES),
        notes="",
        knows_destination=False,
    )


# -- peak RSS in fresh processes -----------------------------------------------------------


# Linux carries a process's peak RSS across exec, and a child spawned from this (large) process
# starts with ours as its ru_maxrss. A bare interpreter in between spawns the measured child:
# that child starts from the launcher's few MB, so its ru_maxrss is its own peak.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.call(sys.argv[1:]))"


def child_rss(mode: str, work: Path, url: str, user_id: int = 0, source: Path | None = None) -> int:
    command = [sys.executable, "-S", "-c", LAUNCHER, sys.executable, __file__]
    command += ["--rss-child", mode, "--work", str(work), "--db-url", url]
    command += ["--user-id", str(user_id), "--source", str(source or "")]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    if done.returncode != 0:
        raise BenchError(f"rss child {mode} failed:\n{done.stderr}")
    return int(json.loads(done.stdout.strip().splitlines()[-1])["maxrss_kib"])


def write_source(directory: Path, files: list[BenchFile]) -> Path:
    """Put a filing's bytes on disk for a child, which streams them like a network body."""
    directory.mkdir(parents=True)
    manifest = []
    for item in files:
        path = directory / uuid.uuid4().hex
        path.write_bytes(item.data)
        manifest.append({"name": item.name, "path": str(path), "main": item.main})
    (directory / "manifest.json").write_text(json.dumps(manifest))
    return directory


def measure_rss(engine: Engine, work: Path, url: str) -> tuple[int, int, int]:
    """Median peak of a few children each: malloc's reuse of freed blocks varies by some MB."""
    big = write_source(work / "rss-big", filing_files("rss"))
    small = write_source(work / "rss-small", small_files("rss-small"))
    floor, upload, small_upload = [], [], []
    for _ in range(RSS_CHILDREN):
        floor.append(child_rss("floor", work, url))
        upload.append(child_rss("upload", work, url, new_sender(engine), big))
        small_upload.append(child_rss("upload", work, url, new_sender(engine), small))
    return (
        int(statistics.median(floor)),
        int(statistics.median(upload)),
        int(statistics.median(small_upload)),
    )


def rss_child(args: argparse.Namespace) -> int:
    """Both modes import the same modules and connect; only "upload" then uploads."""
    configure_env(Path(args.work), args.db_url, MPV_MAX_FILING_MB=str(LIMIT_MB))
    for module in CHILD_MODULES:  # the upload path imports them lazily: load them in both modes
        importlib.import_module(module)
    from mpv_app.db import make_engine
    from mpv_app.settings import get_settings
    from mpv_app.storage.files import FileStore

    engine = make_engine(args.db_url)
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))
    if args.rss_child == "upload":
        manifest = json.loads((Path(args.source) / "manifest.json").read_text())
        mains = [(m["name"], Path(m["path"])) for m in manifest if m["main"]]
        annexes = [(m["name"], Path(m["path"])) for m in manifest if not m["main"]]
        store = FileStore(get_settings().storage_dir)
        asyncio.run(
            upload_filing(engine, store, args.user_id, disk_chunks(mains), disk_chunks(annexes))
        )
    engine.dispose()
    print(json.dumps({"maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    return 0


# -- the run -------------------------------------------------------------------------------


def bench_backend(backend: str, url: str, work: Path) -> BackendResult:
    configure_env(work, url, MPV_MAX_FILING_MB=str(LIMIT_MB))
    from mpv_app.settings import get_settings
    from mpv_app.storage.files import FileStore

    engine = migrate_and_seed(url)
    SCRATCH.metadata.create_all(engine)
    try:
        store = FileStore(get_settings().storage_dir)
        store.root.mkdir(parents=True, exist_ok=True)
        form = filing_form(engine)
        samples: dict[str, list[float]] = {"submit": [], "upload": [], "floor": []}
        for rep in range(WARMUP + REPS):
            files = filing_files(f"{rep}-{uuid.uuid4().hex[:8]}")
            if sum(len(f.data) for f in files) != FILING_BYTES:
                raise BenchError("filing bytes do not add up")
            user_id = new_sender(engine)
            upload = timed_upload(engine, store, user_id, files)
            submit = timed_submit(engine, store, user_id, form, len(files))
            floor = timed_floor(engine, store.root, files)
            if rep >= WARMUP:
                samples["upload"].append(upload)
                samples["submit"].append(submit)
                samples["floor"].append(floor)
        rss_floor, rss_upload, rss_small = measure_rss(engine, work, url)
    finally:
        engine.dispose()
    return BackendResult(
        backend=backend,
        submit=statistics.median(samples["submit"]),
        upload=statistics.median(samples["upload"]),
        floor=statistics.median(samples["floor"]),
        rss_floor_kib=rss_floor,
        rss_upload_kib=rss_upload,
        rss_small_kib=rss_small,
    )


def report(results: list[BackendResult]) -> None:
    main_size = len(main_pdf("size"))
    print(
        f"Filing of {FILING_BYTES / MIB:.2f} MiB: 1 main PDF (~{main_size / MIB:.2f} MiB, "
        f"{MAIN_PAGES} pages) + {ANNEXES} XML annexes; median of {REPS} runs "
        f"(+{WARMUP} warm-up), new sender and new bytes each run."
    )
    print("  submit = submit_filing + commit + staging cleanup (files already staged)")
    print("  upload = services.uploads.accept_upload(64 KiB chunks), main + annexes")
    print("  floor  = sha256 + write one file + fsync + one INSERT + commit, same bytes")
    header = f"{'backend':<11}{'submit':>10}{'upload':>10}{'floor':>10}"
    print(f"{header}{'submit/floor':>14}{'upload/floor':>14}")
    for r in results:
        times = f"{r.submit * 1000:>8.1f}ms{r.upload * 1000:>8.1f}ms{r.floor * 1000:>8.1f}ms"
        print(f"{r.backend:<11}{times}{r.submit / r.floor:>14.2f}{r.upload / r.floor:>14.2f}")
    print(f"Peak RSS of the upload path in a fresh process (ru_maxrss, median of {RSS_CHILDREN}),")
    print("minus an idle child that imports the same modules and connects to the database:")
    for r in results:
        delta_mb = (r.rss_upload_kib - r.rss_floor_kib) / 1024
        small_mb = (r.rss_small_kib - r.rss_floor_kib) / 1024
        print(
            f"{r.backend:<11}idle {r.rss_floor_kib / 1024:.1f} MB, 20 MB upload "
            f"{r.rss_upload_kib / 1024:.1f} MB: delta {delta_mb:.1f} MB = "
            f"{delta_mb / LIMIT_MB:.2f} x 20 MB (same path with a few KB: {small_mb:+.1f} MB)"
        )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rss-child", choices=["floor", "upload"], help=argparse.SUPPRESS)
    parser.add_argument("--work", help=argparse.SUPPRESS)
    parser.add_argument("--db-url", help=argparse.SUPPRESS)
    parser.add_argument("--user-id", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    if args.rss_child:
        return rss_child(args)
    started = time.perf_counter()
    report(each_backend("mpv-bench-", bench_backend))
    return finish(started)


if __name__ == "__main__":
    sys.exit(main())
