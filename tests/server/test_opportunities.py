"""/external/v1/opportunities: the spec's examples, score range, statuses."""

from __future__ import annotations

import httpx

from tests.server.conftest import create, error_of


class TestCreateOpportunity:
    def test_spec_example(self, client: httpx.Client) -> None:
        body = {
            "name": "Reduce churn in Mobile App",
            "description": "Users are uninstalling after 2 days...",
            "score": 92,
        }
        response = client.post("/external/v1/opportunities", json=body)
        assert response.status_code == 201
        created = response.json()
        assert created["id"] and created["name"] == body["name"]
        assert created["score"] == 92 and isinstance(created["score"], int)
        assert created["status"] == "discovery"
        assert created["insightIds"] == [] and created["ideaIds"] == []

    def test_fractional_score_stays_fractional(self, client: httpx.Client) -> None:
        assert create(client, "opportunities", score=72.5)["score"] == 72.5

    def test_score_outside_0_100_is_422(self, client: httpx.Client) -> None:
        for score in (-1, 100.5, 1000, "high", True, "95"):
            response = client.post("/external/v1/opportunities", json={"name": "x", "score": score})
            assert response.status_code == 422, score
            assert error_of(response)["fields"][0]["field"] == "score"

    def test_unknown_status_is_422(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/opportunities", json={"name": "x", "status": "won"})
        assert response.status_code == 422


class TestUpdateOpportunity:
    def test_spec_example_without_content_type(self, client: httpx.Client) -> None:
        created = create(client, "opportunities", score=10, description="keep me")
        # curl -d '{"score": 95}' labels the body as a form; the API reads JSON regardless.
        response = client.patch(
            f"/external/v1/opportunities/{created['id']}",
            content=b'{"score": 95}',
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 200
        assert response.json()["score"] == 95 and response.json()["description"] == "keep me"

    def test_score_can_be_cleared(self, client: httpx.Client) -> None:
        created = create(client, "opportunities", score=10)
        body = client.patch(
            f"/external/v1/opportunities/{created['id']}", json={"score": None}
        ).json()
        assert body["score"] is None


class TestListOpportunities:
    def test_spec_example_and_status_filter(self, client: httpx.Client) -> None:
        create(
            client,
            "opportunities",
            name="Streamline checkout process",
            score=85,
            status="validated",
        )
        create(client, "opportunities", name="other")
        listed = client.get("/external/v1/opportunities").json()
        assert [o["name"] for o in listed] == ["other", "Streamline checkout process"]
        validated = client.get("/external/v1/opportunities", params={"status": "validated"}).json()
        assert [(o["name"], o["score"]) for o in validated] == [("Streamline checkout process", 85)]


class TestDeleteOpportunity:
    def test_spec_example(self, client: httpx.Client) -> None:
        created = create(client, "opportunities")
        response = client.delete(f"/external/v1/opportunities/{created['id']}")
        assert response.status_code == 200 and response.json() == {"message": "Deleted"}
        assert client.get(f"/external/v1/opportunities/{created['id']}").status_code == 404
