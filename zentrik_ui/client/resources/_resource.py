"""What every resource shares: list, iter, get, update, delete over the client's transport."""

from __future__ import annotations

import builtins
import uuid
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from functools import cache
from typing import Any, ClassVar, Generic, TypeVar
from urllib.parse import quote

import httpx
from pydantic import TypeAdapter, ValidationError
from pydantic.alias_generators import to_camel

from zentrik_ui.client._base import BaseClient, Retry
from zentrik_ui.client._exceptions import APIStatusError, InvalidRequestError, NotFoundError
from zentrik_ui.models import ApiModel, Payload

DEFAULT_PAGE_SIZE = 100

M = TypeVar("M", bound=ApiModel)
P = TypeVar("P", bound=Payload)
T = TypeVar("T")


class NotSupported(Enum):
    """What a call to one of this project's extensions answers on a server without it (a
    real Zentrik answers 404 or 405 there): the workbench then hides what needs it."""

    NOT_SUPPORTED = "not_supported"


NOT_SUPPORTED = NotSupported.NOT_SUPPORTED


@cache
def adapter(tp: Any) -> TypeAdapter[Any]:
    """One TypeAdapter per type for the whole process: building one costs milliseconds."""
    return TypeAdapter(tp)


def build(payload_cls: type[P], **fields: Any) -> P:
    """A request body, or an InvalidRequestError naming each refused field (snake_case)."""
    try:
        return payload_cls(**fields)
    except ValidationError as exc:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]) or "body", "message": e["msg"]}
            for e in exc.errors()
        ]
        named = "; ".join(f"{p['field']}: {p['message']}" for p in problems)
        raise InvalidRequestError(
            f"Not sent, some values were refused: {named}", problems
        ) from None


def query_params(filters: Mapping[str, Any]) -> dict[str, Any]:
    """snake_case keyword filters as the API's camelCase query parameters; None dropped."""
    params: dict[str, Any] = {}
    for name, value in filters.items():
        if value is None:
            continue
        params[to_camel(name)] = str(value).lower() if isinstance(value, bool) else value
    return params


Filter = Callable[[Any, Any], bool]


def field_is(name: str) -> Filter:
    return lambda item, value: getattr(item, name) == value


def field_contains(name: str) -> Filter:
    return lambda item, value: value in getattr(item, name)


class Resource(Generic[M]):
    """A collection under `/external/v1/<name>`; subclasses add their create and extras."""

    path: ClassVar[str]
    model: ClassVar[type[Any]]
    update_model: ClassVar[type[Payload]]
    # Filters are our server's extension: a real Zentrik ignores them and answers every item.
    # Each is also applied here, so `status="draft"` means drafts only, whatever the server.
    filters: ClassVar[dict[str, Filter]] = {}

    def __init__(self, client: BaseClient) -> None:
        self._client = client

    def _item_path(self, id: str) -> str:
        if not id:
            raise ValueError(f"An id is required to address one of {self.path}.")
        return f"{self.path}/{quote(str(id), safe='')}"

    def list(self, *, limit: int = 20, offset: int = 0, **filters: Any) -> builtins.list[M]:
        """One page, newest first, narrowed by `filters` (e.g. `status="draft"`).

        Against a server that ignores filters a page may hold fewer than `limit` items.
        """
        return self._matching(self._page(limit, offset, filters), filters)

    def iter(self, *, page_size: int = DEFAULT_PAGE_SIZE, **filters: Any) -> Iterator[M]:
        """Every matching item, walking limit/offset pages until a short page.

        Items created while walking shift later pages; an id already yielded is skipped.
        """
        seen: set[str] = set()
        offset = 0
        while True:
            page = self._page(page_size, offset, filters)
            for item in self._matching(page, filters):
                if item.id not in seen:
                    seen.add(item.id)
                    yield item
            if len(page) < page_size:
                return
            offset += page_size

    def _page(self, limit: int, offset: int, filters: dict[str, Any]) -> builtins.list[M]:
        unknown = sorted(set(filters) - set(self.filters))
        if unknown:
            known = ", ".join(sorted(self.filters)) or "none"
            problems = [{"field": name, "message": "unknown filter"} for name in unknown]
            raise InvalidRequestError(
                f"Unknown filter(s) {', '.join(unknown)} for {self.path}; known: {known}.",
                problems,
            )
        params = {"limit": limit, "offset": offset, **query_params(filters)}
        try:
            return self._client.request_model(
                "GET", self.path, adapter(builtins.list[self.model]), params=params
            )
        except NotFoundError as exc:
            # A collection itself is never missing on a Zentrik API: the URL is wrong.
            exc.reword(
                f"There is no Zentrik API at {self._client.base_url} ({self.path} was not "
                f"found). Check the API URL in Settings. Server said: {exc.message}"
            )
            raise

    def _matching(self, items: builtins.list[M], filters: dict[str, Any]) -> builtins.list[M]:
        active = [
            (self.filters[name], value) for name, value in filters.items() if value is not None
        ]
        if not active:
            return items
        return [item for item in items if all(match(item, value) for match, value in active)]

    def _one(self, response: httpx.Response) -> M:
        """A single-object answer, carrying its `ETag` (`.etag`, None if the server sent none)."""
        item: M = self._client.parse(response, adapter(self.model))
        return item.tagged(response.headers.get("etag"))

    def get(self, id: str) -> M:
        return self._one(self._client.request("GET", self._item_path(id)))

    def update(self, id: str, *, if_match: str | None = None, **fields: Any) -> M:
        """Change only the fields given; `field=None` clears that field on purpose.

        `if_match` (an `.etag` read earlier): change only that version, else raise
        PreconditionFailedError and change nothing. None: change whatever is there now.
        """
        body = build(self.update_model, **fields).to_update_body()
        headers = _if_match(if_match)
        response = self._client.request("PATCH", self._item_path(id), json=body, headers=headers)
        if not response.content:
            return self.get(id)
        return self._one(response)

    def delete(self, id: str, *, if_match: str | None = None) -> None:
        """Delete it; with `if_match`, only if it is still that version (see `update`)."""
        self._client.request("DELETE", self._item_path(id), headers=_if_match(if_match))

    def _extension(self, id: str, send: Callable[[], T]) -> T | NotSupported:
        """`send()` (a call to an extension route under item `id`), or NOT_SUPPORTED when the
        server has no such route: a 405, or a 404 while the item itself is there (a 404 for
        a missing item is raised as it is)."""
        try:
            return send()
        except APIStatusError as exc:
            if exc.status_code == 405 or (exc.status_code == 404 and self._exists(id)):
                return NOT_SUPPORTED
            raise

    def _exists(self, id: str) -> bool:
        try:
            self.get(id)
        except NotFoundError:
            return False
        return True

    def _create(
        self, payload_cls: type[Payload], idempotency_key: str | None = None, **fields: Any
    ) -> M:
        payload = build(payload_cls, **fields)
        # One key per call, reused by every retry of it: the server answers a repeat with
        # the first result, so retrying a create never makes a duplicate. A caller that
        # retries by hand (a failed upload row) passes its own key for the same effect.
        headers = {"Idempotency-Key": idempotency_key or str(uuid.uuid4())}
        response = self._client.request(
            "POST", self.path, json=payload.to_create_body(), headers=headers
        )
        return self._one(response)


def _if_match(etag: str | None) -> dict[str, str] | None:
    return {"If-Match": etag} if etag is not None else None


__all__ = [
    "DEFAULT_PAGE_SIZE",
    "NOT_SUPPORTED",
    "NotSupported",
    "Resource",
    "Retry",
    "adapter",
    "build",
    "query_params",
]
