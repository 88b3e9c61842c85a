"""Several files dropped at once: one bar per file, each with its own «Cancelar», and the size
meter following every add, cancel and removal."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e import filing_files as ff
from tests.e2e.conftest import screenshot
from tests.e2e.factories import signed_in_sender
from tests.e2e.filing_steps import open_form, staged, upload
from tests.e2e.server import RunningApp

SLOW_UPLOAD = 1024 * 1024  # bytes per second: the bars stay long enough to be seen


def _throttle(page: Page, upload_bytes_per_s: int) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {
            "offline": False,
            "latency": 0,
            "downloadThroughput": -1,
            "uploadThroughput": upload_bytes_per_s,
        },
    )


def test_each_dropped_file_has_its_own_bar_and_cancel(
    page: Page, app: RunningApp, tmp_path: Path
) -> None:
    signed_in_sender(page, app)
    open_form(page)
    meter = page.locator("#size-meter-text")
    expect(meter).to_have_text(ff.meter_text(0))
    first, second, third = (
        ff.pdf_of_size(tmp_path, f"anexo-{i}.pdf", 3 * ff.MIB) for i in (1, 2, 3)
    )
    _throttle(page, SLOW_UPLOAD)
    upload(page, "annexes", first, second, third)

    transfers = page.locator("#transfers .transfer")
    expect(transfers).to_have_count(3)
    for path in (first, second, third):
        bar = page.get_by_role("progressbar", name=f"Subiendo {path.name}")
        expect(bar).to_be_visible()
    screenshot(page, "upload-progress-per-file")
    cancel = transfers.filter(has_text=second.name).get_by_role(
        "button", name=re.compile("^Cancelar")
    )
    expect(cancel).to_have_accessible_name(f"Cancelar {second.name}")
    cancel.click()
    expect(transfers.filter(has_text=second.name)).to_have_count(0)
    _throttle(page, -1)

    for path in (first, third):
        expect(staged(page, path.name)).to_have_count(1, timeout=60_000)
    expect(transfers).to_have_count(0)
    expect(staged(page, second.name)).to_have_count(0)
    expect(meter).to_have_text(ff.meter_text(ff.total_size(first, third)))

    staged(page, first.name).get_by_role("button", name=re.compile("^Quitar")).click()
    expect(staged(page, first.name)).to_have_count(0)
    expect(meter).to_have_text(ff.meter_text(third.stat().st_size))
