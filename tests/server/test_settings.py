"""The server's configuration: ZENTRIK_* read once into `Settings`, checked, documented.

Settings come from the environment in groups (ZENTRIK_AUTH_*, ZENTRIK_LLM_*, ZENTRIK_JOB_*),
an invalid value stops `serve` with a message naming the variable, `--workers` processes
get the parent's settings back from the environment, and the README's table lists every
variable with the meaning the model gives it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel

from tests.conftest import REPO_ROOT, start_server, stop_server
from tests.extraction.test_llm import TEXT, FakeLLM, fake_llm  # noqa: F401  (fixture)
from zentrik_server.config import (
    ConfigurationError,
    Settings,
    as_environment,
    load_settings,
)

ADMIN = "/admin/v1/keys"


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No ZENTRIK_* variable from the machine running the tests, and a user data folder of
    the test's own (the default data dir is made there, not in the tester's home)."""
    for name in list(os.environ):
        if name.startswith("ZENTRIK_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    return monkeypatch


def test_defaults_without_any_variable(clean_env: pytest.MonkeyPatch, tmp_path: Path) -> None:
    settings = load_settings(tmp_path)
    assert settings.database_url == f"sqlite:///{tmp_path / 'zentrik.db'}"
    assert settings.auth.failure_limit == 20 and settings.auth.failure_window == 60.0
    assert not settings.llm.enabled
    assert settings.job.lease_seconds == 30.0
    assert settings.run_worker and settings.cors_origins == ()


def test_groups_read_their_prefixed_variables(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name, value in {
        "ZENTRIK_DATA_DIR": str(tmp_path / "data"),
        "ZENTRIK_DATABASE_URL": "postgres://zentrik@db-host:5432/zentrik",
        "ZENTRIK_CORS_ORIGINS": "https://a.example.com, https://b.example.com",
        "ZENTRIK_AUTH_FAILURE_LIMIT": "3",
        "ZENTRIK_AUTH_FAILURE_WINDOW": "",  # empty counts as unset
        "ZENTRIK_LLM_BASE_URL": " http://127.0.0.1:8000/v1 ",
        "ZENTRIK_LLM_MODEL": "local-model",
        "ZENTRIK_LLM_API_KEY": "sk-never-shown",
        "ZENTRIK_JOB_LEASE_SECONDS": "1.5",
        "ZENTRIK_RUN_WORKER": "0",
    }.items():
        clean_env.setenv(name, value)
    settings = load_settings()
    assert settings.data_dir == tmp_path / "data" and settings.data_dir.is_dir()
    assert settings.database_url == "postgresql+psycopg://zentrik@db-host:5432/zentrik"
    assert settings.cors_origins == ("https://a.example.com", "https://b.example.com")
    assert settings.auth.failure_limit == 3 and settings.auth.failure_window == 60.0
    assert settings.llm.enabled and settings.llm.base_url == "http://127.0.0.1:8000/v1"
    assert settings.llm.api_key is not None
    assert settings.llm.api_key.get_secret_value() == "sk-never-shown"
    assert "sk-never-shown" not in repr(settings)
    assert settings.job.lease_seconds == 1.5
    assert not settings.run_worker


def test_invalid_values_are_named_together(clean_env: pytest.MonkeyPatch) -> None:
    clean_env.setenv("ZENTRIK_AUTH_FAILURE_LIMIT", "abc")
    clean_env.setenv("ZENTRIK_LLM_TIMEOUT", "-1")
    clean_env.setenv("ZENTRIK_LLM_API_KEY", "sk-never-shown")
    with pytest.raises(ConfigurationError) as raised:
        load_settings()
    message = str(raised.value)
    assert "ZENTRIK_AUTH_FAILURE_LIMIT: Input should be a valid integer" in message
    assert "ZENTRIK_LLM_TIMEOUT: Input should be greater than 0" in message
    assert "sk-never-shown" not in message


@pytest.mark.parametrize("command", [["serve"], ["worker"], ["keys", "list"]])
def test_a_bad_value_stops_the_command_with_a_readable_message(
    tmp_path: Path, command: list[str]
) -> None:
    env = {
        **os.environ,
        "ZENTRIK_DATA_DIR": str(tmp_path),
        "ZENTRIK_AUTH_FAILURE_LIMIT": "abc",
        "PYTHONPATH": str(REPO_ROOT),
    }
    env.pop("ZENTRIK_DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "zentrik_server", *command, *_port_args(command)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "Invalid configuration:\n  ZENTRIK_AUTH_FAILURE_LIMIT: Input should be a valid "
        "integer, unable to parse string as an integer"
    )


def _port_args(command: list[str]) -> list[str]:
    # Were the check missing, `serve` would listen: on 127.0.0.1 and a port no one uses.
    return ["--host", "127.0.0.1", "--port", "9"] if command == ["serve"] else []


def test_settings_read_back_from_their_environment(
    clean_env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What `serve --workers N` hands its processes is what the parent had, field for field."""
    settings = Settings(
        data_dir=tmp_path,
        database_url="postgresql://zentrik@db-host/zentrik",
        cors_origins=("https://a.example.com", "https://b.example.com"),
        trusted_proxies="10.0.0.0/8",
        run_worker=False,
        auth={"failure_limit": 5, "failure_window": 2.5},
        llm={"base_url": "http://127.0.0.1:8000/v1", "model": "m", "api_key": "sk-x"},
        job={"lease_seconds": 1.5},
    )
    for name, value in as_environment(settings).items():
        clean_env.setenv(name, value)
    assert Settings() == settings
    assert Settings().llm.api_key == settings.llm.api_key


def test_worker_processes_get_the_parents_settings(tmp_path: Path) -> None:
    """Two API processes, both braking wrong keys at the configured limit."""
    env = {"ZENTRIK_AUTH_FAILURE_LIMIT": "2"}
    process, base_url = start_server(tmp_path, "--workers", "2", "--no-worker", env=env)
    try:
        statuses = set()
        with httpx.Client(base_url=base_url, timeout=10.0) as client:
            for attempt in range(12):  # both processes see at least 3 wrong keys
                headers = {"Authorization": f"Bearer wrong-{attempt}"}
                statuses.add(client.get("/external/v1/ideas", headers=headers).status_code)
        assert statuses == {401, 429}
    finally:
        stop_server(process)


@pytest.fixture
def llm_server(fake_llm: type[FakeLLM], tmp_path: Path) -> Iterator[httpx.Client]:  # noqa: F811
    """A server (with its worker) whose ZENTRIK_LLM_* name the fake LLM; a client with a key."""
    env = {
        "ZENTRIK_LLM_BASE_URL": fake_llm.settings.base_url,
        "ZENTRIK_LLM_MODEL": fake_llm.settings.model,
        "ZENTRIK_LLM_TIMEOUT": "5",
    }
    process, base_url = start_server(tmp_path, env=env)
    try:
        token = (tmp_path / "admin_token").read_text().strip()
        admin = {"Authorization": f"Bearer {token}"}
        created = httpx.post(f"{base_url}{ADMIN}", json={"workspace": "llm"}, headers=admin)
        headers = {"Authorization": f"Bearer {created.raise_for_status().json()['key']}"}
        with httpx.Client(base_url=base_url, headers=headers, timeout=30.0) as client:
            yield client
    finally:
        stop_server(process)


def test_process_transcript_uses_the_configured_llm(llm_server: httpx.Client) -> None:
    answer = llm_server.post(
        "/external/v1/insights/process-transcript/insights", json={"transcript": TEXT}
    )
    assert answer.status_code == 200
    assert {insight["aiSuggestions"]["engine"] for insight in answer.json()} == {"llm:fake-model"}


def test_the_worker_uses_the_configured_llm(llm_server: httpx.Client) -> None:
    created = llm_server.post("/external/v1/signals", json={"text": TEXT, "signalType": "review"})
    signal_id = created.raise_for_status().json()["id"]
    deadline = time.monotonic() + 60
    while llm_server.get(f"/external/v1/signals/{signal_id}").json()["status"] != "processed":
        assert time.monotonic() < deadline, "the signal was not processed within 60 s"
        time.sleep(0.2)
    insights = llm_server.get("/external/v1/insights", params={"signalId": signal_id}).json()
    assert {insight["aiSuggestions"]["engine"] for insight in insights} == {"llm:fake-model"}


README_ROW = re.compile(r"^\| `(ZENTRIK_[A-Z_]+)` \| [^|]+ \| (.+) \|$", re.MULTILINE)


def documented() -> dict[str, str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The local server", 1)[1].split("\n## ", 1)[0]
    return dict(README_ROW.findall(section))


def meanings() -> Iterator[tuple[str, str]]:
    """Every variable `Settings` reads, with its field's description."""
    for name, field in Settings.model_fields.items():
        group = field.annotation
        if isinstance(group, type) and issubclass(group, BaseModel):
            for sub, subfield in group.model_fields.items():
                yield f"ZENTRIK_{name}_{sub}".upper(), subfield.description or ""
        else:
            yield f"ZENTRIK_{name}".upper(), field.description or ""


def test_the_readme_table_lists_every_setting() -> None:
    expected = dict(meanings())
    assert set(expected) == set(as_environment(Settings())), "meanings() misses a group"
    rows = "\n".join(f"| `{name}` | ... | {meaning} |" for name, meaning in expected.items())
    assert documented() == expected, f"README 'The local server' table should be:\n{rows}"
