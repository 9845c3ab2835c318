"""Column configs shared by the screens' tables: status badges, dates, scores, evidence."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import streamlit as st

STATUS_COLORS: dict[str, str] = {
    # signals
    "pending": "gray", "processing": "blue", "processed": "green", "failed": "red",
    # insights
    "draft": "yellow", "published": "green", "archived": "gray",
    # opportunities
    "discovery": "blue", "defined": "violet", "validated": "green",
    # ideas
    "evaluating": "blue", "backlog": "gray", "development": "violet", "released": "green",
}  # fmt: skip


def with_badges(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """The frame with each status cell as a one-item list, which a badge column draws as a
    coloured pill."""
    return frame.assign(
        **{name: [[v] if isinstance(v, str) else [] for v in frame[name]] for name in columns}
    )


def badge_column(label: str, statuses: Iterable[str]) -> st.column_config.MultiselectColumn:
    known = list(dict.fromkeys(statuses))
    return st.column_config.MultiselectColumn(
        label,
        options=known,
        color=[STATUS_COLORS.get(status, "gray") for status in known],
    )


def when_column(label: str = "Created", width: str | int = "medium") -> st.column_config.Column:
    return st.column_config.DatetimeColumn(label, format="YYYY-MM-DD HH:mm", width=width)


def score_column(label: str = "Score", help: str | None = None) -> st.column_config.Column:
    return st.column_config.ProgressColumn(
        label, min_value=0, max_value=100, format="%d", width="small", help=help
    )


def text_column(
    label: str, width: str | int = "medium", help: str | None = None, pinned: bool | None = None
):
    """A text column; `width` in Streamlit's sizes or pixels. A pinned column stays in view
    while the others scroll (the name a row is about)."""
    return st.column_config.TextColumn(label, width=width, help=help, pinned=pinned)


def count_column(label: str, help: str | None = None) -> st.column_config.Column:
    """A narrow whole-number column (its label is the longest text in it)."""
    return st.column_config.NumberColumn(label, width="small", format="%d", help=help)
