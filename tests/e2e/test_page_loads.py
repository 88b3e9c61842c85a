"""The e2e helpers' own contract: each page counts its own on_load answers.

A CI run failed in a fixture's first ``goto`` ("on_load did not finish in 20s at /registro"):
the counter was keyed by ``id(page)``, and once a test's page is collected its id is free. A
later page born at the same address inherited the old counter, whose listener watched the
closed page, so its loads were never counted."""

from __future__ import annotations

import gc

from playwright.sync_api import Browser, Page

from tests.e2e.factories import _load_counter, goto
from tests.e2e.filing_steps import new_page
from tests.e2e.server import RunningApp

MAX_PAGES = 300  # CPython hands a freed page's address to a new one within ~20-45 pages here


def test_a_page_born_where_a_closed_page_lived_still_sees_its_own_on_load(
    browser: Browser, app: RunningApp
) -> None:
    seen: set[int] = set()
    page: Page | None = None
    for _ in range(MAX_PAGES):
        page = new_page(browser, app)
        if id(page) in seen:
            break
        seen.add(id(page))
        _load_counter(page)  # as a first goto does: this page's counter and listener
        page.context.close()
        page = None
        gc.collect()
    else:
        raise AssertionError(f"no page id came back in {MAX_PAGES} pages: nothing was tested")
    assert page is not None
    goto(page, "/iniciar-sesion", "form")  # waits up to 20 s for this page's own on_load
    page.context.close()
