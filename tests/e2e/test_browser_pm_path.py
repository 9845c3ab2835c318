"""A product manager's whole path through the workbench, in a real headless Chromium (issue 13):
sample workspace → paste a transcript with the type left alone → open the signal → triage (edit
kind, publish, archive, bulk) → link to a new opportunity and an idea → Opportunities ranking →
Overview → upload a CSV twice (the second time warned and skipped, then imported again) →
Settings keys and a bad remote URL.

Each step asserts what the PM sees (messages, table rows, chart labels) and saves a 1400x900
screenshot under artifacts/screenshots/test_product_manager_path/.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.conftest import free_port
from tests.e2e.conftest import Shoot, require_browser

require_browser()
from playwright.sync_api import expect  # noqa: E402

from tests.e2e.streamlit_ui import (  # noqa: E402
    cell,
    cells,
    column,
    go_to,
    grid,
    grid_index,
    grid_rows,
    select_option,
    select_row,
    settle,
    type_into,
)

if TYPE_CHECKING:
    from playwright.sync_api import Page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TRANSCRIPT = (
    "Interviewer: How do you prepare the board pack today?\n"
    "Priya: I rebuild the board pack by hand every month, it takes a whole day.\n"
    "Interviewer: What else gets in the way?\n"
    "Priya: The mobile app crashes when I open an invoice attachment.\n"
    "Priya: I love the cash-flow forecast though, it is great."
)
SIGNAL_NAME = "Interview with Priya"  # named from its content: the first speaker not asking
NEW_OPPORTUNITY = "Board packs without manual work"
IDEA = "Background exports with an email when ready"  # one of the sample's ideas
CSV_ROWS = (
    "title,feedback,date\n"
    "Slow search,Searching invoices by customer takes ten seconds,2026-03-02\n"
    'Dark mode,"Please add a dark mode, my eyes hurt at night",2026-03-03\n'
)
SAMPLE_SIGNALS = 9
SAMPLE_SCORES = {  # the sample's opportunities and their scores
    "Make large exports reliable": 70,
    "Multi-step invoice approvals": 45,
    "Faster account onboarding": 30,
}


def test_product_manager_path(page: Page, shoot: Shoot, app_url: str, tmp_path: Path) -> None:
    page.get_by_role("heading", name="Inbox").wait_for()
    settle(page)
    load_sample_workspace(page, shoot)
    created = paste_a_transcript_leaving_the_type(page, shoot)
    open_the_signal(page, shoot, created)
    published = triage_the_interview(page, shoot, created)
    link_to_a_new_opportunity_and_an_idea(page, shoot, published)
    see_the_ranking(page, shoot)
    see_the_overview(page, shoot)
    upload_a_csv_twice(page, shoot, app_url, tmp_path / "feedback.csv")
    create_and_revoke_a_key(page, shoot)
    connect_to_bad_remote_urls(page, shoot)


def load_sample_workspace(page: Page, shoot: Shoot) -> None:
    go_to(page, "Settings")
    page.get_by_role("button", name="Load sample workspace").click()
    expect(page.get_by_text("Sample workspace loaded")).to_be_visible(timeout=90_000)
    loaded = page.get_by_text(f"Loaded {SAMPLE_SIGNALS} signals")
    expect(loaded).to_be_visible()
    shoot("01-settings-sample-loaded", loaded)


def paste_a_transcript_leaving_the_type(page: Page, shoot: Shoot) -> str:
    """Returns the new signal's publicId."""
    go_to(page, "Inbox")
    type_into(page, "Text *", TRANSCRIPT)
    guessed = page.get_by_text(
        "Guessed from the text: Interview transcript (turns of two or more speakers)"
    )
    expect(guessed).to_be_visible()
    expect(page.get_by_label("Signal type *")).to_have_value("Guess from the text")
    shoot("02-inbox-type-guessed", guessed)
    page.get_by_role("button", name="Add signal").click()
    created = f"SIGNAL-{SAMPLE_SIGNALS + 1}"
    # "Created SIGNAL-10: it is being processed…" turns into this once processing ends.
    expect(page.get_by_text(f"{created} is processed:")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(f"{SAMPLE_SIGNALS + 1} processed")).to_be_visible(timeout=60_000)
    settle(page)
    return created


def open_the_signal(page: Page, shoot: Shoot, created: str) -> None:
    type_into(page, "Search signals", "Priya")
    expect(page.get_by_text(f"1 of {SAMPLE_SIGNALS + 1} signals match")).to_be_visible()
    (found,) = grid_rows(page, count=1)
    assert (found["Signal"], found["Name"], found["Status"], found["Type"]) == (
        created,
        SIGNAL_NAME,
        "processed",
        "transcript",
    )
    select_row(page, 0)
    opened = page.get_by_role("heading", name=f"{created} {SIGNAL_NAME}")
    expect(opened).to_be_visible()
    expect(page.get_by_text("Type: transcript")).to_be_visible()
    expect(page.get_by_text("Priya: I rebuild the board pack by hand")).to_be_visible()
    expect(page.get_by_text("Insights from this signal:")).to_be_visible()
    shoot("03-inbox-signal-opened", opened)


def triage_the_interview(page: Page, shoot: Shoot, created: str) -> set[str]:
    """Publish the crash, edit the board pack's kind, publish it with the praise (bulk), then
    archive the praise. Returns the names of the two insights left published."""
    go_to(page, "Triage")
    shoot("04-triage-drafts")
    select_option(page, "Source signal", f"{created} {SIGNAL_NAME}")
    page.keyboard.press("Escape")  # a multiselect sends its choice once its list closes
    # The board pack, the crash and the praise (which may join a like insight of the sample).
    expect(page.get_by_text("3 insights shown.")).to_be_visible()
    drafts = grid_rows(page, count=3)
    names = {row["Insight"] for row in drafts}
    board = drafts[row_with(drafts, "Evidence (quoted)", "board pack")]["Insight"]
    crash = drafts[row_with(drafts, "Evidence (quoted)", "crashes")]["Insight"]
    (praise,) = names - {board, crash}

    select_row(page, row_with(drafts, "Insight", crash))
    expect(page.get_by_text("1 insight selected")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Publish: 1 insight done. Selection cleared.")).to_be_visible()
    drafts = grid_rows(page, count=2)
    assert {row["Insight"] for row in drafts} == {board, praise}

    # Edit a kind: rebuilding the board pack by hand asks for a feature, and it costs a day.
    select_row(page, row_with(drafts, "Insight", board))
    expect(page.get_by_text("1 insight selected")).to_be_visible()
    form = page.get_by_test_id("stForm")
    select_option(page, "Kind", "Feature request")
    select_option(page, "Severity", "high")
    shoot("05-triage-edit-kind", form)
    form.get_by_role("button", name="Save").click()
    expect(page.get_by_text(f"Saved “{board}”")).to_be_visible()
    settle(page)
    expect(cell(page, board, "Kind")).to_have_text("Feature request · high")

    # The edited insight stays selected: add the praise and publish both at once (bulk).
    select_row(page, row_with(drafts, "Insight", praise))
    expect(page.get_by_text("2 insights selected")).to_be_visible()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Publish: 2 insights done. Selection cleared.")).to_be_visible()
    expect(page.get_by_text("No insights match these filters.")).to_be_visible()

    # In Published (the Source filter stays), archive the praise: it is not a problem to solve.
    page.get_by_test_id("stButtonGroup").get_by_text("Published", exact=True).click()
    published = grid_rows(page, count=3)
    assert {row["Insight"] for row in published} == names
    select_row(page, row_with(published, "Insight", praise))
    page.get_by_role("button", name="Archive").click()
    expect(page.get_by_text("Archive: 1 insight done.")).to_be_visible()
    assert {row["Insight"] for row in grid_rows(page, count=2)} == {board, crash}
    shoot("06-triage-published")
    return {board, crash}


def link_to_a_new_opportunity_and_an_idea(page: Page, shoot: Shoot, published: set[str]) -> None:
    """Both published insights to a new opportunity, then the first one to a sample idea."""
    select_row(page, 0)
    select_row(page, 1)
    expect(page.get_by_text("2 insights selected")).to_be_visible()
    page.get_by_text("Link selection to an opportunity or idea").click()
    page.get_by_text("New opportunity", exact=True).click()
    page.get_by_label("New opportunity name").fill(NEW_OPPORTUNITY)
    page.get_by_label("Score (optional)").fill("80")
    page.get_by_role("button", name="Link", exact=True).click()
    expect(page.get_by_text(f"Linked 2 insights to “{NEW_OPPORTUNITY}”.")).to_be_visible()
    settle(page)  # the grid is drawn anew after the message: read it once it is drawn
    expect(cells(page, "Insight")).to_have_count(len(published))
    assert set(column(page, "Insight")) == published

    select_row(page, 0)
    page.get_by_text("Link selection to an opportunity or idea").click()
    page.get_by_text("Existing idea", exact=True).click()
    settle(page)  # the picker is drawn anew with the ideas: a box opened before then closes
    select_option(page, "Which one", IDEA)
    page.get_by_role("button", name="Link", exact=True).click()
    linked = page.get_by_text(f"Linked 1 insight to “{IDEA}”.")
    expect(linked).to_be_visible()
    shoot("07-triage-linked", linked)


def see_the_ranking(page: Page, shoot: Shoot) -> None:
    go_to(page, "Opportunities")
    page.get_by_role("tab", name="Ranking").click()
    ranking = page.locator(".js-plotly-plot").nth(1)
    expect(ranking.get_by_text(NEW_OPPORTUNITY)).to_be_visible()
    ticks = ranking.locator(".yaxislayer-above .ytick text")
    top_down = sorted(ticks.all(), key=lambda tick: tick.bounding_box()["y"])
    scores = {NEW_OPPORTUNITY: 80, **SAMPLE_SCORES}
    # In score order across statuses: the new one (80) sits above the validated 70.
    assert [tick.text_content() for tick in top_down] == sorted(scores, key=scores.get)[::-1]
    shoot("08-opportunities-ranking", ranking)
    (mine,) = [row for row in grid_rows(page, count=4) if row["Opportunity"] == NEW_OPPORTUNITY]
    assert (mine["Score"], mine["Published"], mine["Signals"]) == ("80", "2", "1")


def see_the_overview(page: Page, shoot: Shoot) -> None:
    go_to(page, "Overview")
    metrics = page.get_by_test_id("stMetric")
    expect(metrics.filter(has_text="Signals")).to_contain_text(str(SAMPLE_SIGNALS + 1))
    expect(page.get_by_text("What changed this week")).to_be_visible()
    expect(page.get_by_text("Insights by kind")).to_be_visible()
    shoot("09-overview")
    top = page.get_by_role("heading", name="Top opportunities by suggested score")
    table = grid_index(page, "Opportunity")  # after the Themes table when there are themes
    expect(cells(page, "Opportunity", table).filter(has_text=NEW_OPPORTUNITY)).to_have_count(1)
    shoot("10-overview-top-opportunities", top)


def upload_a_csv_twice(page: Page, shoot: Shoot, app_url: str, csv: Path) -> None:
    """The second upload of the same rows warns they are there already and skips them, unless
    the PM ticks "Import them again anyway"."""
    csv.write_text(CSV_ROWS)
    upload_csv(page, app_url, csv)
    shoot("11-inbox-upload-1-preview", page.get_by_text("will be created"))
    page.get_by_role("button", name="Create 2 signal(s)").click()
    report = page.get_by_role("heading", name="Upload report")
    expect(report).to_be_visible()
    expect(page.get_by_text("2 created, 0 not created.")).to_be_visible()
    shoot("11-inbox-upload-1-report", report)
    expect(page.get_by_text(f"{SAMPLE_SIGNALS + 3} processed")).to_be_visible(timeout=60_000)

    upload_csv(page, app_url, csv)
    warning = page.get_by_text("2 of 2 rows are already in this workspace: they will be skipped.")
    expect(warning).to_be_visible()
    expect(page.get_by_role("button", name="Create 0 signal(s)")).to_be_disabled()
    shoot("12-inbox-upload-2-already-there", warning)
    page.get_by_text("Import them again anyway").click()
    page.get_by_role("button", name="Create 2 signal(s)").click()
    expect(page.get_by_text("2 created, 0 not created.")).to_be_visible()
    shoot("12-inbox-upload-2-imported-again", page.get_by_role("heading", name="Upload report"))
    expect(page.get_by_text(f"{SAMPLE_SIGNALS + 5} processed")).to_be_visible(timeout=60_000)


def upload_csv(page: Page, app_url: str, csv: Path) -> None:
    page.goto(app_url)  # a new session on the Inbox, as when the PM comes back with the file
    page.get_by_role("heading", name="Inbox").wait_for()
    settle(page)
    page.get_by_role("tab", name="Upload").click()
    page.get_by_test_id("stFileUploaderDropzoneInput").set_input_files(csv)
    expect(page.get_by_text("2 signal(s) will be created")).to_be_visible()
    settle(page)


def create_and_revoke_a_key(page: Page, shoot: Shoot) -> None:
    go_to(page, "Settings")
    keys = page.get_by_test_id("stForm").filter(has_text="Create a key")
    keys.get_by_label("Name").fill("Zapier import")
    keys.get_by_role("button", name="Create key").click()
    expect(page.get_by_text("Copy this key now — it is shown only once.")).to_be_visible()
    expect(page.get_by_test_id("stCode")).to_contain_text("zk_")
    shoot("13-settings-key-created", page.get_by_test_id("stCode"))
    page.get_by_role("button", name="I have copied it").click()
    settle(page)
    expect(page.get_by_test_id("stCode")).to_have_count(0)
    key_table = -1  # the last grid on Settings, however many the rerun after a change shows
    expect(cell(page, "Zapier import", "Revoked", key_table)).to_have_text("")
    select_option(page, "Revoke a key (the workbench's own key is not listed)", "Zapier import")
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("Key revoked: requests with it are now refused.")).to_be_visible()
    expect(cell(page, "Zapier import", "Revoked", key_table)).not_to_have_text("")
    shoot("14-settings-key-revoked", grid(page, key_table))


def connect_to_bad_remote_urls(page: Page, shoot: Shoot) -> None:
    """Each is refused on Settings, in words, and the built-in server stays connected."""
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    page.get_by_text("Use another Zentrik workspace").click()
    remote = page.get_by_test_id("stForm").filter(has_text="API URL")
    bad_urls = (
        ("not a url", "'not a url' is not a web address: it contains spaces."),
        (closed, f"Could not reach the Zentrik server at {closed}: nothing is listening"),
    )
    for attempt, (url, problem) in enumerate(bad_urls, start=1):
        remote.get_by_label("API URL").fill(url)
        remote.get_by_label("API key").fill("zk_not_a_real_key")
        remote.get_by_role("button", name="Connect").click()
        error = remote.get_by_test_id("stAlertContentError")
        expect(error).to_contain_text(problem)
        expect(error).to_contain_text("Not connected: this session keeps its previous connection.")
        expect(error).not_to_contain_text("Traceback")
        expect(error.get_by_role("link")).to_have_count(0)  # the address is text, not a link
        settle(page)
        expect(error).to_be_visible()  # the expander stays open once the run is over
        shoot(f"15-settings-bad-remote-url-{attempt}", remote)
    expect(page.get_by_text("The built-in local Zentrik server")).to_be_visible()
    expect(page.get_by_text("Connected for this session")).to_have_count(0)


def row_with(rows: list[dict[str, str]], header: str, words: str) -> int:
    """The index of the one row whose `header` cell contains `words`."""
    found = [i for i, row in enumerate(rows) if words in row[header]]
    assert len(found) == 1, f"{words!r} in {header!r} of {rows}"
    return found[0]
