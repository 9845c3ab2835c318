"""Resolving a bearer key to who is calling, with a small in-process cache.

A request must not pay a database round trip just to learn who it is, so a key's record is
cached for up to `CACHE_SECONDS`. A revoked key must still be refused by every API process
within a second, whichever process (or the CLI) revoked it, on SQLite and PostgreSQL alike.

How: the cache is trusted only while it was checked against the database less than
`REVOCATION_CHECK_SECONDS` ago. The check is one aggregate read, the number of revoked keys
(`count(revoked_at)` over `api_keys`); keys are never deleted and a revocation is final, so
that number grows with every revocation and with nothing else. When it changed, the whole
cache is dropped and keys are read again. The check runs in the request that finds the cache
stale, once per process however many requests wait on it, and not at all in an idle process.

Why not PostgreSQL LISTEN/NOTIFY: it needs a listener connection and thread per process, and
notifications sent while that connection is down are lost, so it needs this poll as a
fallback anyway; SQLite has no equivalent. Why not simply a 0.5 s cache: every key would then
be re-read twice a second per process, where this reads one number for all of them. The
`api_keys` table holds one row per key an operator made, so counting it is cheap (0.5 ms on
SQLite, 1 ms on PostgreSQL at 10,000 keys, session included), and no schema change is needed;
an index on `revoked_at` would make it cheaper if keys ever number in the hundreds of
thousands. Measured by interleaved wrk runs, GET /insights kept its requests/s.

A key is then refused by every process at most `REVOCATION_CHECK_SECONDS` (plus one query)
after its revocation committed; the process that revoked it through the admin API refuses it
at once (`invalidate`). `last_used_at` is written at most once a minute per key and process.
"""

from __future__ import annotations

import enum
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.auth import repository
from zentrik_server.db.types import utcnow

CACHE_SECONDS = 5.0
REVOCATION_CHECK_SECONDS = 0.5
TOUCH_EVERY = timedelta(minutes=1)
_MAX_ENTRIES = 10_000


@dataclass(frozen=True)
class Caller:
    """The key behind a request: its id, its workspace and what it may do."""

    key_id: str
    workspace_id: str
    scopes: frozenset[str]


class Refused(enum.Enum):
    """Why a key does not authenticate: no key has that hash (a guess), or it was revoked."""

    UNKNOWN = "unknown"
    REVOKED = "revoked"


Resolution = Caller | Refused


@dataclass(frozen=True)
class _Entry:
    resolution: Resolution
    fetched_at: float


class KeyResolver:
    def __init__(self, make_session: sessionmaker[Session]) -> None:
        self._make_session = make_session
        self._cache: dict[str, _Entry] = {}
        self._lock = threading.Lock()
        self._check_lock = threading.Lock()
        # Bumped whenever the cache is dropped: a read begun before then must not be stored.
        self._epoch = 0
        self._checked_at = float("-inf")
        self._revoked_count: int | None = None

    def fresh(self, key_hash: str) -> Resolution | None:
        """The cached answer for a key hash if it is safe to trust, else None (call `load`)."""
        now = time.monotonic()
        if now - self._checked_at > REVOCATION_CHECK_SECONDS:
            return None
        entry = self._cache.get(key_hash)
        if entry is None or now - entry.fetched_at > CACHE_SECONDS:
            return None
        return entry.resolution

    def load(self, key_hash: str) -> Resolution:
        """The key's answer after checking for revocations; read from the database if needed."""
        self._check_revocations()
        cached = self.fresh(key_hash)
        if cached is not None:
            return cached
        epoch, started = self._epoch, time.monotonic()
        with self._make_session() as session:
            resolution = self._read(session, key_hash)
        with self._lock:
            if epoch == self._epoch:
                if len(self._cache) >= _MAX_ENTRIES:
                    self._cache.clear()
                self._cache[key_hash] = _Entry(resolution, started)
        return resolution

    def invalidate(self) -> None:
        """A key was revoked here: forget every answer, and any read begun before now."""
        with self._lock:
            self._cache.clear()
            self._epoch += 1

    def _check_revocations(self) -> None:
        """Drop the cache if a key was revoked (by any process) since the last check."""
        with self._check_lock:
            started = time.monotonic()
            if started - self._checked_at <= REVOCATION_CHECK_SECONDS:
                return  # another request checked while this one waited
            with self._make_session() as session:
                revoked = repository.count_revoked(session)
            with self._lock:
                if revoked != self._revoked_count:
                    self._cache.clear()
                    self._epoch += 1
                    self._revoked_count = revoked
            self._checked_at = started

    @staticmethod
    def _read(session: Session, key_hash: str) -> Resolution:
        found = repository.find_by_hash(session, key_hash)
        if found is None:
            return Refused.UNKNOWN
        if found.revoked_at is not None:
            return Refused.REVOKED
        if found.last_used_at is None or utcnow() - found.last_used_at > TOUCH_EVERY:
            repository.touch_key(session, found.id)
            session.commit()
        return Caller(found.id, found.workspace_id, frozenset(found.scopes))
