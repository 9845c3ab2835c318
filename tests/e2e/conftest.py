"""Fixtures of the browser tests: a workbench (`streamlit run app.py`) with an empty data dir of
its own per test module, a headless Debian Chromium tab on it, and a screenshot writer.

Screenshots go to artifacts/screenshots/<test name>/ in the repository root (git-ignored,
named in the README): CI keeps that folder so anyone can look at what the pages look like.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import free_port, stop_server, wait_until_up

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
VIEWPORT = {"width": 1400, "height": 900}  # a laptop screen: what a PM sees without scrolling
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip

Shoot = Callable[..., None]
# Reading a grid's rows focuses it (streamlit_ui.accessible_table); its focus ring is not
# something the PM would see on the page, so it is taken off before a screenshot.
UNFOCUS_GRID = """() => {
    const focused = document.activeElement;
    if (focused && focused.dataset.testid === "data-grid-canvas") focused.blur();
}"""


def require_browser() -> None:
    """Skip the calling test module, saying why, when Chromium or Playwright is missing (call
    it before importing anything that imports Playwright)."""
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's chromium is not at /usr/bin/chromium (apt-get install chromium)",
            allow_module_level=True,
        )
    pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A workbench on the embedded server, with an empty workspace, on 127.0.0.1 only."""
    data_dir = tmp_path_factory.mktemp("workbench-data")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZENTRIK_")}
    env.update(ZENTRIK_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO))
    log = (data_dir / "streamlit.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--server.address", "127.0.0.1"],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(process, f"{url}/_stcore/health", data_dir / "streamlit.log")
        yield url
    finally:
        stop_server(process)


@pytest.fixture
def page(app_url: str) -> Iterator[Page]:
    from playwright.sync_api import sync_playwright  # test modules call require_browser first

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(viewport=VIEWPORT)
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(app_url)
        try:
            yield tab
        finally:
            browser.close()


@pytest.fixture
def shoot(page: Page, request: pytest.FixtureRequest) -> Shoot:
    """`shoot(name, focus=None)`: a 1400x900 PNG of what the PM sees, with `focus` (a locator)
    scrolled into view first, in a folder of the test's own, emptied when the test starts."""
    folder = SCREENSHOTS / request.node.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)

    def take(name: str, focus: Locator | None = None) -> None:
        if focus is not None:
            focus.scroll_into_view_if_needed()
        page.evaluate(UNFOCUS_GRID)
        page.screenshot(path=str(folder / f"{name}.png"))

    return take
