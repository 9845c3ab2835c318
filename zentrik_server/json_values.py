"""Request values every later read can write back: checked in one walk, before anything is stored.

Free-form fields (`data`, `source`, `aiSuggestions`, ...) take any JSON, and Python's parser
accepts more than the response writer (orjson) and the databases hold: `1e400` becomes `inf`,
integers have no size, a lone `\\ud800` escape becomes an unencodable string, nesting has no
bound, and PostgreSQL stores no NUL. Stored, any of these made every later read of its list
fail, so the request models (schemas.ApiModel) refuse them with a 422 naming the field.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

# Objects and arrays nested deeper than this inside one body field are refused, on create and
# PATCH alike; real payloads nest a handful of levels, and the bound keeps every reader
# (orjson stops at 255, recursive code at Python's recursion limit) far from its own limit.
MAX_DEPTH = 32
# Signed 64 bits: the widest integer orjson, SQLite and a PostgreSQL bigint all hold.
_INT_RANGE = range(-(2**63), 2**63)

Path = list[str | int]
Problem = tuple[Path, str]


def first_problem(value: Any, depth: int = 0) -> Problem | None:
    """The first value inside `value` that cannot be stored and read back, with its path."""
    if isinstance(value, str):
        return _text_problem(value)
    if isinstance(value, int):  # bool included: always in range
        return None if value in _INT_RANGE else ([], "must be a 64-bit signed integer")
    if isinstance(value, float):
        return None if math.isfinite(value) else ([], "must be a finite number")
    if isinstance(value, datetime):
        return _moment_problem(value)
    if isinstance(value, BaseModel | Mapping | list | tuple):
        if depth >= MAX_DEPTH:
            return [], f"must not nest objects or arrays more than {MAX_DEPTH} levels deep"
        if isinstance(value, list | tuple):
            return _items_problem(value, depth + 1)
        return _mapping_problem(
            wire_items(value) if isinstance(value, BaseModel) else value, depth + 1
        )
    return None  # None, and nothing else JSON or a declared field can produce


def wire_items(model: BaseModel) -> dict[str, Any]:
    """A model's values by the names the client sent them under (aliases; extra keys as sent)."""
    fields = type(model).model_fields
    return {
        (fields[name].alias or name) if name in fields else name: value for name, value in model
    }


def path_name(field: str, path: Path) -> str:
    """`("data", ["a", 0, "b"])` -> `data.a[0].b`, as errors._field_name names fields."""
    return field + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _mapping_problem(mapping: Mapping[Any, Any], depth: int) -> Problem | None:
    for key, item in mapping.items():
        if not isinstance(key, str):
            return [], "object keys must be strings"
        key_problem = _text_problem(key)
        if key_problem is not None:
            # The key itself is not named: it may be the very text that cannot be written.
            return [], f"object keys {key_problem[1]}"
        problem = first_problem(item, depth)
        if problem is not None:
            problem[0].insert(0, key)
            return problem
    return None


def _items_problem(items: list[Any] | tuple[Any, ...], depth: int) -> Problem | None:
    for index, item in enumerate(items):
        problem = first_problem(item, depth)
        if problem is not None:
            problem[0].insert(0, index)
            return problem
    return None


def _text_problem(text: str) -> Problem | None:
    if "\x00" in text:  # PostgreSQL cannot store NUL in text or JSON
        return [], "must not contain NUL (\\u0000) characters"
    if not text.isascii():  # isascii is O(1); encoding finds lone surrogates at C speed
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return [], "must not contain lone surrogates (\\ud800-\\udfff)"
    return None


def _moment_problem(moment: datetime) -> Problem | None:
    # Stored and written as UTC: 0001-01-01T00:00+01:00 is in year 0 there.
    if moment.tzinfo is None:
        return None
    try:
        moment.astimezone(UTC)
    except OverflowError:
        return [], "must fall within years 1 to 9999 in UTC"
    return None
