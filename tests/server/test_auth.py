"""Keys, scopes, revocation and workspace isolation, route by route."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import ClientFor, create, error_of

ALL_SCOPES = [
    f"{r}:{a}" for r in ("signals", "insights", "opportunities", "ideas") for a in ("read", "write")
]
# (method, path with {id} for an object of `resource`, resource, scope, JSON body)
ROUTES: list[tuple[str, str, str, str, Any]] = [
    ("GET", "/external/v1/signals", "signals", "signals:read", None),
    ("GET", "/external/v1/signals/{id}", "signals", "signals:read", None),
    (
        "POST",
        "/external/v1/signals",
        "signals",
        "signals:write",
        {"text": "t", "signalType": "review"},
    ),
    ("PATCH", "/external/v1/signals/{id}", "signals", "signals:write", {"context": "x"}),
    ("DELETE", "/external/v1/signals/{id}", "signals", "signals:write", None),
    ("POST", "/external/v1/signals/{id}/process", "signals", "signals:write", None),
    ("GET", "/external/v1/insights", "insights", "insights:read", None),
    ("GET", "/external/v1/insights/{id}", "insights", "insights:read", None),
    ("POST", "/external/v1/insights", "insights", "insights:write", {"name": "n"}),
    ("PATCH", "/external/v1/insights/{id}", "insights", "insights:write", {"name": "n"}),
    ("DELETE", "/external/v1/insights/{id}", "insights", "insights:write", None),
    (
        "POST",
        "/external/v1/insights/process-transcript/insights",
        "insights",
        "insights:write",
        {"transcript": "Customer: exports are slow."},
    ),
    ("GET", "/external/v1/opportunities", "opportunities", "opportunities:read", None),
    ("GET", "/external/v1/opportunities/{id}", "opportunities", "opportunities:read", None),
    ("POST", "/external/v1/opportunities", "opportunities", "opportunities:write", {"name": "n"}),
    (
        "PATCH",
        "/external/v1/opportunities/{id}",
        "opportunities",
        "opportunities:write",
        {"score": 1},
    ),
    ("DELETE", "/external/v1/opportunities/{id}", "opportunities", "opportunities:write", None),
    ("GET", "/external/v1/ideas", "ideas", "ideas:read", None),
    ("GET", "/external/v1/ideas/{id}", "ideas", "ideas:read", None),
    ("POST", "/external/v1/ideas", "ideas", "ideas:write", {"name": "n"}),
    ("PATCH", "/external/v1/ideas/{id}", "ideas", "ideas:write", {"name": "n"}),
    ("DELETE", "/external/v1/ideas/{id}", "ideas", "ideas:write", None),
]
ROUTE_IDS = [f"{m} {p}" for m, p, *_ in ROUTES]
OBJECT_ROUTES = [r for r in ROUTES if "{id}" in r[1]]


def call(client: httpx.Client, method: str, path: str, object_id: str, body: Any) -> httpx.Response:
    return client.request(method, path.format(id=object_id), json=body)


@pytest.mark.parametrize(("method", "path", "resource", "scope", "body"), ROUTES, ids=ROUTE_IDS)
class TestEveryRoute:
    def test_without_key_is_401(
        self, client_for: ClientFor, method: str, path: str, resource: str, scope: str, body: Any
    ) -> None:
        response = call(client_for(None), method, path, "x", body)
        assert response.status_code == 401
        assert error_of(response)["code"] == "unauthorized"

    def test_unknown_key_is_401(
        self, client_for: ClientFor, method: str, path: str, resource: str, scope: str, body: Any
    ) -> None:
        response = call(client_for("zk_not-a-real-key"), method, path, "x", body)
        assert response.status_code == 401

    def test_without_scope_is_403(
        self,
        client: httpx.Client,
        client_for: ClientFor,
        make_key: Callable[..., str],
        api_key: str,
        live_server: ServerHandle,
        method: str,
        path: str,
        resource: str,
        scope: str,
        body: Any,
    ) -> None:
        target = create(client, resource)
        workspace = _workspace_of(live_server, api_key)
        lacking = client_for(make_key(workspace, [s for s in ALL_SCOPES if s != scope]))
        response = call(lacking, method, path, target["id"], body)
        assert response.status_code == 403
        assert scope in error_of(response)["message"]

    def test_revoked_key_is_401(
        self,
        client_for: ClientFor,
        make_key: Callable[..., str],
        live_server: ServerHandle,
        method: str,
        path: str,
        resource: str,
        scope: str,
        body: Any,
    ) -> None:
        key = make_key()
        revoked = client_for(key)
        target = create(revoked, resource)
        _revoke(live_server, key)
        assert call(revoked, method, path, target["id"], body).status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "resource", "scope", "body"),
    OBJECT_ROUTES,
    ids=[f"{m} {p}" for m, p, *_ in OBJECT_ROUTES],
)
def test_other_workspace_is_404(
    client: httpx.Client,
    client_for: ClientFor,
    make_key: Callable[..., str],
    method: str,
    path: str,
    resource: str,
    scope: str,
    body: Any,
) -> None:
    theirs = create(client_for(make_key()), resource)
    response = call(client, method, path, theirs["id"], body)
    assert response.status_code == 404
    assert theirs["name"] not in response.text


def test_lists_show_only_the_callers_workspace(
    client: httpx.Client, client_for: ClientFor, make_key: Callable[..., str]
) -> None:
    create(client_for(make_key()), "insights", name="theirs")
    create(client, "insights", name="mine")
    assert [i["name"] for i in client.get("/external/v1/insights").json()] == ["mine"]


def test_keys_of_one_workspace_share_its_data(
    client_for: ClientFor, make_key: Callable[..., str]
) -> None:
    first = client_for(make_key("shared-ws-test"))
    second = client_for(make_key("shared-ws-test", ["ideas:read"]))
    idea = create(first, "ideas")
    assert second.get(f"/external/v1/ideas/{idea['id']}").status_code == 200


def test_key_never_appears_in_server_log(
    live_server: ServerHandle, api_key: str, client: httpx.Client
) -> None:
    client.get("/external/v1/insights")
    client.get("/external/v1/nope")
    log = (live_server.data_dir / "server.log").read_text()
    assert api_key not in log


def _admin(live_server: ServerHandle) -> dict[str, str]:
    return {"Authorization": f"Bearer {live_server.admin_token}"}


def _key_record(live_server: ServerHandle, key: str) -> dict[str, Any]:
    keys = httpx.get(f"{live_server.base_url}/admin/v1/keys", headers=_admin(live_server)).json()
    return next(k for k in keys if key.startswith(k["prefix"]))


def _workspace_of(live_server: ServerHandle, key: str) -> str:
    return str(_key_record(live_server, key)["workspace"])


def _revoke(live_server: ServerHandle, key: str) -> None:
    key_id = _key_record(live_server, key)["id"]
    response = httpx.delete(
        f"{live_server.base_url}/admin/v1/keys/{key_id}", headers=_admin(live_server)
    )
    assert response.status_code == 200
