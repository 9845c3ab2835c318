"""Which Zentrik the workbench talks to, resolved in this order:

1. a per-browser-session override entered on the Settings page (`set_session_connection`),
2. Streamlit secrets (`.streamlit/secrets.toml`: `ZENTRIK_API_URL`, `ZENTRIK_API_KEY`),
3. environment variables of the same names,
4. else the bundled server, embedded in this process (`zentrik_ui.embedded`), on
   `ZENTRIK_DATA_DIR` (default: the platform's user data directory).

2–4 are read by `load_settings()` into one `Settings`, the only place the workbench reads
its environment; `resolve_connection()` turns it into a `Connection`, and
`current_connection()` adds the session override and is what pages should call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import platformdirs
from pydantic import Field, PrivateAttr, SecretStr, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from zentrik_ui.client import ZentrikError, key_fingerprint
from zentrik_ui.client._base import normalize_base_url

URL_NAME = "ZENTRIK_API_URL"
KEY_NAME = "ZENTRIK_API_KEY"
ADMIN_TOKEN_NAME = "ZENTRIK_ADMIN_TOKEN"
SESSION_STATE_KEY = "zentrik_connection_override"

Mode = Literal["embedded", "remote"]
Source = Literal["session", "secrets", "env", "embedded"]


def platform_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("zentrik-workbench", appauthor=False))


class Settings(BaseSettings):
    """The workbench's configuration: `ZENTRIK_*` from the environment, or the remote pair
    from Streamlit secrets (`load_settings`). Secrets never show in its repr."""

    model_config = SettingsConfigDict(env_prefix="ZENTRIK_", extra="ignore", frozen=True)

    api_url: str = ""
    api_key: SecretStr = SecretStr("")
    admin_token: SecretStr | None = None
    # The same rule as the server's own (zentrik_server/config.py), so the embedded server
    # started with it and `python -m zentrik_server` find one database.
    data_dir: Path = Field(default_factory=platform_data_dir)
    # Where the URL and key came from, named in the message when only one of them is set.
    # Private, so that no ZENTRIK_SOURCE variable sets it.
    _source: Literal["secrets", "env"] = PrivateAttr(default="env")

    @classmethod
    def from_secrets(cls, secrets: Mapping[str, Any]) -> Settings:
        """The URL, key and admin token of Streamlit secrets; the data dir still from the
        environment (secrets.toml has no say in where the local server keeps its data)."""
        settings = cls(
            api_url=secrets.get(URL_NAME),
            api_key=secrets.get(KEY_NAME),
            admin_token=secrets.get(ADMIN_TOKEN_NAME),
        )
        settings._source = "secrets"
        return settings

    @property
    def source(self) -> Literal["secrets", "env"]:
        return self._source

    @field_validator("api_url", "api_key", "admin_token", mode="before")
    @classmethod
    def _stripped(cls, value: object, info: ValidationInfo) -> str | None:
        """The one place a configured URL, key or token is stripped; blank is not set."""
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        text = str(value).strip() if value is not None else ""
        return text or None if info.field_name == "admin_token" else text

    @field_validator("data_dir")
    @classmethod
    def _expanded(cls, value: Path) -> Path:
        return value.expanduser()


def load_settings() -> Settings:
    """Read the configuration: the URL, key and admin token come whole from Streamlit secrets
    when secrets set either of the first two, else from the environment (never one from each,
    so a half-configured source is reported instead of silently completed)."""
    secrets = _read_secrets()
    if secrets:
        from_secrets = Settings.from_secrets(secrets)
        if from_secrets.api_url or from_secrets.api_key.get_secret_value():
            return from_secrets
    return Settings()


@dataclass(frozen=True)
class Connection:
    """Where to send requests and with which key; the key and token never show in repr.

    Built from clean values (a normalised URL, a stripped key): `load_settings` and
    `set_session_connection` clean what a person typed, once."""

    base_url: str
    api_key: str = field(repr=False)
    mode: Mode = "remote"
    admin_token: str | None = field(default=None, repr=False)
    data_dir: Path | None = None
    source: Source = "env"
    # sha256 of the key, first 16 hex: names the key in cache keys without revealing it.
    # Hashed once here, not on every cached read that needs it.
    fingerprint: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "fingerprint", key_fingerprint(self.api_key))


def resolve_connection() -> Connection:
    """The process-wide connection: secrets, then environment, then the embedded server."""
    settings = load_settings()
    return _remote(settings) or _embedded(settings)


def current_connection() -> Connection:
    """This browser session's connection: its Settings override if any, else the default."""
    return session_connection() or resolve_connection()


def set_session_connection(base_url: str, api_key: str) -> Connection:
    """Use `base_url` + `api_key` for this browser session only (kept in session_state)."""
    if not api_key or not api_key.strip():
        raise ZentrikError("Enter an API key to connect to a Zentrik workspace.")
    conn = Connection(normalize_base_url(base_url), api_key.strip(), "remote", source="session")
    return keep_session_connection(conn)


def keep_session_connection(conn: Connection) -> Connection:
    """Use `conn` (already checked, see connect.py) for this browser session only."""
    import streamlit as st

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


def _remote(settings: Settings) -> Connection | None:
    url, key = settings.api_url, settings.api_key.get_secret_value()
    if not url and not key:
        return None
    if not url or not key:
        missing = KEY_NAME if url else URL_NAME
        where = "Streamlit secrets" if settings.source == "secrets" else "the environment"
        raise ZentrikError(
            f"{where.capitalize()} set only one of {URL_NAME} and {KEY_NAME}: add {missing} "
            f"to {where}, or remove both to use the built-in local server."
        )
    admin = settings.admin_token.get_secret_value() if settings.admin_token else None
    return Connection(normalize_base_url(url), key, "remote", admin, source=settings.source)


def _embedded(settings: Settings) -> Connection:
    from zentrik_ui.embedded import local_server

    server = local_server(settings.data_dir)
    return Connection(
        base_url=server.base_url,
        api_key=server.api_key,
        mode="embedded",
        admin_token=server.admin_token,
        data_dir=Path(server.data_dir),
        source="embedded",
    )
