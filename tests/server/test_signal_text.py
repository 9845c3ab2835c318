"""A signal's text lives in the database: no request value can name a file to read or delete."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import insert, select

from tests.conftest import ServerHandle
from tests.server.conftest import ClientFor, create, settled, stored_text
from tests.server.queue_support import Database, at_revision, make_workspace
from zentrik_server.db.engine import make_engine
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Signal, SignalText
from zentrik_server.jobs import queue
from zentrik_server.jobs.runner import run_job
from zentrik_server.signals.service import queue_processing

SECRET = (
    "Acme's Okta SSO login fails with a 500 error every morning, so the whole finance team "
    "is locked out. Please add SAML support for Okta before the renewal."
)


class TestOverHttp:
    def test_typed_text_is_stored_in_the_database_not_in_a_file(
        self, client: httpx.Client, live_server: ServerHandle
    ) -> None:
        signal = create(client, "signals", text=SECRET, signalType="support_ticket")
        assert stored_text(live_server, signal["id"]) == SECRET
        assert not (live_server.data_dir / "signals").exists()
        assert settled(client, signal)["status"] == "processed"

    def test_patching_data_keeps_the_server_made_key(self, client: httpx.Client) -> None:
        signal = create(client, "signals")
        changed = client.patch(
            f"/external/v1/signals/{signal['id']}", json={"data": {"note": "from a PM"}}
        )
        assert changed.status_code == 200, changed.text
        assert changed.json()["data"] == {"note": "from a PM", "s3Key": signal["data"]["s3Key"]}

    def test_a_client_s3key_cannot_delete_server_files(
        self, client: httpx.Client, live_server: ServerHandle
    ) -> None:
        signal = create(client, "signals")
        for target in ("admin_token", "../admin_token", str(live_server.data_dir / "zentrik.db")):
            client.patch(f"/external/v1/signals/{signal['id']}", json={"data": {"s3Key": target}})
        assert client.delete(f"/external/v1/signals/{signal['id']}").status_code == 200
        assert (live_server.data_dir / "admin_token").is_file()
        assert (live_server.data_dir / "zentrik.db").is_file()
        assert client.get("/external/v1/signals").status_code == 200

    def test_reprocessing_reads_only_the_signals_own_text(
        self, client_for: ClientFor, make_key: Callable[[], str]
    ) -> None:
        victim, attacker = client_for(make_key()), client_for(make_key())
        secret = create(victim, "signals", text=SECRET, signalType="support_ticket")
        mine = settled(attacker, create(attacker, "signals", text="Exports are slow."))
        attacker.patch(
            f"/external/v1/signals/{mine['id']}", json={"data": {"s3Key": secret["data"]["s3Key"]}}
        )
        attacker.post(f"/external/v1/signals/{mine['id']}/process")
        settled_again = settled(attacker, mine)
        insights = attacker.get("/external/v1/insights", params={"signalId": mine["id"]}).json()
        assert settled_again["status"] == "processed"
        assert insights and "Okta" not in str(insights)


class TestMigrationFromTextFiles:
    def test_texts_move_into_the_database_and_the_files_go(
        self, database: Database, tmp_path: Path
    ) -> None:
        at_revision(database, "0001")
        workspace = make_workspace(database)
        typed, tampered, raw = (str(uuid.uuid4()) for _ in range(3))
        folder = tmp_path / "signals" / "manual-text" / workspace
        folder.mkdir(parents=True)
        (folder / f"{typed}.txt").write_text("The export times out.", encoding="utf-8")
        (folder / f"{uuid.uuid4()}.txt").write_text("orphan of a killed create")
        outside = tmp_path / "elsewhere.txt"
        outside.write_text(SECRET)
        rows = [
            (typed, "review", {"s3Key": f"signals/manual-text/{workspace}/{typed}.txt"}),
            (tampered, "review", {"s3Key": str(outside)}),
            (raw, None, {"text": "Dark mode please", "s3Key": "../zentrik.db"}),
        ]
        with database.engine.begin() as connection:
            for number, (signal_id, signal_type, data) in enumerate(rows, start=1):
                connection.execute(
                    insert(Signal.__table__).values(
                        id=signal_id, workspace_id=workspace, public_number=number, name="s",
                        status="processed", signal_type=signal_type, source={"type": "x"},
                        data=data,
                    )
                )  # fmt: skip

        upgrade(make_engine(database.settings), tmp_path)

        with database.factory() as session:
            texts = dict(session.execute(select(SignalText.signal_id, SignalText.text)).all())
            data = {s.id: s.data for s in session.scalars(select(Signal))}
        assert texts == {typed: "The export times out."}
        assert data[tampered] == {"s3Key": f"signals/manual-text/{workspace}/{tampered}.txt"}
        assert data[raw] == {"text": "Dark mode please"}
        assert not (tmp_path / "signals").exists()
        assert outside.read_text() == SECRET

    def test_a_migrated_signal_processes_from_its_stored_text(
        self, database: Database, tmp_path: Path
    ) -> None:
        at_revision(database, "0001")
        workspace = make_workspace(database)
        signal_id = str(uuid.uuid4())
        folder = tmp_path / "signals" / "manual-text" / workspace
        folder.mkdir(parents=True)
        (folder / f"{signal_id}.txt").write_text("Please add dark mode.", encoding="utf-8")
        with database.engine.begin() as connection:
            connection.execute(
                insert(Signal.__table__).values(
                    id=signal_id, workspace_id=workspace, public_number=1, name="s",
                    status="processing", signal_type="review", source={"type": "manual-text"},
                    data={"s3Key": f"signals/manual-text/{workspace}/{signal_id}.txt"},
                )
            )  # fmt: skip
        upgrade(make_engine(database.settings), tmp_path)
        with database.factory.begin() as session:
            queue_processing(session, signal_id)
        [job] = queue.claim(database.factory, "w1", 1)
        run_job(database.factory, job, "w1", database.settings)
        with database.factory() as session:
            signal = session.get(Signal, signal_id)
            assert signal is not None and (signal.status, signal.last_error) == ("processed", None)
