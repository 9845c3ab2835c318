"""Small text helpers for showing user data safely and tables as CSV."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

import pandas as pd

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")


# A web address, less the punctuation that ends the sentence around it.
_WEB_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s`]*[^\s`.,;:!?)\]'\"]", re.I)


def escape_markdown(text: str) -> str:
    """User text inside st.markdown/st.caption: every markdown or HTML character escaped,
    so a name like `**x**` or `<img>` shows literally. Web addresses become code spans:
    Streamlit's markdown links them even escaped, and text from signals or error messages
    should not turn into something to click."""
    parts: list[str] = []
    start = 0
    for address in _WEB_ADDRESS.finditer(text):
        parts += [_MARKDOWN_SPECIAL.sub(r"\\\1", text[start : address.start()]), f"`{address[0]}`"]
        start = address.end()
    return "".join([*parts, _MARKDOWN_SPECIAL.sub(r"\\\1", text[start:])])


def clean(value: object) -> str:
    """A cell as form text: missing values (None, NaN) become an empty string."""
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return str(value)


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural_form or noun + 's')}"


def joined(values: Iterable[object] | None, sep: str = ", ") -> str:
    return sep.join(str(v) for v in values or () if v is not None and str(v))


def split_joined(text: str, sep: str = ",") -> list[str]:
    """The inverse of `joined` for text a user edited: parts trimmed, empty ones dropped."""
    return [part.strip() for part in text.split(sep) if part.strip()]


def index_of(options: list[str], value: object) -> int | None:
    """Where `value` stands among a select box's options, or None (nothing preselected)."""
    return options.index(value) if value in options else None


def when(moment: datetime | None) -> str:
    return "" if moment is None or pd.isna(moment) else moment.strftime("%Y-%m-%d %H:%M UTC")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as UTF-8 CSV (with BOM, so spreadsheet apps detect the encoding); list cells
    become `a; b`."""
    flat = frame.copy()
    for column in flat.columns:
        if flat[column].map(lambda v: isinstance(v, list | tuple | set)).any():
            flat[column] = flat[column].map(
                lambda v: "; ".join(map(str, v)) if isinstance(v, list | tuple | set) else v
            )
    return flat.to_csv(index=False).encode("utf-8-sig")
