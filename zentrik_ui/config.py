"""Which Zentrik the workbench talks to, resolved in this order:

1. a per-browser-session override entered on the Settings page (`set_session_connection`),
2. Streamlit secrets (`.streamlit/secrets.toml`: `ZENTRIK_API_URL`, `ZENTRIK_API_KEY`),
3. environment variables of the same names,
4. else the bundled server, embedded in this process (`zentrik_ui.embedded`).

`resolve_connection()` covers 2–4 (the process-wide configuration); `current_connection()`
adds the session override and is what pages should call.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from zentrik_ui.client import ZentrikError, key_fingerprint
from zentrik_ui.client._base import normalize_base_url

URL_NAME = "ZENTRIK_API_URL"
KEY_NAME = "ZENTRIK_API_KEY"
ADMIN_TOKEN_NAME = "ZENTRIK_ADMIN_TOKEN"
SESSION_STATE_KEY = "zentrik_connection_override"

Mode = Literal["embedded", "remote"]
Source = Literal["session", "secrets", "env", "embedded"]


@dataclass(frozen=True)
class Connection:
    """Where to send requests and with which key; the key and token never show in repr."""

    base_url: str
    api_key: str = field(repr=False)
    mode: Mode = "remote"
    admin_token: str | None = field(default=None, repr=False)
    data_dir: Path | None = None
    source: Source = "env"

    @property
    def fingerprint(self) -> str:
        """sha256 of the key, first 16 hex: names the key in cache keys without revealing it."""
        return key_fingerprint(self.api_key)


def resolve_connection() -> Connection:
    """The process-wide connection: secrets, then environment, then the embedded server."""
    return _remote(_read_secrets(), "secrets") or _remote(os.environ, "env") or _embedded()


def current_connection() -> Connection:
    """This browser session's connection: its Settings override if any, else the default."""
    return session_connection() or resolve_connection()


def set_session_connection(base_url: str, api_key: str) -> Connection:
    """Use `base_url` + `api_key` for this browser session only (kept in session_state)."""
    import streamlit as st

    if not api_key or not api_key.strip():
        raise ZentrikError("Enter an API key to connect to a Zentrik workspace.")
    conn = Connection(normalize_base_url(base_url), api_key.strip(), "remote", source="session")
    st.session_state[SESSION_STATE_KEY] = conn
    return conn


def clear_session_connection() -> None:
    """Back to the configured connection for this browser session."""
    import streamlit as st

    st.session_state.pop(SESSION_STATE_KEY, None)


def session_connection() -> Connection | None:
    import streamlit as st

    conn = st.session_state.get(SESSION_STATE_KEY)
    return conn if isinstance(conn, Connection) else None


def _read_secrets() -> Mapping[str, Any]:
    """Streamlit secrets, or nothing when there is no secrets.toml (never an error on screen)."""
    import streamlit as st

    if not st.secrets.load_if_toml_exists():
        return {}
    return st.secrets


def _remote(values: Mapping[str, Any], source: Source) -> Connection | None:
    url, key = _text(values.get(URL_NAME)), _text(values.get(KEY_NAME))
    if not url and not key:
        return None
    if not url or not key:
        missing = KEY_NAME if url else URL_NAME
        where = "Streamlit secrets" if source == "secrets" else "the environment"
        raise ZentrikError(
            f"{where.capitalize()} set only one of {URL_NAME} and {KEY_NAME}: add {missing} "
            f"to {where}, or remove both to use the built-in local server."
        )
    admin = _text(values.get(ADMIN_TOKEN_NAME)) or None
    return Connection(normalize_base_url(url), key, "remote", admin, source=source)


def _embedded() -> Connection:
    from zentrik_ui.embedded import local_server

    server = local_server()
    return Connection(
        base_url=server.base_url,
        api_key=server.api_key,
        mode="embedded",
        admin_token=server.admin_token,
        data_dir=Path(server.data_dir),
        source="embedded",
    )


def _text(value: object) -> str:
    return str(value).strip() if value is not None else ""
