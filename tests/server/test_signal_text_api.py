"""`GET /signals/{id}/text` and the `q` filter of `GET /signals` (issue 13, item 3): a signal
can be opened to read its text, and found by words in its name or text. Both run on SQLite
and, when ZENTRIK_TEST_POSTGRES_URL is set, on PostgreSQL (ILIKE there, LIKE on SQLite)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import httpx
import pytest

from tests.conftest import ServerHandle
from tests.server.conftest import create, error_of

TICKET = "Subject: Export fails\n\nHi team,\nThe CSV export fails with 100% of rows_missing."
INTERVIEW = "Interviewer: How do you report?\nMaria: Monthly reports take me a whole DAY."

Api = Callable[..., httpx.Client]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def api(request: pytest.FixtureRequest) -> Iterator[Api]:
    """`api(scopes=None)`: a client for a fresh workspace of the server under test."""
    server: ServerHandle = request.getfixturevalue(
        "live_server" if request.param == "sqlite" else "pg_server"
    )
    opened: list[httpx.Client] = []

    def make(scopes: list[str] | None = None, workspace: str | None = None) -> httpx.Client:
        body: dict[str, object] = {"workspace": workspace or f"text-{uuid.uuid4().hex[:12]}"}
        if scopes is not None:
            body["scopes"] = scopes
        admin = {"Authorization": f"Bearer {server.admin_token}"}
        made = httpx.post(f"{server.base_url}/admin/v1/keys", json=body, headers=admin)
        made.raise_for_status()
        headers = {"Authorization": f"Bearer {made.json()['key']}"}
        client = httpx.Client(base_url=server.base_url, headers=headers, timeout=30.0)
        opened.append(client)
        return client

    yield make
    for client in opened:
        client.close()


def text_of(client: httpx.Client, signal_id: str) -> httpx.Response:
    return client.get(f"/external/v1/signals/{signal_id}/text")


def names(client: httpx.Client, q: str) -> set[str]:
    response = client.get("/external/v1/signals", params={"q": q, "limit": 100})
    assert response.status_code == 200, response.text
    return {signal["name"] for signal in response.json()}


class TestSignalText:
    def test_a_typed_signal_answers_its_text(self, api: Api) -> None:
        client = api()
        signal = create(client, "signals", text=INTERVIEW, signalType="transcript")
        response = text_of(client, signal["id"])
        assert response.status_code == 200, response.text
        assert response.json() == {"text": INTERVIEW}

    def test_a_raw_signal_answers_the_text_fields_of_its_data(self, api: Api) -> None:
        client = api()
        data = {"ticket": {"subject": "Export fails", "body": "Rows are missing."}, "n": 3}
        signal = create(client, "signals", text=None, signalType=None, source={"type": "zendesk"},
                        data=data)  # fmt: skip
        assert text_of(client, signal["id"]).json() == {"text": "Export fails\n\nRows are missing."}

    def test_a_raw_signal_without_text_is_404(self, api: Api) -> None:
        client = api()
        signal = create(client, "signals", text=None, signalType=None, source={"type": "api"},
                        data={"score": 3})  # fmt: skip
        response = text_of(client, signal["id"])
        assert response.status_code == 404
        assert error_of(response)["message"] == f"Signal {signal['id']} has no text"

    def test_other_workspace_is_404(self, api: Api) -> None:
        owner, other = api(), api()
        signal = create(owner, "signals", text=TICKET, signalType="support_ticket")
        assert text_of(owner, signal["id"]).status_code == 200
        response = text_of(other, signal["id"])
        assert response.status_code == 404
        assert "Export" not in response.text

    def test_without_read_scope_is_403(self, api: Api) -> None:
        signal = create(api(), "signals", text=TICKET, signalType="support_ticket")
        assert text_of(api(scopes=["signals:write"]), signal["id"]).status_code == 403

    def test_is_documented_as_signals_get_text(self, api: Api) -> None:
        schema = api().get("/openapi.json").json()
        operation = schema["paths"]["/external/v1/signals/{signal_id}/text"]["get"]
        assert operation["operationId"] == "signals_get_text"
        assert {"401", "403", "404"} <= set(operation["responses"])


class TestSearchSignals:
    @pytest.fixture
    def workspace(self, api: Api) -> httpx.Client:
        client = api()
        create(client, "signals", name="Ticket 1", text=TICKET, signalType="support_ticket")
        create(client, "signals", name="Maria interview", text=INTERVIEW, signalType="transcript")
        create(client, "signals", name="Review batch_2", text="Love it. 5/5", signalType="review")
        return client

    def test_q_matches_name_or_text_in_any_case(self, workspace: httpx.Client) -> None:
        assert names(workspace, "maria") == {"Maria interview"}
        assert names(workspace, "a whole day") == {"Maria interview"}
        assert names(workspace, "EXPORT") == {"Ticket 1"}
        assert names(workspace, "nothing like this") == set()

    def test_like_wildcards_are_matched_literally(self, workspace: httpx.Client) -> None:
        assert names(workspace, "100%") == {"Ticket 1"}
        assert names(workspace, "%") == {"Ticket 1"}
        assert names(workspace, "rows_missing") == {"Ticket 1"}
        assert names(workspace, "batch_2") == {"Review batch_2"}
        assert names(workspace, "_") == {"Ticket 1", "Review batch_2"}
        assert names(workspace, "' OR 1=1 --") == set()

    def test_q_counts_only_matches(self, workspace: httpx.Client) -> None:
        response = workspace.get("/external/v1/signals", params={"q": "interview"})
        assert response.headers["X-Total-Count"] == "1"

    def test_q_never_finds_another_workspace_s_signals(
        self, workspace: httpx.Client, api: Api
    ) -> None:
        other = api()
        create(other, "signals", name="Their export notes", text="Nothing shared.")
        create(other, "signals", name="Their call", text="Nothing shared either.")
        assert names(other, "export") == {"Their export notes"}

    def test_an_empty_or_overlong_q_is_422(self, workspace: httpx.Client) -> None:
        for q in ("", "x" * 201):
            response = workspace.get("/external/v1/signals", params={"q": q})
            assert response.status_code == 422
            assert error_of(response)["fields"][0]["field"] == "q"
