"""The embedded server: one per process and data dir, with a workbench key that persists."""

from __future__ import annotations

import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.server.queue_support import REVIEW
from zentrik_server.config import SCOPES
from zentrik_server.embedded import EmbeddedServer, start_embedded


@pytest.fixture
def embedded(tmp_path: Path) -> Iterator[EmbeddedServer]:
    server = start_embedded(tmp_path)
    yield server
    server.stop()


def admin_keys(server: EmbeddedServer) -> list[dict[str, Any]]:
    response = httpx.get(
        f"{server.base_url}/admin/v1/keys",
        params={"workspace": "Local workspace"},
        headers={"Authorization": f"Bearer {server.admin_token}"},
    )
    response.raise_for_status()
    return response.json()


class TestStartEmbedded:
    def test_answers_on_localhost(self, embedded: EmbeddedServer) -> None:
        assert embedded.base_url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{embedded.base_url}/healthz").json() == {"status": "ok"}

    def test_second_start_in_the_process_is_the_same_server(
        self, embedded: EmbeddedServer, tmp_path: Path
    ) -> None:
        assert start_embedded(tmp_path) is embedded

    def test_workbench_key_is_private_and_has_every_scope(self, embedded: EmbeddedServer) -> None:
        key_file = embedded.data_dir / "workbench_key"
        assert key_file.read_text() == embedded.api_key
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        [record] = admin_keys(embedded)
        assert sorted(record["scopes"]) == sorted(SCOPES)


class TestRestart:
    def test_key_is_reused_across_restarts(self, tmp_path: Path) -> None:
        first = start_embedded(tmp_path)
        first.stop()
        second = start_embedded(tmp_path)
        try:
            assert second is not first
            assert second.api_key == first.api_key
            assert len(admin_keys(second)) == 1
        finally:
            second.stop()

    def test_revoked_key_is_replaced(self, tmp_path: Path) -> None:
        first = start_embedded(tmp_path)
        [record] = admin_keys(first)
        httpx.delete(
            f"{first.base_url}/admin/v1/keys/{record['id']}",
            headers={"Authorization": f"Bearer {first.admin_token}"},
        ).raise_for_status()
        first.stop()
        second = start_embedded(tmp_path)
        try:
            assert second.api_key != first.api_key
            assert (tmp_path / "workbench_key").read_text() == second.api_key
        finally:
            second.stop()


def wait_signal(
    client: httpx.Client, signal_id: str, done: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while not done(signal := client.get(f"/external/v1/signals/{signal_id}").json()):
        if time.monotonic() > deadline:
            pytest.fail(f"signal {signal_id} still {signal['status']} after 30 s")
        time.sleep(0.1)
    return signal


class TestProcessingThroughTheApi:
    def test_review_becomes_draft_insights_and_reprocessing_replaces_them(
        self, embedded: EmbeddedServer
    ) -> None:
        headers = {"Authorization": f"Bearer {embedded.api_key}"}
        with httpx.Client(base_url=embedded.base_url, headers=headers) as client:
            body = {"text": REVIEW, "signalType": "review"}
            created = client.post("/external/v1/signals", json=body).json()
            first = wait_signal(client, created["id"], lambda s: s["status"] == "processed")
            assert first["context"] and first["insightIds"]
            assert first["processing"]["lastJobId"] == created["jobId"]

            client.post(f"/external/v1/signals/{created['publicId']}/process").raise_for_status()
            again = wait_signal(
                client,
                created["id"],
                lambda s: (
                    s["status"] == "processed"
                    and s["processing"]["processedAt"] != first["processing"]["processedAt"]
                ),
            )
            assert len(again["insightIds"]) == len(first["insightIds"])
            assert not set(again["insightIds"]) & set(first["insightIds"])
