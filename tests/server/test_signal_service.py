"""Signal creation writes nothing at all when its transaction fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from zentrik_server.admin.service import create_key
from zentrik_server.auth.service import Caller
from zentrik_server.config import load_settings
from zentrik_server.db.engine import api_sessionmaker, make_engine
from zentrik_server.db.migrate import upgrade
from zentrik_server.db.models import Signal, SignalText
from zentrik_server.signals import service
from zentrik_server.signals.schemas import SignalCreate


def test_a_failed_create_leaves_no_row_and_no_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = load_settings(tmp_path)
    engine = make_engine(settings)
    upgrade(engine)
    make_session = api_sessionmaker(engine)
    with make_session() as session:
        workspace_id = create_key(session, "ws")["workspaceId"]
    caller = Caller("key", workspace_id, frozenset())

    def broken_enqueue(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr(service, "queue_processing", broken_enqueue)
    body = SignalCreate.model_validate({"text": "Exports are slow.", "signalType": "review"})
    with make_session() as session, pytest.raises(RuntimeError):
        service.create(session, caller, body, key=None)
    with make_session() as session:
        assert session.scalar(select(func.count()).select_from(Signal)) == 0
        assert session.scalar(select(func.count()).select_from(SignalText)) == 0
