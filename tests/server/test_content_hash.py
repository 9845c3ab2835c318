"""Typed signals keep a content hash of their text, listed by `?contentHash=`: how the
workbench recognises a text already imported (issue 12, re-import)."""

from __future__ import annotations

import uuid

import httpx
from sqlalchemy import insert, select

from tests.server.conftest import create, error_of
from tests.server.queue_support import Database, at_revision, make_workspace
from zentrik_server.db.engine import make_engine
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Signal, SignalText
from zentrik_server.resources import records
from zentrik_server.resources.listing import ListCache, Page
from zentrik_server.signals.content_hash import content_hash
from zentrik_server.signals.repository import SIGNALS
from zentrik_server.signals.schemas import SignalListQuery

CRASH = "The app crashes every time I attach a photo."


def _listed(client: httpx.Client, hashes: str) -> list[dict]:
    answer = client.get("/external/v1/signals", params={"contentHash": hashes})
    assert answer.status_code == 200, answer.text
    return list(answer.json())


class TestOverHttp:
    def test_a_typed_signal_carries_the_hash_of_its_text(self, client: httpx.Client) -> None:
        signal = create(client, "signals", text=CRASH)
        assert signal["contentHash"] == content_hash(CRASH)
        again = client.get(f"/external/v1/signals/{signal['id']}").json()
        assert again["contentHash"] == content_hash(CRASH)

    def test_whitespace_and_composition_do_not_change_the_hash(self, client: httpx.Client) -> None:
        one = create(client, "signals", text="Café  menu\r\nis   slow ")
        other = create(client, "signals", text="\tCafe\u0301 menu is\u00a0slow")
        assert one["contentHash"] == other["contentHash"]
        assert (
            create(client, "signals", text="café menu is slow")["contentHash"] != one["contentHash"]
        )

    def test_raw_signals_have_no_hash(self, client: httpx.Client) -> None:
        raw = create(client, "signals", text=None, signalType=None, source={"type": "api"},
                     data={"text": CRASH})  # fmt: skip
        assert raw["contentHash"] is None

    def test_the_filter_lists_the_signals_with_any_of_the_hashes(
        self, client: httpx.Client
    ) -> None:
        crash = create(client, "signals", text=CRASH)
        dark = create(client, "signals", text="Please add a dark mode.")
        create(client, "signals", text="Exports are slow.")
        unknown = content_hash("never imported")
        asked = f"{content_hash(CRASH)},{content_hash('Please add a dark mode.')},{unknown}"
        assert {s["id"] for s in _listed(client, asked)} == {crash["id"], dark["id"]}
        assert _listed(client, unknown) == []

    def test_hashes_are_checked(self, client: httpx.Client) -> None:
        for bad in ("not-a-hash", ",".join([content_hash(str(n)) for n in range(101)])):
            answer = client.get("/external/v1/signals", params={"contentHash": bad})
            assert answer.status_code == 422, answer.text
            assert error_of(answer)["code"]

    def test_another_workspaces_texts_are_not_found(
        self, client: httpx.Client, client_for, make_key
    ) -> None:
        create(client_for(make_key()), "signals", text=CRASH)
        assert _listed(client, content_hash(CRASH)) == []


def test_the_filter_runs_on_both_databases(database: Database) -> None:
    workspace = make_workspace(database)
    wanted, other = str(uuid.uuid4()), str(uuid.uuid4())
    with database.engine.begin() as connection:
        for number, (signal_id, text) in enumerate(((wanted, CRASH), (other, "Dark")), start=1):
            connection.execute(insert(Signal.__table__).values(
                id=signal_id, workspace_id=workspace, public_number=number, name="s",
                status="processed", signal_type="review", source={"type": "manual-text"},
                data={}, content_hash=content_hash(text),
            ))  # fmt: skip
    query = SignalListQuery.model_validate({"contentHash": f"{content_hash(CRASH)},{'a' * 64}"})
    cache = ListCache(database.engine)
    with database.factory() as session:
        found = records.list_page(
            session, cache, SIGNALS, workspace, query.filters(), Page(limit=10, offset=0)
        )
    assert [s["id"] for s in found] == [wanted]


def test_the_migration_hashes_existing_typed_signals_in_batches(database: Database) -> None:
    at_revision(database, "0005_triage_decisions")  # before content hashes
    workspace = make_workspace(database)
    texts = {str(uuid.uuid4()): f"Review number {n}:\n the  export is slow" for n in range(1001)}
    raw = str(uuid.uuid4())
    signals = [
        {"id": signal_id, "workspace_id": workspace, "public_number": n, "name": "s",
         "status": "processed", "signal_type": "review", "source": {"type": "manual-text"},
         "data": {}}
        for n, signal_id in enumerate(texts, start=1)
    ]  # fmt: skip
    raw_row = {**signals[0], "id": raw, "public_number": 0, "signal_type": None, "data": {}}
    with database.engine.begin() as connection:
        connection.execute(insert(Signal.__table__), [*signals, raw_row])
        connection.execute(
            insert(SignalText.__table__), [{"signal_id": k, "text": v} for k, v in texts.items()]
        )

    upgrade(make_engine(database.settings))

    with database.factory() as session:
        hashes = dict(session.execute(select(Signal.id, Signal.content_hash)).all())
    assert hashes.pop(raw) is None
    assert hashes == {signal_id: content_hash(text) for signal_id, text in texts.items()}
