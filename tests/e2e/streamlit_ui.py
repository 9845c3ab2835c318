"""Driving Streamlit widgets from Playwright the way a person does: sidebar pages, select boxes,
and st.dataframe grids (a canvas: rows are ticked by clicking, and their text is read from the
accessible table the grid renders inside the canvas once it has focus)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

HEADER_PX = 35  # st.dataframe's header row
ROW_PX = 35  # and each data row
CHECKBOX_X = 18  # the selection checkbox column
OPEN_MS = 2_000  # a select box's options show this fast once it opens
CHOOSE_MS = 10_000  # a shown option takes a click this fast unless a rerun redraws it


def settle(page: Page) -> None:
    """Wait for Streamlit to finish the current run (no 'Running…' status widget)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden", timeout=30_000)
    page.wait_for_timeout(200)


def go_to(page: Page, title: str) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    page.get_by_role("heading", name=title).wait_for()
    settle(page)


def select_option(page: Page, label: str, option: str) -> None:
    """Pick the option that starts with `option` in the select box `label` (pickers add an id
    to names). A click that scrolls the box into view can leave it focused but closed, so a
    closed box is clicked once more. A rerun under way can show the box twice for a moment
    (the old run's copy and the new one): wait until it is one. On a busy machine a rerun can
    redraw the open list while it is clicked: the list is closed and opened again."""
    box = page.get_by_label(label)
    choice = page.get_by_role("option", name=re.compile(f"^{re.escape(option)}"))
    for _ in range(3):
        expect(box).to_have_count(1)
        box.click()
        try:
            choice.wait_for(timeout=OPEN_MS)
        except PlaywrightTimeoutError:
            box.click()
        try:
            choice.click(timeout=CHOOSE_MS)
            return
        except PlaywrightTimeoutError:
            # A rerun redrew the open list under the pointer: close it and open it again.
            page.keyboard.press("Escape")
            settle(page)
    raise AssertionError(f"could not choose {option!r} in {label!r}")


def type_into(page: Page, label: str, text: str) -> None:
    """Type `text` into the text box `label` and send it (Streamlit sends a box's value when
    it loses focus); typed again if a run that was under way when typing began reset it.
    Only text boxes: a grid's toolbar has a "Search" button too."""
    box = page.get_by_label(label).and_(page.locator("input, textarea"))
    for _ in range(2):
        box.fill(text)
        box.blur()
        settle(page)
        if box.input_value() == text:
            return
    raise AssertionError(f"{label!r} did not keep the text typed into it")


def grid(page: Page, index: int = 0) -> Locator:
    return page.get_by_test_id("stDataFrame").nth(index)


def grid_index(page: Page, header: str) -> int:
    """The index among the page's grids of the first one with a column `header`."""
    for index in range(page.get_by_test_id("stDataFrame").count()):
        if header in accessible_table(page, index).locator("thead th").all_text_contents():
            return index
    raise AssertionError(f"no grid has a column {header!r}")


def select_row(page: Page, row: int = 0, table_index: int = 0) -> None:
    """Tick (or untick) the selection checkbox of data row `row` (0 = first) of a st.dataframe,
    and wait until the grid shows the change and Streamlit has run with it."""
    table = grid(page, table_index)
    table.scroll_into_view_if_needed()
    box = table.bounding_box()
    assert box is not None
    line = accessible_table(page, table_index).locator(f'tbody tr[aria-rowindex="{row + 2}"]')
    was = line.get_attribute("aria-selected")
    page.mouse.click(box["x"] + CHECKBOX_X, box["y"] + HEADER_PX + ROW_PX * row + ROW_PX // 2)
    expect(line).to_have_attribute("aria-selected", "false" if was == "true" else "true")
    settle(page)


def select_first_row(page: Page, table_index: int = 0) -> None:
    select_row(page, 0, table_index)


def accessible_table(page: Page, table_index: int = 0) -> Locator:
    """The table a st.dataframe renders for screen readers (rows on screen, with their text and
    aria-selected), which it draws once its canvas has focus."""
    canvas = grid(page, table_index).get_by_test_id("data-grid-canvas")
    canvas.focus()
    canvas.locator("table tbody tr").first.wait_for(state="attached")
    return canvas.locator("table")


def grid_rows(page: Page, table_index: int = 0, count: int | None = None) -> list[dict[str, str]]:
    """The rows a st.dataframe shows, as {column header: cell text}; with `count`, once it
    shows that many (its data arrives a moment after the text around it)."""
    table = accessible_table(page, table_index)
    if count is not None:
        expect(table.locator("tbody tr")).to_have_count(count)
    headers = table.locator("thead th").all_text_contents()
    return [
        dict(zip(headers, row.locator("td").all_text_contents(), strict=False))
        for row in table.locator("tbody tr").all()
    ]


def cells(page: Page, header: str, table_index: int = 0) -> Locator:
    """The cells of one column, for `expect(...).to_have_text([...])`, which waits for them."""
    return cell(page, "", header, table_index)


def cell(page: Page, row_text: str, header: str, table_index: int = 0) -> Locator:
    """The cell under `header` in the row that contains `row_text`. A grid drawn anew after a
    change shows its header row a moment after its canvas: wait until `header` is in it."""
    table = accessible_table(page, table_index)
    header_cells = table.locator("thead th")
    expect(header_cells.filter(has_text=re.compile(f"^{re.escape(header)}$"))).to_have_count(1)
    headers = header_cells.all_text_contents()
    row = table.locator("tbody tr").filter(has_text=row_text)
    return row.locator(f'td[aria-colindex="{headers.index(header) + 1}"]')


def column(page: Page, header: str, table_index: int = 0) -> list[str]:
    return cells(page, header, table_index).all_text_contents()
