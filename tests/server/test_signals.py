"""/external/v1/signals: typed and raw creates, public ids, processing, PATCH and DELETE."""

from __future__ import annotations

import concurrent.futures
import time

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import create, error_of, stored_text

SPEC_CREATE = {
    "name": "G2 Reviews - March Batch",
    "text": (
        "Users love the product overall, but several reviewers mention that exports are hard "
        "to find and slow to complete for large datasets."
    ),
    "signalType": "review",
    "additionalContext": "Public review batch collected from G2 and Capterra.",
    "occurredAt": "2025-03-11T14:30:00Z",
    "productIds": ["product-uuid-1"],
    "accountId": "account-uuid-1",
}


class TestCreateSignal:
    def test_spec_example_answers_the_documented_shape(
        self, client: httpx.Client, live_server: ServerHandle
    ) -> None:
        body = {k: v for k, v in SPEC_CREATE.items() if k != "name"}
        response = client.post("/external/v1/signals", json=body)
        assert response.status_code == 201
        signal = response.json()
        assert signal["name"] == "Review - 3/11/25, 2:30 PM"
        assert signal["publicId"] == "SIGNAL-1"
        assert signal["status"] in ("processing", "processed")
        assert signal["signalType"] == "review"
        assert signal["source"] == {
            "type": "manual-text",
            "external_data": {"signalType": "review", "analysisProfile": "survey_response"},
        }
        ws = signal["workspaceId"]
        assert signal["data"]["s3Key"] == f"signals/manual-text/{ws}/{signal['id']}.txt"
        assert signal["data"]["productIds"] == ["product-uuid-1"]
        assert signal["data"]["accountId"] == "account-uuid-1"
        assert signal["data"]["additionalContext"] == SPEC_CREATE["additionalContext"]
        assert signal["data"]["uploadedAt"].endswith("Z")
        assert signal["createdAt"] == "2025-03-11T14:30:00Z"
        assert signal["externalId"] is None and signal["insightIds"] == []
        assert signal["jobId"] and signal["processing"]["lastJobId"] == signal["jobId"]
        assert set(signal["processing"]) == {
            "lastJobId",
            "startedAt",
            "processedAt",
            "failedAt",
            "lastError",
        }
        assert stored_text(live_server, signal["id"]) == SPEC_CREATE["text"]
        assert not (live_server.data_dir / signal["data"]["s3Key"]).exists()

    def test_given_name_is_kept(self, client: httpx.Client) -> None:
        assert create(client, "signals", **SPEC_CREATE)["name"] == "G2 Reviews - March Batch"

    def test_each_type_has_its_analysis_profile(self, client: httpx.Client) -> None:
        expected = {
            "transcript": ("Transcript", "transcript"),
            "support_ticket": ("Support Ticket", "support_ticket"),
            "review": ("Review", "survey_response"),
            "discovery_report": ("Discovery Report", "discovery_report"),
        }
        for signal_type, (label, profile) in expected.items():
            signal = create(client, "signals", signalType=signal_type)
            assert signal["name"].startswith(f"{label} - ")
            assert signal["source"]["external_data"]["analysisProfile"] == profile

    def test_public_ids_are_sequential_under_concurrency(self, client: httpx.Client) -> None:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            signals = list(pool.map(lambda _: create(client, "signals"), range(24)))
        numbers = sorted(int(s["publicId"].split("-")[1]) for s in signals)
        assert numbers == list(range(1, 25))

    def test_public_ids_are_never_reused(self, client: httpx.Client) -> None:
        first = create(client, "signals")
        client.delete(f"/external/v1/signals/{first['id']}")
        assert create(client, "signals")["publicId"] == "SIGNAL-2"

    def test_raw_flow_is_accepted_and_queued(self, client: httpx.Client) -> None:
        raw = {
            "source": {
                "type": "support-ticket",
                "external_data": {"provider": "zendesk", "ticketId": "12345"},
            },
            "data": {"subject": "Users cannot reset password", "severity": "high"},
            "externalId": "external-123",
            "context": "support_request",
        }
        response = client.post("/external/v1/signals", json=raw)
        assert response.status_code == 201
        signal = response.json()
        assert signal["source"] == raw["source"] and signal["data"] == raw["data"]
        assert signal["externalId"] == "external-123" and signal["signalType"] is None
        assert signal["name"].startswith("Support Ticket - ")
        assert signal["jobId"]

    def test_type_without_text_is_422_naming_text(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/signals", json={"signalType": "review"})
        assert response.status_code == 422
        assert [f["field"] for f in error_of(response)["fields"]] == ["text"]
        assert client.get("/external/v1/signals").json() == []

    @pytest.mark.parametrize(
        ("text", "guessed"),
        [
            (
                "Interviewer: How do you share boards?\n"
                "Ana: I export a PDF every Friday.\n"
                "Interviewer: Why not a link?\n"
                "Ana: Links need a login, and our clients have none.",
                "transcript",
            ),
            (
                "Subject: Card declined at checkout\n\nHi support,\nEvery payment fails "
                "with error 402 since this morning.\nThanks,\nLeo",
                "support_ticket",
            ),
            ("Great planner, but the widget never refreshes on my lock screen.", "review"),
        ],
        ids=["interview", "ticket", "review"],
    )
    def test_text_without_type_is_read_as_its_shape_says(
        self, client: httpx.Client, text: str, guessed: str
    ) -> None:
        response = client.post("/external/v1/signals", json={"text": text})
        assert response.status_code == 201
        signal = response.json()
        assert signal["signalType"] == guessed
        assert signal["source"]["external_data"]["signalTypeGuessed"] is True
        sent = client.post("/external/v1/signals", json={"text": text, "signalType": "review"})
        assert "signalTypeGuessed" not in sent.json()["source"]["external_data"]

    def test_unknown_type_is_422(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/signals", json={"text": "x", "signalType": "tweet"})
        assert response.status_code == 422
        assert error_of(response)["fields"][0]["field"] == "signalType"

    def test_empty_body_is_422(self, client: httpx.Client) -> None:
        assert client.post("/external/v1/signals", json={}).status_code == 422

    def test_text_over_the_limit_is_413(self, client: httpx.Client) -> None:
        response = client.post(
            "/external/v1/signals", json={"text": "a" * 1_000_001, "signalType": "review"}
        )
        assert response.status_code == 413
        assert error_of(response)["code"] == "payload_too_large"
        assert client.get("/external/v1/signals").json() == []


class TestProcessSignal:
    def test_by_id_public_id_and_external_id(self, client: httpx.Client) -> None:
        signal = create(client, "signals", externalId="ticket-9")
        jobs = set()
        for identifier in (signal["id"], signal["publicId"], "ticket-9"):
            response = client.post(f"/external/v1/signals/{identifier}/process")
            assert response.status_code == 200
            assert set(response.json()) == {"jobId"}
            jobs.add(response.json()["jobId"])
        assert len(jobs) == 3
        refreshed = client.get(f"/external/v1/signals/{signal['id']}").json()
        assert refreshed["processing"]["lastJobId"] in jobs

    def test_unknown_is_404(self, client: httpx.Client) -> None:
        response = client.post("/external/v1/signals/SIGNAL-999/process")
        assert response.status_code == 404
        assert "SIGNAL-999" in error_of(response)["message"]

    def test_is_processed_by_the_worker(self, client: httpx.Client) -> None:
        signal = create(client, "signals", text=SPEC_CREATE["text"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            current = client.get(f"/external/v1/signals/{signal['id']}").json()
            if current["status"] in ("processed", "failed"):
                break
            time.sleep(0.2)
        assert current["status"] == "processed", current["processing"]
        assert current["insightIds"]


class TestUpdateSignal:
    def test_spec_example_links_insights(self, client: httpx.Client) -> None:
        signal = create(client, "signals")
        insight = create(client, "insights")
        response = client.patch(
            f"/external/v1/signals/{signal['id']}", json={"insightIds": [insight["id"]]}
        )
        assert response.status_code == 200
        assert response.json()["insightIds"] == [insight["id"]]
        assert client.get(f"/external/v1/insights/{insight['id']}").json()["signalIds"] == [
            signal["id"]
        ]

    def test_only_sent_fields_change(self, client: httpx.Client) -> None:
        signal = create(client, "signals", externalId="e-1")
        body = client.patch(
            f"/external/v1/signals/{signal['id']}",
            json={"context": "user_interview", "status": "failed"},
        ).json()
        assert body["context"] == "user_interview" and body["status"] == "failed"
        assert body["externalId"] == "e-1" and body["data"] == signal["data"]

    def test_a_sent_source_is_stored_without_absent_keys(self, client: httpx.Client) -> None:
        signal = create(client, "signals")
        body = client.patch(
            f"/external/v1/signals/{signal['id']}", json={"source": {"type": "zendesk"}}
        ).json()
        assert body["source"] == {"type": "zendesk"}
        assert client.get(f"/external/v1/signals/{signal['id']}").json()["source"] == {
            "type": "zendesk"
        }

    def test_unknown_status_is_422(self, client: httpx.Client) -> None:
        signal = create(client, "signals")
        response = client.patch(f"/external/v1/signals/{signal['id']}", json={"status": "done"})
        assert response.status_code == 422


class TestListSignals:
    def test_filters_by_signal_type(self, client: httpx.Client) -> None:
        create(client, "signals", signalType="transcript")
        create(client, "signals", signalType="review")
        listed = client.get("/external/v1/signals", params={"signalType": "transcript"})
        assert [s["signalType"] for s in listed.json()] == ["transcript"]
        assert listed.headers["X-Total-Count"] == "1"


class TestDeleteSignal:
    def test_spec_example_deletes_the_signal_and_its_text(
        self, client: httpx.Client, live_server: ServerHandle
    ) -> None:
        signal = create(client, "signals")
        response = client.delete(f"/external/v1/signals/{signal['id']}")
        assert response.status_code == 200 and response.json() == {"message": "Deleted"}
        assert stored_text(live_server, signal["id"]) is None
        assert client.get(f"/external/v1/signals/{signal['id']}").status_code == 404
