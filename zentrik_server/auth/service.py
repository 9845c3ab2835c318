"""Resolving a bearer key to who is calling, with a small in-process cache.

A request must not pay a database round trip just to learn who it is, so a key's record is
cached for `CACHE_SECONDS`. Revocation through this process (admin API or CLI in-process)
drops the entry at once; a revocation made by another process takes effect here within
`CACHE_SECONDS` (5 s). `last_used_at` is written at most once a minute per key and process.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.auth import repository
from zentrik_server.db.types import utcnow
from zentrik_server.errors import Unauthorized

CACHE_SECONDS = 5.0
TOUCH_EVERY = timedelta(minutes=1)
_MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Caller:
    """The key behind a request: its id, its workspace and what it may do."""

    key_id: str
    workspace_id: str
    scopes: frozenset[str]


@dataclass(frozen=True)
class _Entry:
    caller: Caller | None  # None: unknown or revoked key
    fetched_at: float


class KeyResolver:
    def __init__(self, make_session: sessionmaker[Session]) -> None:
        self._make_session = make_session
        self._cache: dict[str, _Entry] = {}
        self._lock = threading.Lock()

    def fresh(self, key_hash: str) -> _Entry | None:
        """The cached entry for a key hash if it is young enough to trust, else None."""
        entry = self._cache.get(key_hash)
        if entry is None or time.monotonic() - entry.fetched_at > CACHE_SECONDS:
            return None
        return entry

    def load(self, key_hash: str) -> Caller | None:
        """Read the key from the database and cache the answer (None: unknown or revoked)."""
        with self._make_session() as session:
            caller = self._read(session, key_hash)
        with self._lock:
            if len(self._cache) >= _MAX_ENTRIES:
                self._cache.clear()
            self._cache[key_hash] = _Entry(caller, time.monotonic())
        return caller

    def forget(self, key_id: str) -> None:
        with self._lock:
            stale = [h for h, e in self._cache.items() if e.caller and e.caller.key_id == key_id]
            for key_hash in stale:
                del self._cache[key_hash]

    @staticmethod
    def _read(session: Session, key_hash: str) -> Caller | None:
        found = repository.find_by_hash(session, key_hash)
        if found is None:
            return None
        if found.revoked_at is not None:
            return None
        if found.last_used_at is None or utcnow() - found.last_used_at > TOUCH_EVERY:
            repository.touch_key(session, found.id)
            session.commit()
        return Caller(found.id, found.workspace_id, frozenset(found.scopes))


def require(caller: Caller | None) -> Caller:
    if caller is None:
        raise Unauthorized("Invalid or revoked API key")
    return caller
