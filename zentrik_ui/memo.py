"""Cached versions of the screens' heavier derivations (evidence table, charts).

A rerun that changes nothing (a click on a filter, a selection) must not rebuild a plotly
figure or rescore 200 opportunities over 10,000 insights. These wrap the pure builders in
`st.cache_data`, hashing each DataFrame argument by a cheap content token instead of all its
cells: ids, statuses, link counts and `updated_at` — every write the workbench makes changes
one of those (a PATCH bumps `updated_at` of what it touched; a link changes a count).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from zentrik_ui import charts, themes, views

F = TypeVar("F", bound=Callable[..., object])

_TOKEN_COLUMNS = ("id", "status", "updated_at", "score", "name")


def frame_token(frame: pd.DataFrame) -> tuple[int, tuple[str, ...], int]:
    """Rows, columns and a hash of the columns that change when the data does: the watched
    names plus every numeric column (link counts, scores, the evidence counts)."""
    watched = [
        c
        for c in frame.columns
        if c in _TOKEN_COLUMNS or pd.api.types.is_numeric_dtype(frame[c].dtype)
    ]
    digest = int(pd.util.hash_pandas_object(frame[watched], index=False).sum()) if len(frame) else 0
    return len(frame), tuple(frame.columns), digest


def _cached(fn: F) -> F:
    # ttl: the score suggestion decays with time, so an hour-old figure is rebuilt.
    return st.cache_data(
        ttl=3600, max_entries=16, show_spinner=False, hash_funcs={pd.DataFrame: frame_token}
    )(fn)


opportunity_evidence = _cached(views.opportunity_evidence)
opportunity_evidence_scatter = _cached(charts.opportunity_evidence_scatter)
opportunity_ranking = _cached(charts.opportunity_ranking)
counts_by_status = _cached(charts.counts_by_status)
idea_funnel = _cached(charts.idea_funnel)
signals_over_time = _cached(charts.signals_over_time)
insights_by_status_and_type = _cached(charts.insights_by_status_and_type)
insights_by_kind = _cached(charts.insights_by_kind)
insights_per_week = _cached(charts.insights_per_week)
themes_of = _cached(themes.find_themes)


def _theme_trend(
    top: pd.DataFrame, insights: pd.DataFrame, signals: pd.DataFrame, today: date
) -> go.Figure:
    # Mentions and figure in one entry. `top` (find_themes' first rows) follows from
    # `insights`, whose token is part of the key, so its own token needs no theme names.
    return charts.theme_trend(themes.weekly_mentions(top, insights, signals, today))


theme_trend = _cached(_theme_trend)
