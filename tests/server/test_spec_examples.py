"""The spec's remaining example requests, word for word, answer as documented."""

from __future__ import annotations

import httpx
import pytest

from tests.server.conftest import create


@pytest.mark.parametrize("resource", ["signals", "insights", "opportunities", "ideas"])
def test_list_with_limit_10_is_a_bare_array(client: httpx.Client, resource: str) -> None:
    for _ in range(12):
        create(client, resource)
    response = client.get(f"/external/v1/{resource}?limit=10")
    assert response.status_code == 200
    assert isinstance(response.json(), list) and len(response.json()) == 10


def test_process_transcript_example_body(client: httpx.Client) -> None:
    body = {"transcript": "Full text of the meeting or feedback...", "createInsights": True}
    response = client.post("/external/v1/insights/process-transcript/insights", json=body)
    assert response.status_code == 200
    for insight in response.json():
        assert {"id", "name", "description", "type", "status", "createdAt"} <= set(insight)
        assert insight["status"] == "draft"


def test_process_by_public_id_example(client: httpx.Client) -> None:
    for _ in range(43):
        signal = create(
            client, "signals", text=None, signalType=None, source={"type": "api"}, data={}
        )
    assert signal["publicId"] == "SIGNAL-43"
    response = client.post("/external/v1/signals/SIGNAL-43/process")
    assert response.status_code == 200 and list(response.json()) == ["jobId"]


def test_get_one_signal_has_the_documented_fields(client: httpx.Client) -> None:
    created = create(
        client,
        "signals",
        text=None,
        signalType=None,
        source={"type": "product-analytics", "external_data": {"event": "checkout_abandoned"}},
        data={"sessionId": "session-123"},
        externalId="external-123",
    )
    got = client.get(f"/external/v1/signals/{created['id']}").json()
    documented = {
        "id",
        "name",
        "publicId",
        "workspaceId",
        "status",
        "context",
        "signalType",
        "source",
        "data",
        "insightIds",
        "externalId",
        "createdAt",
        "updatedAt",
    }
    assert documented <= set(got)
    assert got["source"] == {
        "type": "product-analytics",
        "external_data": {"event": "checkout_abandoned"},
    }
    assert got["data"] == {"sessionId": "session-123"} and got["externalId"] == "external-123"
