"""A workspace's model in the database: trained from its decisions, read by signal processing,
shown (status) and reset from the admin API and the CLI."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.auth.repository import workspace_named
from zentrik_server.db.models import TriageDecision
from zentrik_server.db.models import WorkspaceModel as StoredModel
from zentrik_server.db.types import utcnow
from zentrik_server.errors import NotFound
from zentrik_server.extraction.learning import Example, WorkspaceModel, train
from zentrik_server.learning.decisions import count

log = logging.getLogger(__name__)


def workspace_id(session: Session, name: str) -> str:
    found = workspace_named(session, name)
    if found is None:
        raise NotFound(f"No workspace named {name!r}")
    return found.id


def examples(session: Session, workspace_id: str) -> list[Example]:
    rows = session.scalars(
        select(TriageDecision)
        .where(TriageDecision.workspace_id == workspace_id)
        .order_by(TriageDecision.created_at, TriageDecision.id)
    )
    return [Example(row.text, row.kind, row.accepted) for row in rows]  # type: ignore[arg-type]


def retrain(factory: sessionmaker[Session], workspace_id: str) -> dict[str, Any]:
    """Train on every decision so far (outside any transaction: it takes seconds), store it."""
    with factory() as session:
        decided = examples(session, workspace_id)
    model = train(decided)
    stored_json = model.to_json()
    # The check every later read makes, made before the write: a model whose numbers did not
    # come out finite is refused here (the job fails and says why) instead of being stored.
    WorkspaceModel.from_json(stored_json)
    with factory.begin() as session:
        stored = session.get(StoredModel, workspace_id, with_for_update=True)
        if stored is None:
            stored = StoredModel(workspace_id=workspace_id, version=0)
            session.add(stored)
        stored.version += 1
        stored.decisions = model.decisions
        stored.estimated_f1 = model.estimated_f1
        stored.base_f1 = model.base_f1
        stored.model = stored_json
        stored.trained_at = utcnow()
        session.flush()
        return status(session, workspace_id)


# Each workspace's model as last parsed (None: unreadable), with the (version, trained_at) it
# was parsed at: a stored model is a few hundred KB of JSON, and parsing it for every signal
# cost ~50 ms, far more than extracting the signal. `trained_at` tells a retrain after a reset
# (which starts the version again) from the model it replaced.
_PARSED: dict[str, tuple[tuple[int, datetime], WorkspaceModel | None]] = {}
# Workspaces whose parsed model is kept (about a megabyte each); the least recently parsed goes.
_PARSED_MAX = 64
# A worker's threads read and evict at once.
_PARSED_LOCK = threading.Lock()


def load(factory: sessionmaker[Session], workspace_id: str) -> WorkspaceModel | None:
    """The workspace's model, or None (none trained yet); parsed once per training."""
    with factory() as session:
        return model_in(session, workspace_id)


def status(session: Session, workspace_id: str) -> dict[str, Any]:
    stored = session.get(StoredModel, workspace_id)
    return {
        "decisions": count(session, workspace_id),
        "trained": stored is not None,
        "version": stored.version if stored else None,
        "learnedFrom": stored.decisions if stored else 0,
        "trainedAt": stored.trained_at if stored else None,
        "estimatedF1": stored.estimated_f1 if stored else None,
        "baseF1": stored.base_f1 if stored else None,
    }


def reset(session: Session, workspace_id: str) -> None:
    """Forget the model and the decisions it learned from (the engine alone again), committed."""
    session.execute(delete(StoredModel).where(StoredModel.workspace_id == workspace_id))
    session.execute(delete(TriageDecision).where(TriageDecision.workspace_id == workspace_id))
    session.commit()


def model_in(session: Session, workspace_id: str) -> WorkspaceModel | None:
    """`load` in a session the caller already holds (process-transcript, within its request):
    the stored JSON is parsed only when its training is not the one last parsed. A stored model
    that does not read is logged once and leaves the engine alone (None) until a retrain."""
    where = StoredModel.workspace_id == workspace_id
    stamp = session.execute(select(StoredModel.version, StoredModel.trained_at).where(where))
    found = stamp.one_or_none()
    if found is None:
        return None
    key = (found.version, found.trained_at)
    with _PARSED_LOCK:
        parsed = _PARSED.get(workspace_id)
    if parsed is not None and parsed[0] == key:
        return parsed[1]
    model = _parsed(workspace_id, session.scalar(select(StoredModel.model).where(where)) or "")
    with _PARSED_LOCK:
        _PARSED.pop(workspace_id, None)
        if len(_PARSED) >= _PARSED_MAX:
            del _PARSED[next(iter(_PARSED))]
        _PARSED[workspace_id] = (key, model)
    return model


def _parsed(workspace_id: str, stored: str) -> WorkspaceModel | None:
    try:
        return WorkspaceModel.from_json(stored)
    except ValueError as error:
        log.warning("workspace %s: stored model unreadable, engine alone: %s", workspace_id, error)
        return None
