"""The response contract: each resource's Shape, its `*Out` model and the client model agree.

The JSON is built by the shapes (resources/shapes.py); the `*Out` models document it; the
client reads it with `zentrik_ui/models.py`. Nothing derives one from another, so these tests
hold them together: keys both ways (nested too), every column shown or declared internal,
the client's fields and enums the server's, and every route's live answer validated strictly
against its model (no missing or extra key, enums as their Literal) on SQLite, whose reads
render JSON in the database, and on PostgreSQL, where Python renders it.
"""

from __future__ import annotations

import json
import types
import typing
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import httpx
import pytest
from pydantic import BaseModel, ConfigDict, create_model
from pydantic import Field as ModelField

from tests.conftest import ServerHandle
from tests.server.conftest import create, settled
from tests.server.test_postgres_api import POSTGRES_URL, _reachable
from zentrik_server.admin.schemas import CreatedKey, KeyRecord
from zentrik_server.admin.schemas import ServerInfo as ServerInfoOut
from zentrik_server.ideas.repository import IDEAS
from zentrik_server.ideas.schemas import IdeaOut, IdeaStatus
from zentrik_server.insights.repository import INSIGHTS
from zentrik_server.insights.schemas import (
    ExtractedInsightOut,
    InsightOut,
    InsightStatus,
    InsightType,
    SimilarInsightOut,
)
from zentrik_server.opportunities.repository import OPPORTUNITIES
from zentrik_server.opportunities.schemas import OpportunityOut, OpportunityStatus
from zentrik_server.resources.records import Resource
from zentrik_server.resources.shapes import Nested, Shape
from zentrik_server.signals.repository import SIGNALS
from zentrik_server.signals.schemas import QueuedJob, SignalOut, SignalStatus, SignalType
from zentrik_ui import models as client_models


@dataclass(frozen=True)
class Contract:
    path: str  # /external/v1/<path>
    resource: Resource
    out: type[BaseModel]
    client: type[BaseModel]
    internal: frozenset[str]  # columns the API never shows, on purpose


CONTRACTS = {
    "signals": Contract("signals", SIGNALS, SignalOut, client_models.Signal, frozenset()),
    "insights": Contract(
        "insights",
        INSIGHTS,
        InsightOut,
        client_models.Insight,
        # Processing's bookkeeping: which signal made a draft, and whether a user edited it.
        frozenset({"workspace_id", "origin_signal_id", "edited_at"}),
    ),
    "opportunities": Contract(
        "opportunities",
        OPPORTUNITIES,
        OpportunityOut,
        client_models.Opportunity,
        frozenset({"workspace_id"}),
    ),
    "ideas": Contract("ideas", IDEAS, IdeaOut, client_models.Idea, frozenset({"workspace_id"})),
}

# Server answer model -> the client model that reads it (admin answers are not shapes).
CLIENT_READS: list[tuple[type[BaseModel], type[BaseModel]]] = [
    *((c.out, c.client) for c in CONTRACTS.values()),
    (ExtractedInsightOut, client_models.ExtractedInsight),
    (SimilarInsightOut, client_models.SimilarInsight),
    (QueuedJob, client_models.ProcessResult),
    (KeyRecord, client_models.ApiKeyRecord),
    (CreatedKey, client_models.CreatedApiKey),
    (ServerInfoOut, client_models.ServerInfo),
]

# Server Literal -> the client's StrEnum of the same values.
ENUMS: list[tuple[Any, type[StrEnum]]] = [
    (SignalType, client_models.SignalType),
    (SignalStatus, client_models.SignalStatus),
    (InsightStatus, client_models.InsightStatus),
    (InsightType, client_models.InsightType),
    (OpportunityStatus, client_models.OpportunityStatus),
    (IdeaStatus, client_models.IdeaStatus),
]

Keys = dict[str, Any]  # JSON key -> None, or the keys of the nested object


def shape_keys(shape: Shape) -> Keys:
    return {
        item.key: shape_keys(item.fields) if isinstance(item, Nested) else None for item in shape
    }


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds directly or optionally (`Processing`, `X | None`), else None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [m for a in typing.get_args(annotation) if (m := _nested_model(a)) is not None]
        return found[0] if found else None
    return None


def model_keys(model: type[BaseModel], answer_only: bool = True) -> Keys:
    """A model's keys by alias; `answer_only=False` leaves out fields with a default."""
    keys: Keys = {}
    for name, info in model.model_fields.items():
        if answer_only or info.is_required():
            nested = _nested_model(info.annotation)
            keys[info.alias or name] = None if nested is None else model_keys(nested)
    return keys


def strict(model: type[BaseModel], answer_only: bool = False) -> type[BaseModel]:
    """`model` with every key required and no other allowed, values not coerced.

    Answer-only fields (those with a default, like a signal create's `jobId`) are required
    too with `answer_only`, else refused.
    """
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if answer_only or info.is_required():
            annotation = info.annotation
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                annotation = strict(annotation)
            fields[name] = (annotation, ModelField(alias=info.alias))
    config = ConfigDict(extra="forbid", strict=True)
    return create_model(f"Strict{model.__name__}", __config__=config, **fields)


# --- the declarations agree ------------------------------------------------------------------


@pytest.mark.parametrize("name", CONTRACTS)
def test_the_shape_sends_exactly_the_keys_its_model_requires(name: str) -> None:
    contract = CONTRACTS[name]
    assert shape_keys(contract.resource.shape) == model_keys(contract.out, answer_only=False)


@pytest.mark.parametrize("name", CONTRACTS)
def test_every_column_is_shown_or_declared_internal(name: str) -> None:
    contract = CONTRACTS[name]

    def sources(shape: Shape) -> set[str]:
        found: set[str] = set()
        for item in shape:
            if isinstance(item, Nested):
                found |= sources(item.fields)
            elif item.link is None:
                found.add(item.source)
        return found

    columns = {column.name for column in contract.resource.table.c}
    shown = sources(contract.resource.shape)
    assert shown <= columns
    assert columns - shown == contract.internal


@pytest.mark.parametrize(("out", "client"), CLIENT_READS, ids=lambda m: m.__name__)
def test_the_client_model_has_a_field_for_every_key(
    out: type[BaseModel], client: type[BaseModel]
) -> None:
    # Client fields all have defaults (the spec's examples are sparse), so only names compare.
    assert model_keys(client) == model_keys(out)


@pytest.mark.parametrize(("server", "client"), ENUMS, ids=[e.__name__ for _, e in ENUMS])
def test_the_client_enums_are_the_server_literals(server: Any, client: type[StrEnum]) -> None:
    assert [member.value for member in client] == list(typing.get_args(server))


# --- the live answers match ----------------------------------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    """A client for a fresh workspace, on SQLite (the `client` fixture) or on PostgreSQL."""
    if request.param == "sqlite":
        yield request.getfixturevalue("client")
        return
    if not _reachable(POSTGRES_URL):
        pytest.skip("ZENTRIK_TEST_POSTGRES_URL unset or unreachable")
    server: ServerHandle = request.getfixturevalue("pg_server")
    base_url, admin = server.base_url, {"Authorization": f"Bearer {server.admin_token}"}
    workspace = {"workspace": f"contract-{uuid.uuid4().hex[:12]}"}
    key = httpx.post(
        f"{base_url}/admin/v1/keys", json=workspace, headers=admin, timeout=10.0
    ).json()["key"]
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30.0) as client:
        yield client


def check(model: type[BaseModel], body: bytes | dict[str, Any], answer_only: bool = False) -> None:
    """The answer validates strictly against `model`, and its client model keeps every key."""
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    strict(model, answer_only).model_validate_json(raw, strict=True)
    client = dict(CLIENT_READS)[model].model_validate_json(raw)
    for read in [client, *(v for _, v in client if isinstance(v, BaseModel))]:
        assert read.model_extra == {}, f"{type(read).__name__} has no field for {read.model_extra}"


def check_reads(api: httpx.Client, objects: dict[str, list[str]]) -> None:
    """GET one and list answers of every object made, against their models."""
    for name, ids in objects.items():
        out = CONTRACTS[name].out
        for object_id in ids:
            got = api.get(f"/external/v1/{name}/{object_id}")
            assert got.status_code == 200, got.text
            check(out, got.content)
        listed = api.get(f"/external/v1/{name}", params={"limit": 100})
        assert len(listed.json()) == len(ids)
        for item in listed.json():
            check(out, item)


def made(api: httpx.Client, resource: str, answer_only: bool = False, **body: Any) -> str:
    """Create through the API, check the create answer, and return the id."""
    created = create(api, resource, **body)
    check(CONTRACTS[resource].out, created, answer_only)
    return str(created["id"])


def patched(api: httpx.Client, resource: str, object_id: str, **body: Any) -> None:
    response = api.patch(f"/external/v1/{resource}/{object_id}", json=body)
    assert response.status_code == 200, response.text
    check(CONTRACTS[resource].out, response.content)


def test_every_answer_matches_its_model_with_every_field_set(api: httpx.Client) -> None:
    raw = made(
        api,
        "signals",
        answer_only=True,
        text=None,
        signalType=None,
        name="From analytics",
        source={"type": "product-analytics", "external_data": {"event": "x", "n": [1, 2.5]}},
        data={"sessionId": "s-1", "nested": {"list": [1, None, "two", {"deep": True}]}},
        externalId="external-1",
        context="checkout",
    )
    typed = made(
        api,
        "signals",
        answer_only=True,
        text="The CSV export is really slow and it times out.",
        signalType="support_ticket",
        additionalContext="Ticket #42",
        occurredAt="2025-03-11T14:30:00.250Z",
    )
    opportunity = made(
        api, "opportunities", description="d", score=72.5, status="validated", productId="p-1"
    )
    bare_opportunity = made(api, "opportunities")
    idea = made(
        api,
        "ideas",
        description="d",
        status="backlog",
        productId="p-1",
        opportunityIds=[opportunity],
    )
    insight = made(
        api,
        "insights",
        description="d",
        status="published",
        type="user-interview",
        productId="p-1",
        opportunityIds=[opportunity, bare_opportunity],
        ideaIds=[idea],
        signalIds=[raw],
        tagIds=["tag-1"],
        aiSuggestions={"kind": "pain", "evidence": [{"quote": "slow", "score": 0.75}], "n": None},
        externalReferences=[{"type": "doc", "url": "https://example.com/a", "name": "A"}],
    )
    bare_insight = made(api, "insights")
    assert settled(api, {"id": typed})["status"] == "processed"

    patched(api, "signals", raw, context=None, data=None, name="Renamed")
    patched(api, "opportunities", opportunity, score=33.25, productId=None)
    patched(api, "opportunities", bare_opportunity, score=85)
    patched(api, "ideas", idea, status="released", productId=None, insightIds=[])
    patched(api, "insights", insight, type=None, aiSuggestions="a JSON string", tagIds=[])
    patched(api, "insights", bare_insight, externalReferences=[], status="archived")

    every_insight = [i["id"] for i in api.get("/external/v1/insights").json()]
    check_reads(
        api,
        {
            "signals": [raw, typed],
            "opportunities": [opportunity, bare_opportunity],
            "ideas": [idea],
            "insights": every_insight,
        },
    )


TRANSCRIPT = (
    "Interviewer: How do you use exports?\n"
    "Customer: The CSV export is really slow and it times out on big workspaces.\n"
    "Customer: I wish I could schedule exports every Monday."
)


def test_process_transcript_answers_insights_as_created_with_or_without_saving(
    api: httpx.Client,
) -> None:
    route = "/external/v1/insights/process-transcript/insights"
    body = {"transcript": TRANSCRIPT, "productId": "p-1"}
    dry = api.post(route, json=body)
    saved = api.post(route, json=body | {"createInsights": True})
    assert dry.status_code == saved.status_code == 200
    for answer in (dry, saved):
        assert answer.json()
        for insight in answer.json():
            check(ExtractedInsightOut, insight)
    assert all(insight["id"] is None for insight in dry.json())

    # The dry run is the saved answer but for what saving gives: an id and the time.
    def unsaved(insight: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in insight.items() if k not in ("id", "createdAt", "updatedAt")}

    assert [unsaved(i) for i in dry.json()] == [unsaved(i) for i in saved.json()]


def test_similar_insights_answer_their_model(api: httpx.Client) -> None:
    crash = {"kind": "bug", "evidence": [{"text": "The app crashes when I attach a photo."}]}
    same = {"kind": "bug", "evidence": [{"text": "Attaching a photo crashes the app."}]}
    one = made(api, "insights", name="Crash on photo attach", aiSuggestions=crash)
    made(api, "insights", name="Photo attach crashes", aiSuggestions=same, tagIds=["t"])
    answer = api.get(f"/external/v1/insights/{one}/similar")
    assert answer.status_code == 200 and len(answer.json()) == 1
    for item in answer.json():
        check(SimilarInsightOut, item)
