"""/external/v1/ideas: the spec's examples and statuses."""

from __future__ import annotations

import httpx

from tests.server.conftest import create


class TestCreateIdea:
    def test_spec_example(self, client: httpx.Client) -> None:
        body = {
            "name": "AI-powered search",
            "description": "Use LLMs to improve search relevance...",
        }
        response = client.post("/external/v1/ideas", json=body)
        assert response.status_code == 201
        created = response.json()
        assert created["name"] == "AI-powered search" and created["status"] == "evaluating"
        assert created["opportunityIds"] == [] and created["insightIds"] == []

    def test_every_status_is_accepted_and_others_are_422(self, client: httpx.Client) -> None:
        for status in ("evaluating", "backlog", "development", "released", "archived"):
            assert create(client, "ideas", status=status)["status"] == status
        assert (
            client.post("/external/v1/ideas", json={"name": "x", "status": "shipped"}).status_code
            == 422
        )


class TestUpdateIdea:
    def test_spec_example_renames_only(self, client: httpx.Client) -> None:
        created = create(client, "ideas", description="keep me")
        response = client.patch(
            f"/external/v1/ideas/{created['id']}", content=b'{"name": "AI Search 2.0"}'
        )
        assert response.status_code == 200
        assert (
            response.json()["name"] == "AI Search 2.0"
            and response.json()["description"] == "keep me"
        )


class TestGetAndDeleteIdea:
    def test_get_then_delete(self, client: httpx.Client) -> None:
        created = create(client, "ideas")
        assert client.get(f"/external/v1/ideas/{created['id']}").json() == created
        assert client.delete(f"/external/v1/ideas/{created['id']}").json() == {"message": "Deleted"}
        assert client.get("/external/v1/ideas").json() == []
