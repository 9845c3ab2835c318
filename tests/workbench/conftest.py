"""AppTest fixtures: the real app against the live local server, one fresh workspace per test."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from zentrik_ui import ZentrikClient
from zentrik_ui.models import Signal

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGES = ("inbox", "triage", "opportunities", "ideas", "overview", "settings")


@dataclass
class Workbench:
    client: ZentrikClient
    key: str

    def open(self, page: str = "inbox") -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
        if page != "inbox":
            at.switch_page(f"pages/{page}.py")
            at.run()
        return at

    def wait_processed(self, timeout: float = 60.0) -> list[Signal]:
        """Every signal of the workspace, once none is pending or processing."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            signals = list(self.client.signals.iter())
            if all(s.status in ("processed", "failed") for s in signals):
                return signals
            time.sleep(0.2)
        raise AssertionError("signals were not processed in time")


@pytest.fixture
def workbench(
    live_server, make_key: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Workbench]:
    key = make_key()
    monkeypatch.setenv("ZENTRIK_API_URL", live_server.base_url)
    monkeypatch.setenv("ZENTRIK_API_KEY", key)
    monkeypatch.setenv("ZENTRIK_ADMIN_TOKEN", live_server.admin_token)
    with ZentrikClient(live_server.base_url, key) as client:
        yield Workbench(client, key)


def problems(at: AppTest) -> list[str]:
    """Exceptions and error messages on the screen (a healthy screen has none)."""
    return [e.value for e in at.exception] + [e.value for e in at.error]


def texts(at: AppTest) -> str:
    """All the prose on the screen, to look for what a user would read."""
    parts = [*at.markdown, *at.caption, *at.text, *at.info, *at.success, *at.warning]
    return "\n".join(str(p.value) for p in parts)


def paste(at: AppTest, text: str) -> None:
    """Paste `text` into the Inbox form and press Add signal."""
    at.text_area(key="paste_text").input(text)
    at.run()
    button(at, "Add signal").click()
    at.run()


def button(at: AppTest, label: str):
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; have {[b.label for b in at.button]}"
    return matches[0]


def select_rows(at: AppTest, table: str, rows: list[int]) -> None:
    """Select rows of the selectable table named `table` (its key carries a generation)."""
    keys = [frame.key for frame in at.dataframe if frame.key and frame.key.startswith(table)]
    assert keys, f"no selectable table {table!r} on the screen"
    at.session_state[keys[0]] = {"selection": {"rows": rows, "columns": [], "cells": []}}


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the screen that has `column` (tables without a selection have no
    key AppTest can see)."""
    for frame in at.dataframe:
        value = frame.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with a {column!r} column")
