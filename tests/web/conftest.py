"""A real server on a free loopback port, and Debian's chromium driven by Playwright.

Browser tests are marked ``browser``; deselect them with ``-m "not browser"``
on a machine without chromium (CI installs it from .ci/apt-packages.txt).
Set ``SENDOCS_WEB_SCREENSHOTS=docs/img`` to write the screenshots docs/web.md
shows (small PNGs, 64 colours).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sendocs.web import make_local_server

CHROMIUM = Path("/usr/bin/chromium")
SERIOUS = ("serious", "critical")

# What makes two pages "the same page" for axe: the route (ids replaced), whether
# an error summary shows, and the set of GOV.UK components on it. A page already
# checked in this session in that state is not checked again (axe takes a second
# or more per page); a new component, error or route is always checked.
_SIGNATURE = """() => {
  const parts = new Set();
  for (const el of document.querySelectorAll('[class*="govuk-"], iframe, form, table')) {
    parts.add(el.tagName);
    for (const c of el.classList) {
      if (c.startsWith('govuk-') && !c.includes('!')) parts.add(c.split('--')[0]);
    }
  }
  return [...parts].sort().join(' ');
}"""
_AXED: dict[str, str] = {}


def _route(url: str) -> str:
    """The app's route for a URL: ids, question slugs and item numbers become placeholders.

    Pages of one route come from one template; with the component set in the
    signature, a question page with radios is checked apart from one with dates.
    """
    path = url.split("#")[0].split("?")[0]
    path = re.sub(r"/[0-9a-f]{16}(?=/|$)", "/<id>", path)
    path = re.sub(r"/(q|list)/[a-z-]+", r"/\1/<slug>", path)
    return re.sub(r"/(\d+|new)(?=/|$)", "/<n>", path)


"""Signature → the first URL checked with it, for the whole session."""


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives Debian's chromium through Playwright")


@pytest.fixture(scope="session")
def web_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web-data")


@pytest.fixture(scope="session")
def base_url(web_data: Path) -> Iterator[str]:
    server = make_local_server(web_data, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(
            "chromium is not installed (apt-get install chromium), "
            "or deselect these tests with -m 'not browser'"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(
        accept_downloads=True, base_url=base_url, viewport={"width": 1000, "height": 760}
    )
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()


class Pages:
    """Checks every page a journey visits: axe, no traceback, and a screenshot if asked."""

    def __init__(self, page: Any) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.page = page
        self.axe = Axe()
        self.checked: list[str] = []
        self.skipped = 0  # pages already checked in the same state earlier in the session
        self.axe_seconds = 0.0
        folder = os.environ.get("SENDOCS_WEB_SCREENSHOTS")
        self.shots = Path(folder) if folder else None

    def check(self, name: str | None = None) -> None:
        page = self.page
        page.wait_for_load_state("load")
        text = page.inner_text("body")
        assert "Traceback" not in text
        if name and self.shots is not None:
            self.screenshot(name)
        route = _route(page.url)
        signature = f"{route} {page.evaluate(_SIGNATURE)}"
        if signature in _AXED:
            self.skipped += 1
            return
        started = time.perf_counter()
        results = self.axe.run(page)
        self.axe_seconds += time.perf_counter() - started
        bad = [
            f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
            for v in results.response["violations"]
            if v["impact"] in SERIOUS
        ]
        assert not bad, f"{page.url}: {bad}"
        _AXED[signature] = page.url
        self.checked.append(page.url)

    def screenshot(self, name: str, scroll_to: str | None = None) -> None:
        """Save a small screenshot of the page (only when screenshots were asked for)."""
        from PIL import Image

        if self.shots is None:
            return
        if scroll_to:
            self.page.locator(scroll_to).scroll_into_view_if_needed()
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"web-{name}.png"
        self.page.screenshot(path=str(path), full_page=False)
        image = Image.open(path).convert("RGB")
        image = image.resize((image.width * 3 // 4, image.height * 3 // 4))
        image.quantize(colors=48).save(path, optimize=True)


@pytest.fixture
def pages(page: Any) -> Pages:
    return Pages(page)


def wait_for_job(page: Any, ending: str, timeout: float = 90) -> None:
    """Wait while the job page refreshes itself; fail at once with its message if it fails."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.url.split("#")[0].endswith(ending):
            page.wait_for_load_state("load")
            return
        heading = page.locator("h1").first
        if heading.count() and "did not work" in (heading.text_content() or ""):
            raise AssertionError(f"the job failed: {page.inner_text('.govuk-error-summary')}")
        page.wait_for_timeout(250)
    raise AssertionError(f"the job did not finish within {timeout} s (at {page.url})")
