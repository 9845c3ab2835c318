"""Themes: the workspace's insights grouped by what they are about, named by key phrases.

Each insight is a bag of word stems (its name counts twice, then its evidence quotes), weighed
by TF-IDF over the workspace so that words every insight uses ("app", "issue") weigh little
and the words of a subject ("photo", "attach", "dark", "mode") much. Insights whose vectors
are close (cosine >= SIMILAR) are neighbours; the insight with the most neighbours leads a
theme and takes its unclaimed neighbours, then the next one does, so a theme never chains
from one subject into another through a string of half-similar insights. A theme is named by
the stems most of its insights' names share, in the order its leader's name says them, spelled as
the insights spell them ("Crashes attaching photo", "Dark mode").

Counts per theme: insights, mentions (evidence quotes; an insight without quotes is one
mention) and distinct signals. The trend counts, per week, each signal linked to a theme's
insights in the week it occurred (an insight with no known signal, in the week it was made).
Pure pandas/scikit-learn: no Streamlit, no I/O (memo.py caches it, charts.py draws it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

SIMILAR = 0.3  # cosine at or above which two insights speak of the same subject
SHARED = 0.5  # a stem names a theme when at least this share of its insights use it
NAME_TERMS = 3
MIN_INSIGHTS = 2  # a single insight is not a theme
_CHUNK = 1000  # rows of the similarity product computed at once (bounded memory)
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words of every product complaint: they say nothing about which subject it is.
_GENERIC = frozenset((
    "app", "application", "please", "would", "like", "love", "really", "just", "get", "got",
    "use", "using", "used", "want", "wish", "need", "needs", "add", "feature", "issue",
    "problem", "customer", "customers", "user", "users", "time", "times", "every", "always",
    "still", "even", "also", "make", "makes", "thing", "things", "way", "lot", "work", "works",
    "working",
))  # fmt: skip
_STOP = ENGLISH_STOP_WORDS | _GENERIC
_SUFFIXES = ("ments", "ment", "ings", "ing", "ies", "es", "ed", "s")

THEME_COLUMNS = ("theme", "insights", "mentions", "signals", "insight_ids", "signal_ids")


def stem(word: str) -> str:
    """A word without its common English endings: crashes, crashed, crashing -> crash."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if suffix == "ies":
                return base + "y"
            if suffix == "es" and not base.endswith(("sh", "ch", "x", "s", "z")):
                return word[:-1]  # "modes" -> "mode", but "crashes" -> "crash"
            return base
    return word


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP]


def _document(name: str, evidence: str) -> list[str]:
    """The stems of one insight: the name twice (it is the finding), then the quotes."""
    named = [stem(w) for w in _words(name)]
    return named + named + [stem(w) for w in _words(evidence)]


def _neighbours(vectors: sparse.csr_matrix) -> list[np.ndarray]:
    """For each insight, the insights at cosine >= SIMILAR (itself included)."""
    found: list[np.ndarray] = []
    transposed = vectors.T.tocsc()
    for start in range(0, vectors.shape[0], _CHUNK):
        block = (vectors[start : start + _CHUNK] @ transposed).tocsr()
        block.data[block.data < SIMILAR] = 0
        block.eliminate_zeros()
        found += [
            block.indices[block.indptr[r] : block.indptr[r + 1]] for r in range(block.shape[0])
        ]
    return found


def _groups(neighbours: Sequence[np.ndarray]) -> list[list[int]]:
    """Leaders by neighbour count take their unclaimed neighbours (see the module's note)."""
    claimed = np.zeros(len(neighbours), dtype=bool)
    groups = []
    for leader in sorted(range(len(neighbours)), key=lambda i: (-len(neighbours[i]), i)):
        if claimed[leader]:
            continue
        members = [leader] + [int(i) for i in neighbours[leader] if i != leader and not claimed[i]]
        claimed[members] = True
        groups.append(members)
    return groups


def _spellings(names: Sequence[str]) -> dict[str, str]:
    """Each stem's most common spelling in these names."""
    seen: dict[str, Counter[str]] = {}
    for name in names:
        for word in _words(name):
            seen.setdefault(stem(word), Counter())[word] += 1
    return {s: counts.most_common(1)[0][0] for s, counts in seen.items()}


def theme_name(names: Sequence[str]) -> str:
    """The stems most of the theme's insight names share, in its leader's (the first) order."""
    share = Counter(s for name in names for s in {stem(w) for w in _words(name)})
    shared = [s for s, n in share.most_common() if n >= SHARED * len(names)]
    order = [stem(w) for w in _words(names[0])]
    picked = sorted(shared[:NAME_TERMS], key=lambda s: order.index(s) if s in order else len(order))
    spelled = _spellings(names)
    words = [spelled.get(s, s) for s in picked] or [names[0]]
    phrase = " ".join(words)
    return phrase[:1].upper() + phrase[1:]


def find_themes(insights: pd.DataFrame) -> pd.DataFrame:
    """Themes of the insights not archived, most mentioned first (THEME_COLUMNS)."""
    live = insights[insights["status"] != "archived"].reset_index(drop=True)
    if len(live) < MIN_INSIGHTS:
        return pd.DataFrame(columns=THEME_COLUMNS)
    evidence = live["evidence"].fillna("")
    documents = [_document(n, e) for n, e in zip(live["name"].fillna(""), evidence, strict=True)]
    if not any(documents):
        return pd.DataFrame(columns=THEME_COLUMNS)
    vectors = TfidfVectorizer(analyzer=lambda doc: doc, sublinear_tf=True).fit_transform(documents)
    quotes = evidence.map(lambda text: max(1, sum(1 for line in text.split("\n") if line.strip())))
    rows = []
    for members in _groups(_neighbours(vectors.tocsr())):
        if len(members) < MIN_INSIGHTS:
            continue
        chosen = live.iloc[members]
        signal_ids = sorted({s for ids in chosen["signal_ids"] for s in ids or ()})
        rows.append({
            "theme": theme_name(chosen["name"].tolist()),
            "insights": len(members),
            "mentions": int(quotes.iloc[members].sum()),
            "signals": len(signal_ids),
            "insight_ids": chosen["id"].tolist(),
            "signal_ids": signal_ids,
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=THEME_COLUMNS)
    frame = frame.sort_values(["mentions", "insights"], ascending=False, ignore_index=True)
    # Two themes may share a name; the chart and the picker tell themes apart by it.
    repeat = frame.groupby("theme").cumcount()
    frame["theme"] = frame["theme"].where(
        repeat == 0, frame["theme"] + " (" + (repeat + 1).astype(str) + ")"
    )
    return frame


def weekly_mentions(
    themes: pd.DataFrame,
    insights: pd.DataFrame,
    signals: pd.DataFrame,
    today: date,
    weeks: int = 12,
) -> pd.DataFrame:
    """Mentions of each theme per week (Monday starts), the last `weeks` up to `today`'s:
    columns week, theme, mentions, every week present for every theme (zeros included)."""
    starts = pd.date_range(end=pd.Timestamp(today).to_period("W-SUN").start_time, periods=weeks,
                           freq="7D")  # fmt: skip
    occurred = dict(zip(signals["id"], signals["created_at"], strict=True))
    made = dict(zip(insights["id"], insights["created_at"], strict=True))
    linked = dict(zip(insights["id"], insights["signal_ids"], strict=True))
    moments = []
    for theme in themes.itertuples():
        for insight_id in theme.insight_ids:
            dated = [occurred[s] for s in linked.get(insight_id) or () if s in occurred]
            moments += [(theme.theme, moment) for moment in dated or [made[insight_id]]]
    frame = pd.DataFrame(moments, columns=["theme", "at"])
    at = pd.to_datetime(frame["at"], utc=True).dt.tz_convert(None)
    frame["week"] = at.dt.to_period("W-SUN").dt.start_time
    counts = frame[frame["week"] >= starts[0]].groupby(["theme", "week"]).size()
    grid = pd.MultiIndex.from_product([themes["theme"].unique(), starts], names=["theme", "week"])
    return counts.reindex(grid, fill_value=0).rename("mentions").reset_index()
