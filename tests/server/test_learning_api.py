"""Learning from triage through the server: a PM's decisions on insights are recorded per
workspace, every 50 of them retrain the workspace's model in the background, new signals are
read with it, and operators see and drive it from the admin API and the CLI."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import ClientFor, create, settled
from tests.server.queue_support import (
    Database,
    get_signal,
    make_signal,
    make_workspace,
    signal_insights,
)
from tests.server.test_cli import cli
from tests.server.test_processing import run_next
from zentrik_server.db.models import WorkspaceModel as StoredModel
from zentrik_server.extraction.learning import WorkspaceModel
from zentrik_server.learning import store as learned

PLACES = ["laptop", "phone", "tablet", "desktop", "work PC", "kiosk", "TV app", "watch"]
WHEN = ["this morning", "after lunch", "again", "twice today", "since Friday", "today"]
ASKS = ["dark mode", "CSV export", "a calendar view", "SSO", "tags", "bulk edit", "reminders"]


def workspace(make_key: Callable[..., str], client_for: ClientFor) -> tuple[str, httpx.Client]:
    name = f"learn-{uuid.uuid4().hex[:10]}"
    return name, client_for(make_key(name))


def model(server: ServerHandle, name: str, method: str = "GET") -> dict[str, Any]:
    response = httpx.request(
        method,
        f"{server.base_url}/admin/v1/model",
        params={"workspace": name},
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=60.0,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


def draft(client: httpx.Client, text: str, kind: str, **body: Any) -> dict[str, Any]:
    suggestions = {"kind": kind, "evidence": [{"text": text}]}
    return create(client, "insights", name=text, aiSuggestions=suggestions, **body)


def patch(client: httpx.Client, insight: dict[str, Any], **body: Any) -> None:
    response = client.patch(f"/external/v1/insights/{insight['id']}", json=body)
    assert response.status_code == 200, response.text


def test_publish_archive_kind_change_and_create_are_recorded(
    live_server: ServerHandle, make_key: Callable[..., str], client_for: ClientFor
) -> None:
    name, client = workspace(make_key, client_for)
    published = draft(client, "Export times out for long ranges", "bug")
    archived = draft(client, "Yes, loud and clear", "praise")
    rekinded = draft(client, "Could the export run nightly?", "question")
    signal = create(client, "signals", text="Please add a dark mode.", signalType="review")
    assert model(live_server, name)["decisions"] == 0  # drafts alone say nothing yet

    patch(client, published, status="published")
    patch(client, archived, status="archived")
    patch(client, rekinded, aiSuggestions={"kind": "feature_request"})
    draft(client, "Please add a dark mode.", "feature_request", signalIds=[signal["id"]])
    patch(client, published, name="Export times out")  # an edit, not a decision
    status = model(live_server, name)
    # publish 1, archive 1, kind change 2 (old kind no, new kind yes), create 1
    assert status["decisions"] == 5 and status["trained"] is False


def kinds_of(client: httpx.Client, signal: dict[str, Any]) -> list[str]:
    found = client.get("/external/v1/insights", params={"signalId": signal["id"]}).json()
    return [insight["aiSuggestions"]["kind"] for insight in found]


def wait_for(server: ServerHandle, name: str, version: int) -> dict[str, Any]:
    """The model's status once the background job trained `version` of it."""
    deadline = time.monotonic() + 60.0
    while (status := model(server, name))["version"] != version and time.monotonic() < deadline:
        time.sleep(0.2)
    assert status["version"] == version, status
    return status


def test_fifty_decisions_retrain_in_the_background_and_new_signals_use_the_model(
    live_server: ServerHandle, make_key: Callable[..., str], client_for: ClientFor
) -> None:
    name, client = workspace(make_key, client_for)
    phrase = "The sync dot went grey on my laptop this morning."
    before = settled(client, create(client, "signals", text=phrase, signalType="review"))
    assert before["status"] == "processed"
    bugs = [f"The sync dot went grey on the {p} {w}." for p in PLACES for w in WHEN]
    asks = [f"Please add {ask} to the {p}." for ask in ASKS for p in PLACES][:52]
    drafts = [draft(client, t, "bug") for t in bugs] + [
        draft(client, t, "feature_request") for t in asks
    ]
    for insight in drafts[:49]:
        patch(client, insight, status="published")
    time.sleep(1.0)
    assert model(live_server, name)["trained"] is False  # 49 decisions: not yet
    patch(client, drafts[49], status="published")
    first = wait_for(live_server, name, version=1)
    assert first["learnedFrom"] == 50 and first["estimatedF1"] is None  # one-sided: unused
    for insight in drafts[50:]:
        patch(client, insight, status="published")
    second = wait_for(live_server, name, version=2)
    assert second["learnedFrom"] == 100 and second["estimatedF1"] is not None

    after = settled(client, create(client, "signals", text=phrase, signalType="review"))
    assert "bug" not in kinds_of(client, before) and "bug" in kinds_of(client, after)

    reset = model(live_server, name, "DELETE")
    assert reset["trained"] is False and reset["decisions"] == 0


def test_cli_trains_and_shows_a_workspace_model(
    live_server: ServerHandle, make_key: Callable[..., str], client_for: ClientFor
) -> None:
    name, client = workspace(make_key, client_for)
    for ask in ASKS[:3]:
        patch(client, draft(client, f"Please add {ask}.", "feature_request"), status="published")
    shown = cli(live_server, "model", "status", "--workspace", name)
    assert shown.returncode == 0, shown.stderr
    assert "decisions: 3" in shown.stdout and "no model" in shown.stdout

    trained = cli(live_server, "model", "train", "--workspace", name)
    assert trained.returncode == 0, trained.stderr
    assert "decisions used: 3" in trained.stdout and "version 1" in trained.stdout
    assert "cross-validated F1" in trained.stdout
    shown = cli(live_server, "model", "status", "--workspace", name)
    assert "version 1" in shown.stdout
    missing = cli(live_server, "model", "status", "--workspace", "no-such-workspace")
    assert missing.returncode == 1 and "no-such-workspace" in missing.stderr


def test_the_model_routes_take_only_the_admin_token_and_a_known_workspace(
    live_server: ServerHandle, make_key: Callable[..., str], client_for: ClientFor
) -> None:
    name, _client = workspace(make_key, client_for)
    url = f"{live_server.base_url}/admin/v1/model"
    for method in ("GET", "POST", "DELETE"):
        keyed = {"Authorization": f"Bearer {make_key(name)}"}
        as_workspace = httpx.request(method, url, params={"workspace": name}, headers=keyed)
        assert as_workspace.status_code == 401, f"{method}: a workspace key is not the admin's"
        admin = {"Authorization": f"Bearer {live_server.admin_token}"}
        unknown = httpx.request(method, url, params={"workspace": "no-such"}, headers=admin)
        assert unknown.status_code == 404, f"{method}: {unknown.text}"


def test_a_stored_model_that_does_not_read_leaves_signals_to_the_engine(
    sqlite_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    workspace_id = make_workspace(sqlite_db)
    with sqlite_db.factory.begin() as session:
        session.add(
            StoredModel(workspace_id=workspace_id, version=1, decisions=60, model='{"format": 2')
        )
    signal_id, _ = make_signal(sqlite_db, workspace_id)
    with caplog.at_level(logging.WARNING, logger="zentrik_server.learning.store"):
        run_next(sqlite_db)
        assert learned.load(sqlite_db.factory, workspace_id) is None
    assert get_signal(sqlite_db, signal_id).status == "processed"
    assert signal_insights(sqlite_db, signal_id)
    assert [r.message for r in caplog.records].count(
        f"workspace {workspace_id}: stored model unreadable, engine alone: "
        "Expecting ',' delimiter: line 1 column 13 (char 12)"
    ) == 1  # once per training, not per signal


def test_a_model_that_would_not_read_back_is_never_stored(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace_id = make_workspace(sqlite_db)
    broken = WorkspaceModel(None, float("nan"), 60)  # a fit whose numbers came out NaN
    monkeypatch.setattr(learned, "train", lambda _examples: broken)
    with pytest.raises(ValueError):
        learned.retrain(sqlite_db.factory, workspace_id)
    with sqlite_db.factory() as session:
        assert session.get(StoredModel, workspace_id) is None
    assert learned.load(sqlite_db.factory, workspace_id) is None
