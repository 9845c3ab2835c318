"""End to end in a real headless Chromium: `streamlit run app.py` on the embedded default.

Paste a transcript, wait until it is processed, link one of its insights to a new
opportunity and publish it, then see that opportunity on the Opportunities chart. Every screen
is saved as a screenshot under test-output/e2e/ for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port, stop_server, wait_until_up

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parents[2]
SHOTS = REPO / "test-output" / "e2e"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
TRANSCRIPT = (
    "Interviewer: How do you export reports today?\n"
    "Maria: Exports are painfully slow and time out for large files. I hate waiting.\n"
    "Interviewer: What about approvals?\n"
    "Maria: The approval flow is confusing, I can never find who needs to approve.\n"
    "Maria: I love the cash-flow dashboard though, it is great."
)

if not CHROMIUM.exists():
    pytest.skip(
        "Debian's chromium is not at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is missing")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
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
def page(app_url: str) -> Iterator[sync_api.Page]:
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        context = browser.new_context(viewport={"width": 1440, "height": 1800})
        tab = context.new_page()
        tab.set_default_timeout(30_000)
        tab.goto(app_url)
        try:
            yield tab
        finally:
            browser.close()


def settle(page: sync_api.Page) -> None:
    """Wait for Streamlit to finish the current run (no 'Running…' status widget)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=30_000)
    page.wait_for_timeout(200)


def go_to(page: sync_api.Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title).wait_for()
    settle(page)


def shoot(page: sync_api.Page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def select_first_row(page: sync_api.Page, table_index: int = 0) -> None:
    """Tick the selection checkbox of the first row of a st.dataframe (a canvas grid)."""
    grid = page.get_by_test_id("stDataFrame").nth(table_index)
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 17)
    settle(page)


def select_option(page: sync_api.Page, label: str, option: str) -> None:
    page.get_by_label(label).click()
    page.get_by_role("option", name=option).click()


def test_paste_triage_link_and_chart(page: sync_api.Page) -> None:
    page.get_by_role("heading", name="Inbox").wait_for()
    settle(page)
    shoot(page, "01-inbox-empty")

    page.get_by_label("Text *").fill(TRANSCRIPT)
    select_option(page, "Signal type *", "Interview transcript")
    page.get_by_label("Name").first.fill("Interview — Maria")
    page.get_by_role("button", name="Add signal").click()
    page.get_by_text("Created SIGNAL-1").wait_for()
    page.get_by_text("1 processed").wait_for(timeout=60_000)
    settle(page)
    shoot(page, "02-inbox-processed")

    go_to(page, "Triage")
    shoot(page, "03-triage-drafts")
    select_first_row(page)
    page.get_by_text("1 insight selected").wait_for()
    shoot(page, "04-triage-selected")
    page.get_by_text("Link selection to an opportunity or idea").click()
    page.get_by_text("New opportunity", exact=True).click()
    page.get_by_label("New opportunity name").fill("Make large exports reliable")
    page.get_by_label("Score (optional)").fill("72")
    page.get_by_role("button", name="Link", exact=True).click()
    page.get_by_text("Linked 1 insight to").wait_for()
    settle(page)
    # Every bulk action clears the selection (issue 13, item 5): pick the insight again.
    select_first_row(page)
    page.get_by_text("1 insight selected").wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish: 1 insight done.").wait_for()
    settle(page)
    shoot(page, "05-triage-after-publish")

    go_to(page, "Opportunities")
    page.get_by_role("tab", name="Ranking").click()
    ranking = page.locator(".js-plotly-plot").nth(1)
    ranking.get_by_text("Make large exports reliable").wait_for()
    shoot(page, "06-opportunities-ranking")
    page.get_by_role("tab", name="Score vs. evidence").click()
    page.wait_for_timeout(500)
    shoot(page, "07-opportunities-scatter")
    select_first_row(page)
    page.get_by_test_id("stMetricLabel").get_by_text("Suggested score").wait_for()
    shoot(page, "08-opportunity-selected")

    for title, name in (("Ideas", "09-ideas"), ("Overview", "10-overview")):
        go_to(page, title)
        shoot(page, name)
    go_to(page, "Settings")
    shoot(page, "11-settings")

    page.get_by_role("button", name="Load sample workspace").click()
    page.get_by_text("Sample workspace loaded").wait_for(timeout=60_000)
    shoot(page, "12-settings-sample-loaded")
    for title, name in (("Ideas", "13-ideas-sample"), ("Overview", "14-overview-sample")):
        go_to(page, title)
        shoot(page, name)
