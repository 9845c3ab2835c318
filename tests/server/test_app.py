"""The app's own surface: health, the OpenAPI document, request ids."""

from __future__ import annotations

import httpx

from tests.conftest import ServerHandle

API_PATHS = {
    "/healthz",
    "/external/v1/signals",
    "/external/v1/signals/{signal_id}",
    "/external/v1/signals/{signal_id}/process",
    "/external/v1/signals/{signal_id}/text",
    "/external/v1/insights",
    "/external/v1/insights/{insight_id}",
    "/external/v1/insights/process-transcript/insights",
    "/external/v1/insights/{insight_id}/merge",
    "/external/v1/insights/{insight_id}/unmerge",
    "/external/v1/insights/{insight_id}/similar",
    "/external/v1/opportunities",
    "/external/v1/opportunities/{opportunity_id}",
    "/external/v1/ideas",
    "/external/v1/ideas/{idea_id}",
    "/admin/v1/keys",
    "/admin/v1/keys/{key_id}",
    "/admin/v1/info",
}


def test_healthz(live_server: ServerHandle) -> None:
    response = httpx.get(f"{live_server.base_url}/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_openapi_describes_exactly_the_api(live_server: ServerHandle) -> None:
    document = httpx.get(f"{live_server.base_url}/openapi.json").json()
    assert set(document["paths"]) == API_PATHS
    insight = document["components"]["schemas"]["InsightCreate"]["properties"]
    assert {"name", "opportunityIds", "externalReferences"} <= set(insight)
    listing = document["paths"]["/external/v1/insights"]["get"]["parameters"]
    limit = next(p for p in listing if p["name"] == "limit")
    assert limit["schema"]["default"] == 20 and limit["schema"]["maximum"] == 1000
    methods = {m for path in document["paths"].values() for m in path}
    assert methods == {"get", "post", "patch", "delete"}


def test_every_response_has_a_request_id(live_server: ServerHandle) -> None:
    for path in ("/healthz", "/external/v1/insights", "/nowhere"):
        assert httpx.get(f"{live_server.base_url}{path}").headers["X-Request-Id"]


def test_a_sane_request_id_is_echoed(live_server: ServerHandle) -> None:
    response = httpx.get(f"{live_server.base_url}/healthz", headers={"X-Request-Id": "abc-123"})
    assert response.headers["X-Request-Id"] == "abc-123"
