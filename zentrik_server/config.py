"""The server's configuration, read from the ZENTRIK_* environment once, into `Settings`.

Only `load_settings` reads the environment; everything else is given the settings (or the
part it needs) by whoever builds it: create_app, the worker, the embedded server, the CLI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

import platformdirs
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

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
ENV_PREFIX = "ZENTRIK_"


class AuthLimits(BaseModel):
    """The brake on failed authentication (auth/throttle.py), per API process."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    failure_limit: int = Field(
        20,
        ge=1,
        description="wrong keys an address may try within the window before it gets 429 "
        "(per API process)",
    )
    failure_window: float = Field(
        60.0, gt=0, description="seconds over which an address's wrong keys are counted"
    )


class LLMSettings(BaseModel):
    """An OpenAI-compatible chat endpoint for extraction (extraction/llm.py); off by default."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    base_url: str = Field(
        "",
        description="an OpenAI-compatible endpoint, e.g. `http://127.0.0.1:8000/v1`; with the "
        "model set, extraction asks it first",
    )
    model: str = Field("", description="the model name sent to it")
    api_key: SecretStr | None = Field(None, description="sent as a bearer token, never logged")
    timeout: float = Field(
        30.0, gt=0, description="seconds per request before falling back to the offline engine"
    )

    @property
    def enabled(self) -> bool:
        return bool(self.base_url and self.model)


class JobSettings(BaseModel):
    """The job queue (jobs/queue.py)."""

    model_config = ConfigDict(frozen=True, str_strip_whitespace=True)

    lease_seconds: float = Field(
        30.0, gt=0, description="a worker silent this long loses its jobs to another"
    )


class Settings(BaseSettings):
    """The server's configuration: read from ZENTRIK_* once at start, then passed around.

    Groups read `ZENTRIK_<GROUP>_<FIELD>` (ZENTRIK_AUTH_FAILURE_LIMIT); the README's table
    of variables lists every field (tests/server/test_settings.py keeps it in step).
    """

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="_",
        env_nested_max_split=1,
        # An empty variable means "not set", as `VAR= command` is commonly used to unset one.
        env_ignore_empty=True,
        str_strip_whitespace=True,
        frozen=True,
    )

    data_dir: Path = Field(
        default_factory=lambda: Path(
            platformdirs.user_data_dir("zentrik-workbench", appauthor=False)
        ),
        description="SQLite database, admin token, workbench key",
    )
    database_url: str = Field(
        "",
        validate_default=True,
        description="`postgresql://...` to share one database between processes and machines",
    )
    max_header_bytes: int = Field(
        DEFAULT_MAX_HEADER_BYTES,
        gt=0,
        description="a request line plus headers over this is refused with 431",
    )
    cors_origins: Annotated[tuple[str, ...], NoDecode] = Field(
        (), description="browser origins allowed by CORS, comma-separated"
    )
    trusted_proxies: str = Field(
        "",
        description="proxies (IPs or networks, comma-separated) whose `X-Forwarded-For` names "
        "the client",
    )
    run_worker: bool = Field(
        True,
        description="`serve` also processes signals in each API process (`--no-worker` sets 0)",
    )
    auth: AuthLimits = AuthLimits()
    llm: LLMSettings = LLMSettings()
    job: JobSettings = JobSettings()

    @field_validator("data_dir")
    @classmethod
    def _expand_user(cls, data_dir: Path) -> Path:
        return data_dir.expanduser()

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, url: str, info: ValidationInfo) -> str:
        data_dir = info.data.get("data_dir")
        if not url and data_dir is not None:
            url = f"sqlite:///{data_dir / 'zentrik.db'}"
        return normalize_database_url(url)

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, origins: object) -> object:
        return origins.replace(",", " ").split() if isinstance(origins, str) else origins

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def admin_token_path(self) -> Path:
        return self.data_dir / "admin_token"

    @property
    def workbench_key_path(self) -> Path:
        return self.data_dir / "workbench_key"

    def proxy_options(self) -> dict[str, Any]:
        """uvicorn's options: believe X-Forwarded-For from the trusted proxies only."""
        trusted = self.trusted_proxies
        return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}


class ConfigurationError(Exception):
    """A ZENTRIK_* variable is invalid; the message names each one and says why."""


def load_settings(data_dir: str | Path | None = None, database_url: str | None = None) -> Settings:
    """The settings from the environment (explicit arguments win), data dir created."""
    explicit = {"data_dir": data_dir, "database_url": database_url}
    try:
        settings = Settings(**{name: value for name, value in explicit.items() if value})
    except ValidationError as error:
        raise ConfigurationError(_explain(error)) from None
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return settings


def _explain(error: ValidationError) -> str:
    problems = [
        f"  {ENV_PREFIX}{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}"
        for e in error.errors(include_url=False, include_input=False)
    ]
    return "Invalid configuration:\n" + "\n".join(problems)


def as_environment(settings: Settings) -> dict[str, str]:
    """`settings` as the ZENTRIK_* variables from which `Settings()` reads them back.

    The one way settings travel to another process: `serve --workers N`, whose processes
    uvicorn starts and which each build their app from the environment (app.app_from_env).
    """
    return dict(_variables(settings, ENV_PREFIX))


def _variables(model: BaseModel, prefix: str) -> Iterator[tuple[str, str]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _variables(value, f"{prefix}{name.upper()}_")
        else:
            yield f"{prefix}{name.upper()}", _as_text(value)


def _as_text(value: object) -> str:
    if value is None:
        return ""  # read back as unset: env_ignore_empty
    if isinstance(value, SecretStr):
        return value.get_secret_value()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    return str(value)


def normalize_database_url(url: str) -> str:
    """Accept the `postgresql://` URLs operators paste and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
