"""The JSON shape of each resource, declared once and rendered two ways.

`to_python` turns a row (raw driver values, link arrays included) into a dict for orjson;
`to_sqlite` builds the same object inside SQLite with `json_object(...)`, so the hot read
paths on SQLite hand the response bytes straight from the database to the socket. Both
renderings produce the same JSON (tests compare them).

A shape is the one declaration of what a resource's JSON holds; its `*Out` model (in
`<feature>/schemas.py`) describes the same object for the OpenAPI document, with the types,
enums and nullability. Neither is derived from the other, on purpose: a shape says where each
key comes from (column, rendering, link table), which a pydantic model has no place for, and
a model built from a shape would lose the `Literal` enums and descriptions the document
shows. Instead tests/server/test_contract.py checks them against each other: the keys match
both ways, and the live answers of every route validate strictly against the model (no
missing or extra key, enums as their Literal). It also checks that every column is shown or
declared internal, and that `zentrik_ui/models.py` reads every key. So a new field touches
the ORM model and its migration, the shape, the `*Out` model and the client model, and a
test fails if one of them is forgotten.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import orjson
from sqlalchemy import ColumnElement, Integer, Table, case, cast, func, literal_column

from zentrik_server.resources.links import LinkField, ids_column

# value: as stored; time: ISO 8601 UTC; json: a JSON column; list: a JSON list column, []
# when empty; score: a number, integral ones as integers; ids: a link field's id array
# (see `Field.ids`); public_id: SIGNAL-<n>.
Kind = Literal["value", "time", "json", "list", "score", "ids", "public_id"]


@dataclass(frozen=True)
class Field:
    key: str  # the JSON name
    source: str  # the column (or, for ids, the link field's name) it comes from
    kind: Kind = "value"
    link: LinkField | None = None  # for ids: the link field listed

    @classmethod
    def ids(cls, link: LinkField) -> Field:
        """The ids linked through `link`, under its JSON name (`opportunityIds`)."""
        return cls(link.name, link.name, "ids", link)


@dataclass(frozen=True)
class Nested:
    key: str
    fields: tuple[Field, ...]


Shape = tuple[Field | Nested, ...]


def to_python(shape: Shape, row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        item.key: to_python(item.fields, row)
        if isinstance(item, Nested)
        else _python_value(item.kind, row[item.source])
        for item in shape
    }


def _python_value(kind: Kind, value: Any) -> Any:
    if kind == "time":
        return _stamp(value)
    if kind in ("json", "ids"):
        return _json_value(value)
    if kind == "list":
        return [] if value is None or value == "null" else _json_value(value)
    if kind == "score":
        return _number(value)
    if kind == "public_id":
        return f"SIGNAL-{value}"
    return value


def _number(value: float | None) -> int | float | None:
    """Scores are stored as floats; 85.0 is shown as 85, as in the spec's examples."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _stamp(value: datetime | str | None) -> datetime | str | None:
    """A timestamp column as read by the driver, ready for orjson.

    PostgreSQL hands back aware datetimes. SQLite hands back the stored UTC text
    (`2025-03-11 14:30:00.000000`), which is rewritten to ISO 8601 without parsing it.
    """
    if not isinstance(value, str):
        return value
    if value.endswith(".000000"):
        return value[:10] + "T" + value[11:19] + "Z"
    return value[:10] + "T" + value[11:] + "Z"


def _json_value(value: Any) -> Any:
    """A JSON column read as text (see records._select_rows): embedded as is, unparsed."""
    return orjson.Fragment(value) if isinstance(value, str) else value


def links_of(shape: Shape) -> tuple[LinkField, ...]:
    """The link fields a shape lists, in its order."""
    return tuple(item.link for item in shape if isinstance(item, Field) and item.link is not None)


def to_sqlite(shape: Shape, table: Table) -> ColumnElement[str]:
    """`json_object(...)` of one row of `table`, as the same JSON `to_python` would give."""
    arguments: list[Any] = []
    for item in shape:
        arguments.append(literal_column(f"'{item.key}'"))
        if isinstance(item, Nested):
            arguments.append(to_sqlite(item.fields, table))
        else:
            arguments.append(_sqlite_value(item, table))
    return func.json_object(*arguments)


def _sqlite_value(item: Field, table: Table) -> Any:
    if item.link is not None:
        # json_group_array's result keeps its JSON subtype through the scalar subquery
        # (tests compare both renderings), so it is embedded as an array, not a string.
        return ids_column(item.link, table)
    column = table.c[item.source]
    if item.kind == "time":
        # Stored as `YYYY-MM-DD HH:MM:SS.ffffff`; whole seconds drop the fraction, like orjson.
        iso = _concat(func.replace(column, " ", "T"), literal_column("'Z'"))
        return func.replace(iso, ".000000Z", "Z")
    if item.kind == "json":
        return func.json(column)
    if item.kind == "list":
        return func.json(func.coalesce(func.nullif(column, "null"), "[]"))
    if item.kind == "score":
        whole_number = cast(column, Integer)
        return case((column == whole_number, whole_number), else_=column)
    if item.kind == "public_id":
        return _concat(literal_column("'SIGNAL-'"), column)
    return column


def _concat(*parts: Any) -> Any:
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.op("||")(part)
    return joined
