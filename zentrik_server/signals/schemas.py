"""Signal payloads: the typed text flow and the raw flow share one create body."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from zentrik_server import vocabulary
from zentrik_server.errors import Invalid
from zentrik_server.schemas import ApiModel, ApiOut, ListQuery
from zentrik_server.signals.content_hash import HASH_LENGTH

# The wire values (an inline enum in the OpenAPI document), read into the vocabulary's member.
SignalType = vocabulary.wire_literal(vocabulary.SignalType)
TypedSignal = Annotated[SignalType, AfterValidator(vocabulary.SignalType)]
SignalStatus = Literal["pending", "processing", "processed", "failed"]


class SignalSource(BaseModel):
    """`{type, external_data?}`; snake_case `external_data` as in the spec, extra keys kept."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(min_length=1, max_length=200)
    external_data: dict[str, Any] | None = None


def _without_server_keys(data: dict[str, Any] | None) -> dict[str, Any] | None:
    # The server makes `s3Key` (where a typed signal's text lives); a client value would point
    # the server at a path of the client's choosing.
    if data is not None and "s3Key" in data:
        raise Invalid.field("data.s3Key", "a server-made key; clients cannot set it")
    return data


ClientData = Annotated[
    dict[str, Any] | None,
    AfterValidator(_without_server_keys),
    Field(description="Free-form JSON; `s3Key` is the server's and cannot be sent"),
]


class SignalCreate(ApiModel):
    name: str | None = Field(
        default=None, min_length=1, description="Generated from signalType and time if omitted"
    )
    text: str | None = Field(default=None, min_length=1, description="The text to process")
    signal_type: TypedSignal | None = Field(
        default=None,
        description="The text's type; guessed from its shape if omitted (speaker lines: "
        "transcript; Subject:, greeting, sign-off: support_ticket; report sections: "
        "discovery_report; otherwise review)",
    )
    additional_context: str | None = None
    occurred_at: datetime | None = Field(default=None, description="Becomes createdAt")
    product_ids: list[str] = Field(default_factory=list)
    account_id: str | None = None
    # The raw flow (no text): lower-level fields, auto-queued as well.
    source: SignalSource | None = None
    data: ClientData = None
    external_id: str | None = Field(default=None, max_length=500)
    context: str | None = Field(default=None, max_length=64)


class SignalUpdate(ApiModel):
    name: str = Field(default=None, min_length=1)  # type: ignore[assignment]
    source: SignalSource = Field(default=None)  # type: ignore[assignment]
    data: ClientData = None
    insight_ids: list[str] = Field(default=None)  # type: ignore[assignment]
    external_id: str | None = Field(default=None, max_length=500)
    status: SignalStatus = Field(default=None)  # type: ignore[assignment]
    context: str | None = Field(default=None, max_length=64)


class Processing(ApiOut):
    last_job_id: str | None
    started_at: datetime | None
    processed_at: datetime | None
    failed_at: datetime | None
    last_error: str | None


class SignalOut(ApiOut):
    id: str
    name: str
    public_id: str
    workspace_id: str
    status: SignalStatus
    context: str | None
    signal_type: TypedSignal | None
    source: dict[str, Any]
    data: dict[str, Any] | None
    insight_ids: list[str]
    external_id: str | None
    content_hash: str | None = Field(
        description="Typed signals: sha256 of the text, whitespace-collapsed and NFC "
        "(signals/content_hash.py), to recognise a text imported again; null for raw signals"
    )
    created_at: datetime
    updated_at: datetime
    processing: Processing
    job_id: str | None = Field(default=None, description="On create responses only")


class QueuedJob(ApiOut):
    job_id: str


def contains_pattern(words: str) -> str:
    """A LIKE pattern matching `words` anywhere, with `%`, `_` and `\\` matched literally."""
    escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# Kept as its LIKE pattern: list filters hand their values to the query as they are.
SearchWords = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(contains_pattern)]


MAX_HASHES = 100
_HASH = re.compile(rf"^[0-9a-f]{{{HASH_LENGTH}}}$")


def hash_list(value: str) -> str:
    """Comma-separated content hashes (1 to MAX_HASHES) as the JSON array the filter reads."""
    hashes = [part.strip().lower() for part in value.split(",") if part.strip()]
    if not hashes or len(hashes) > MAX_HASHES:
        raise ValueError(f"give 1 to {MAX_HASHES} content hashes, separated by commas")
    if not all(_HASH.match(h) for h in hashes):
        raise ValueError(f"a content hash is {HASH_LENGTH} hexadecimal digits (sha256)")
    return json.dumps(sorted(set(hashes)))


# Kept as a JSON array: list filters hand their values to the query as one string.
HashList = Annotated[str, Field(max_length=MAX_HASHES * 65), AfterValidator(hash_list)]


class SignalListQuery(ListQuery):
    status: SignalStatus | None = None
    signal_type: TypedSignal | None = None
    q: SearchWords | None = Field(
        default=None, description="Only signals whose name or text contains this (any case)"
    )
    content_hash: HashList | None = Field(
        default=None,
        description=f"Only typed signals whose contentHash is one of these (up to {MAX_HASHES}, "
        "comma-separated): which texts of an upload this workspace already has",
    )


class SignalTextOut(ApiOut):
    text: str = Field(description="The text processing reads: typed text, or raw `data` text")
