"""Issue 12 in a real headless Chromium, on the sample workspace: Triage shows an insight's
Similar insights, "Merge into this" makes the two one, Unmerge in the merged insight's evidence
makes them two again; Overview shows the themes with their weekly trend.

Screenshots under artifacts/screenshots/test_merge_unmerge_and_themes/.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.e2e.conftest import Shoot, require_browser

require_browser()
from playwright.sync_api import expect  # noqa: E402

from tests.e2e.streamlit_ui import (  # noqa: E402
    cells,
    go_to,
    grid,
    grid_index,
    grid_rows,
    select_row,
    settle,
    type_into,
)

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Two drafts of the sample that speak of the same logins, found similar but not merged at
# processing time (their score is under the threshold).
MERGED_AWAY = "App logs users out every single day"
KEPT = "Half of the users get stuck in a redirect loop when logging in to Ledgerly with SSO"


def test_merge_unmerge_and_themes(page: Page, shoot: Shoot) -> None:
    page.get_by_role("heading", name="Inbox").wait_for()
    go_to(page, "Settings")
    page.get_by_role("button", name="Load sample workspace").click()
    expect(page.get_by_text("Sample workspace loaded")).to_be_visible(timeout=90_000)
    see_the_themes(page, shoot)
    go_to(page, "Triage")
    drafts = drafts_left(page)
    before = int(drafts.inner_text())
    merge_from_similar_insights(page, shoot)
    expect(drafts).to_have_text(str(before - 1))  # two insights are one
    unmerge_from_the_evidence(page, shoot)
    expect(drafts).to_have_text(str(before))  # and two again
    type_into(page, "Search", "every single day")
    expect(cells(page, "Insight")).to_have_text([MERGED_AWAY])  # its quotes are its own again


def see_the_themes(page: Page, shoot: Shoot) -> None:
    go_to(page, "Overview")
    expect(page.get_by_text("most mentioned of")).to_be_visible()
    themes_table = grid(page, grid_index(page, "Theme"))
    assert grid_rows(page, grid_index(page, "Theme"))  # the top themes, most mentioned first
    trend = page.locator(".js-plotly-plot").filter(has_text="Theme mentions per week")
    expect(trend.get_by_text("Theme mentions per week (last 12 weeks)")).to_be_visible()
    expect(trend.locator(".legend .traces")).not_to_have_count(0)  # a line per theme
    shoot("01-overview-themes", themes_table)
    shoot("02-overview-theme-trend", trend)


def drafts_left(page: Page) -> Locator:
    metric = page.get_by_test_id("stMetric").filter(has_text="Drafts left to triage")
    return metric.get_by_test_id("stMetricValue")


def merge_from_similar_insights(page: Page, shoot: Shoot) -> None:
    type_into(page, "Search", "every single day")
    assert [row["Insight"] for row in grid_rows(page, count=1)] == [MERGED_AWAY]
    select_row(page, 0)
    similar = page.get_by_role("heading", name="Similar insights")
    expect(similar).to_be_visible()
    expect(page.get_by_text(KEPT, exact=True)).to_be_visible()  # its one match here
    expect(page.get_by_text("% alike · shares password")).to_be_visible()  # and why
    shoot("03-triage-similar-insights", similar)
    page.get_by_role("button", name="Merge into this").click()
    expect(page.get_by_text(f"Merged 1 insight into “{KEPT}”")).to_be_visible()
    # Its quote now sits in the one it joined, which the same search finds instead.
    expect(cells(page, "Insight")).to_have_text([KEPT])
    shoot("04-triage-merged")


def unmerge_from_the_evidence(page: Page, shoot: Shoot) -> None:
    type_into(page, "Search", "Okta")
    assert [row["Insight"] for row in grid_rows(page, count=1)] == [KEPT]
    select_row(page, 0)
    merged = page.get_by_text("Merged into this insight (1)")
    expect(merged).to_be_visible()
    expect(page.get_by_text("merged by hand")).to_be_visible()
    shoot("05-triage-merged-evidence", merged)
    page.get_by_role("button", name="Unmerge").click()
    expect(page.get_by_text("Unmerged: it is its own insight again")).to_be_visible()
    settle(page)
    shoot("06-triage-unmerged")
