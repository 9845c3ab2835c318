"""The admin API and the fixtures built on it."""

from __future__ import annotations

import stat
from collections.abc import Callable

import httpx

from tests.conftest import ServerHandle


def admin(server: ServerHandle) -> dict[str, str]:
    return {"Authorization": f"Bearer {server.admin_token}"}


class TestAdminToken:
    def test_token_file_is_private(self, live_server: ServerHandle) -> None:
        mode = (live_server.data_dir / "admin_token").stat().st_mode
        assert stat.S_IMODE(mode) == 0o600

    def test_without_token_is_401(self, live_server: ServerHandle) -> None:
        response = httpx.get(f"{live_server.base_url}/admin/v1/keys")
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"

    def test_wrong_token_is_401(self, live_server: ServerHandle) -> None:
        response = httpx.get(
            f"{live_server.base_url}/admin/v1/info", headers={"Authorization": "Bearer nope"}
        )
        assert response.status_code == 401


class TestKeys:
    def test_create_shows_key_once_then_lists_without_it(self, live_server: ServerHandle) -> None:
        created = httpx.post(
            f"{live_server.base_url}/admin/v1/keys",
            json={"workspace": "admin-test-ws", "scopes": ["insights:read"], "name": "ci"},
            headers=admin(live_server),
        )
        assert created.status_code == 201
        body = created.json()
        assert body["key"].startswith(body["prefix"])
        assert body["scopes"] == ["insights:read"]
        assert body["workspace"] == "admin-test-ws" and body["name"] == "ci"
        listed = httpx.get(
            f"{live_server.base_url}/admin/v1/keys",
            params={"workspace": "admin-test-ws"},
            headers=admin(live_server),
        ).json()
        assert [k["id"] for k in listed] == [body["id"]]
        assert "key" not in listed[0]

    def test_default_scopes_are_all(self, live_server: ServerHandle) -> None:
        created = httpx.post(
            f"{live_server.base_url}/admin/v1/keys",
            json={"workspace": "w-all"},
            headers=admin(live_server),
        ).json()
        assert len(created["scopes"]) == 8

    def test_revoked_key_is_401_at_once(
        self, live_server: ServerHandle, make_key: Callable[..., str]
    ) -> None:
        key = make_key()
        headers = {"Authorization": f"Bearer {key}"}
        assert (
            httpx.get(f"{live_server.base_url}/external/v1/ideas", headers=headers).status_code
            == 200
        )
        key_id = next(
            k["id"]
            for k in httpx.get(
                f"{live_server.base_url}/admin/v1/keys", headers=admin(live_server)
            ).json()
            if key.startswith(k["prefix"])
        )
        revoked = httpx.delete(
            f"{live_server.base_url}/admin/v1/keys/{key_id}", headers=admin(live_server)
        )
        assert revoked.status_code == 200 and revoked.json()["revokedAt"]
        response = httpx.get(f"{live_server.base_url}/external/v1/ideas", headers=headers)
        assert response.status_code == 401

    def test_revoke_unknown_is_404(self, live_server: ServerHandle) -> None:
        response = httpx.delete(
            f"{live_server.base_url}/admin/v1/keys/nope", headers=admin(live_server)
        )
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"

    def test_bad_scope_is_422_naming_it(self, live_server: ServerHandle) -> None:
        response = httpx.post(
            f"{live_server.base_url}/admin/v1/keys",
            json={"workspace": "w", "scopes": ["root"]},
            headers=admin(live_server),
        )
        assert response.status_code == 422
        assert response.json()["error"]["fields"][0]["field"] == "scopes[0]"


class TestInfo:
    def test_info_names_data_dir(self, live_server: ServerHandle) -> None:
        body = httpx.get(f"{live_server.base_url}/admin/v1/info", headers=admin(live_server)).json()
        assert body["dataDir"] == str(live_server.data_dir)
        assert body["database"].startswith("sqlite")
        assert body["version"]
