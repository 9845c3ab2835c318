"""Where the server keeps its data, resolved once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import platformdirs

# Texts larger than this are refused with 413: a transcript of a full day is ~100k words.
MAX_TEXT_CHARS = 1_000_000
MAX_PAGE_SIZE = 1000
# A request line plus headers over this is refused with 431 (header_limit.py); browsers and
# proxies cap theirs at 8-64 KiB.
DEFAULT_MAX_HEADER_BYTES = 64 * 1024
Scope = Literal[
    "signals:read",
    "signals:write",
    "insights:read",
    "insights:write",
    "opportunities:read",
    "opportunities:write",
    "ideas:read",
    "ideas:write",
]
SCOPES: tuple[str, ...] = get_args(Scope)


@dataclass(frozen=True)
class AuthLimits:
    """The brake on failed authentication (auth/throttle.py) and whose X-Forwarded-For counts.

    ZENTRIK_AUTH_FAILURE_LIMIT wrong keys per address within ZENTRIK_AUTH_FAILURE_WINDOW
    seconds, per API process. ZENTRIK_TRUSTED_PROXIES lists the proxies (comma-separated IPs
    or networks) whose X-Forwarded-For names the client; by default none is believed.
    """

    failure_limit: int = 20
    failure_window_seconds: float = 60.0
    trusted_proxies: str = ""

    @classmethod
    def from_env(cls) -> AuthLimits:
        return cls(
            failure_limit=int(os.environ.get("ZENTRIK_AUTH_FAILURE_LIMIT", cls.failure_limit)),
            failure_window_seconds=float(
                os.environ.get("ZENTRIK_AUTH_FAILURE_WINDOW", cls.failure_window_seconds)
            ),
            trusted_proxies=os.environ.get("ZENTRIK_TRUSTED_PROXIES", "").strip(),
        )

    def proxy_options(self) -> dict[str, Any]:
        """uvicorn's options: believe X-Forwarded-For from the trusted proxies only."""
        trusted = self.trusted_proxies
        return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    auth: AuthLimits = field(default_factory=AuthLimits.from_env)
    max_header_bytes: int = DEFAULT_MAX_HEADER_BYTES
    # Browser origins allowed by CORS; none by default (the API's callers are server-side).
    cors_origins: tuple[str, ...] = ()

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def admin_token_path(self) -> Path:
        return self.data_dir / "admin_token"

    @property
    def workbench_key_path(self) -> Path:
        return self.data_dir / "workbench_key"


def load_settings(data_dir: str | Path | None = None, database_url: str | None = None) -> Settings:
    root = Path(
        data_dir
        or os.environ.get("ZENTRIK_DATA_DIR")
        or platformdirs.user_data_dir("zentrik-workbench", appauthor=False)
    ).expanduser()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    url = (
        database_url or os.environ.get("ZENTRIK_DATABASE_URL") or f"sqlite:///{root / 'zentrik.db'}"
    )
    max_header_bytes = int(os.environ.get("ZENTRIK_MAX_HEADER_BYTES", DEFAULT_MAX_HEADER_BYTES))
    cors_origins = os.environ.get("ZENTRIK_CORS_ORIGINS", "").replace(",", " ").split()
    return Settings(
        data_dir=root,
        database_url=normalize_database_url(url),
        max_header_bytes=max_header_bytes,
        cors_origins=tuple(cors_origins),
    )


def normalize_database_url(url: str) -> str:
    """Accept the `postgresql://` URLs operators paste and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
