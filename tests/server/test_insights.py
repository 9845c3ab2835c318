"""/external/v1/insights: the spec's examples and the rules around them."""

from __future__ import annotations

import httpx

from tests.server.conftest import create, error_of

SPEC_CREATE = {
    "name": "User finds the billing page confusing",
    "description": "During user interviews, 3/5 users couldn't find...",
    "status": "published",
    "type": "feedback",
    "productId": "8a1b2c3d-...",
    "tagIds": ["tag-1"],
}


class TestCreateInsight:
    def test_spec_example_answers_201_with_the_documented_fields(
        self, client: httpx.Client
    ) -> None:
        response = client.post("/external/v1/insights", json=SPEC_CREATE)
        assert response.status_code == 201
        body = response.json()
        assert {k: body[k] for k in SPEC_CREATE} == SPEC_CREATE
        assert body["opportunityIds"] == [] and body["ideaIds"] == []
        assert body["createdAt"].endswith("Z") and body["updatedAt"].endswith("Z")

    def test_defaults_to_draft(self, client: httpx.Client) -> None:
        body = create(client, "insights", name="Only a name")
        assert body["status"] == "draft"
        assert (
            body["description"] == "" and body["tagIds"] == [] and body["externalReferences"] == []
        )

    def test_keeps_ai_suggestions_and_external_references(self, client: httpx.Client) -> None:
        refs = [{"type": "jira", "url": "https://x.test/J-1", "name": "J-1"}]
        body = create(client, "insights", aiSuggestions={"kind": "bug"}, externalReferences=refs)
        assert body["aiSuggestions"] == {"kind": "bug"}
        assert body["externalReferences"] == refs

    def test_any_json_ai_suggestions_round_trip(self, client: httpx.Client) -> None:
        for value in ("plain text", 3, [1, "a"], None, {"nested": {"x": [True]}}):
            created = create(client, "insights", aiSuggestions=value)
            assert created["aiSuggestions"] == value
            got = client.get(f"/external/v1/insights/{created['id']}").json()
            assert got == created

    def test_unknown_type_is_422_naming_the_field(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/insights", json={"name": "x", "type": "gossip"})
        assert response.status_code == 422
        assert error_of(response)["fields"][0]["field"] == "type"

    def test_unknown_status_is_422(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/insights", json={"name": "x", "status": "done"})
        assert response.status_code == 422
        assert error_of(response)["fields"][0]["field"] == "status"

    def test_missing_name_is_422(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/insights", json={"description": "no name"})
        assert response.status_code == 422
        assert error_of(response)["fields"][0]["field"] == "name"


class TestListInsights:
    def test_bare_array_newest_first_with_total(self, client: httpx.Client) -> None:
        names = [create(client, "insights", name=f"n{i}")["name"] for i in range(3)]
        response = client.get("/external/v1/insights", params={"limit": 2})
        assert response.status_code == 200
        assert [i["name"] for i in response.json()] == names[::-1][:2]
        assert response.headers["X-Total-Count"] == "3"
        second = client.get("/external/v1/insights", params={"limit": 2, "offset": 2}).json()
        assert [i["name"] for i in second] == [names[0]]

    def test_default_limit_is_20(self, client: httpx.Client) -> None:
        for i in range(21):
            create(client, "insights", name=f"n{i}")
        assert len(client.get("/external/v1/insights").json()) == 20

    def test_filters_by_status_and_type(self, client: httpx.Client) -> None:
        create(client, "insights", name="a", status="published", type="feedback")
        create(client, "insights", name="b", type="other")
        published = client.get("/external/v1/insights", params={"status": "published"})
        assert [i["name"] for i in published.json()] == ["a"]
        assert published.headers["X-Total-Count"] == "1"
        other = client.get("/external/v1/insights", params={"type": "other"}).json()
        assert [i["name"] for i in other] == ["b"]

    def test_bad_limits_are_422(self, client: httpx.Client) -> None:
        for params in (
            {"limit": 0},
            {"limit": 1001},
            {"limit": -5},
            {"limit": "ten"},
            {"offset": -1},
        ):
            response = client.get("/external/v1/insights", params=params)
            assert response.status_code == 422, params
            assert error_of(response)["fields"][0]["field"] in ("limit", "offset")


class TestGetInsight:
    def test_unknown_id_is_404_naming_it(self, client: httpx.Client) -> None:
        response = client.get("/external/v1/insights/nope")
        assert response.status_code == 404
        assert error_of(response) == {
            "code": "not_found",
            "message": "No insight found with id nope",
        }


class TestUpdateInsight:
    def test_spec_example_archives_and_changes_nothing_else(self, client: httpx.Client) -> None:
        created = create(client, "insights", **SPEC_CREATE)
        response = client.patch(
            f"/external/v1/insights/{created['id']}", json={"status": "archived"}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["status"] == "archived"
        assert body["name"] == SPEC_CREATE["name"] and body["tagIds"] == ["tag-1"]
        assert body["updatedAt"] >= created["updatedAt"]

    def test_explicit_null_name_is_422(self, client: httpx.Client) -> None:
        created = create(client, "insights")
        response = client.patch(f"/external/v1/insights/{created['id']}", json={"name": None})
        assert response.status_code == 422

    def test_unknown_id_is_404(self, client: httpx.Client) -> None:
        assert client.patch("/external/v1/insights/nope", json={"name": "x"}).status_code == 404


class TestDeleteInsight:
    def test_answers_deleted_then_404(self, client: httpx.Client) -> None:
        created = create(client, "insights")
        response = client.delete(f"/external/v1/insights/{created['id']}")
        assert response.status_code == 200 and response.json() == {"message": "Deleted"}
        assert client.get(f"/external/v1/insights/{created['id']}").status_code == 404
        assert client.delete(f"/external/v1/insights/{created['id']}").status_code == 404


class TestProcessTranscript:
    TRANSCRIPT = (
        "Interviewer: How do you use exports?\n"
        "Customer: The CSV export is really slow and it times out on big workspaces.\n"
        "Customer: I wish I could schedule exports every Monday."
    )

    def test_without_create_insights_persists_nothing(self, client: httpx.Client) -> None:
        response = client.post(
            "/external/v1/insights/process-transcript/insights",
            json={"transcript": self.TRANSCRIPT},
        )
        assert response.status_code == 200
        found = response.json()
        assert found and all(i["status"] == "draft" and i["name"] for i in found)
        assert client.get("/external/v1/insights").json() == []

    def test_spec_example_with_create_insights_persists_drafts(self, client: httpx.Client) -> None:
        response = client.post(
            "/external/v1/insights/process-transcript/insights",
            json={"transcript": self.TRANSCRIPT, "createInsights": True, "productId": "p-1"},
        )
        assert response.status_code == 200
        found = response.json()
        stored = client.get("/external/v1/insights").json()
        assert sorted(i["id"] for i in stored) == sorted(i["id"] for i in found)
        assert all(i["status"] == "draft" and i["productId"] == "p-1" for i in stored)

    def test_empty_transcript_is_422(self, client: httpx.Client) -> None:
        response = client.post(
            "/external/v1/insights/process-transcript/insights", json={"transcript": ""}
        )
        assert response.status_code == 422
        assert error_of(response)["fields"][0]["field"] == "transcript"
