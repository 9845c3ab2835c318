"""Which Zentrik the workbench talks to: session override, then secrets, then environment,
then the embedded server; never an error on screen when there is no secrets.toml."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

from tests.client.conftest import SECRET_KEY
from zentrik_ui import ZentrikError, config, embedded
from zentrik_ui.client import key_fingerprint

APP = str(Path(__file__).parent / "apps" / "show_connection.py")
EMBEDDED = SimpleNamespace(
    base_url="http://127.0.0.1:50001", api_key="local-key", admin_token="t", data_dir="/d"
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Streamlit copies root-level secrets into os.environ; monkeypatch restores it afterwards.
    for name in (config.URL_NAME, config.KEY_NAME, config.ADMIN_TOKEN_NAME):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(embedded, "local_server", lambda data_dir=None: EMBEDDED)


def shown(at: AppTest) -> str:
    at.run()
    assert not at.exception, at.exception
    return at.text[0].value


def test_secrets_come_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.URL_NAME, "https://env.example.com")
    monkeypatch.setenv(config.KEY_NAME, "env-key")
    at = AppTest.from_file(APP)
    at.secrets[config.URL_NAME] = "https://api.zentrik.com/external/v1"
    at.secrets[config.KEY_NAME] = SECRET_KEY
    assert shown(at) == f"secrets remote https://api.zentrik.com {key_fingerprint(SECRET_KEY)}"


def test_environment_without_secrets_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.URL_NAME, "https://env.example.com")
    monkeypatch.setenv(config.KEY_NAME, "env-key")
    assert shown(AppTest.from_file(APP)).startswith("env remote https://env.example.com ")


def test_embedded_server_when_nothing_is_configured() -> None:
    assert shown(AppTest.from_file(APP)).startswith("embedded embedded http://127.0.0.1:50001 ")


def test_session_override_wins() -> None:
    at = AppTest.from_file(APP)
    at.session_state[config.SESSION_STATE_KEY] = config.Connection(
        "https://mine.example.com", "my-key", source="session"
    )
    assert shown(at).startswith("session remote https://mine.example.com ")


def test_set_and_clear_session_connection() -> None:
    conn = config.set_session_connection("api.zentrik.com/", f" {SECRET_KEY} ")
    assert (conn.base_url, conn.api_key, conn.source) == (
        "https://api.zentrik.com",
        SECRET_KEY,
        "session",
    )
    assert config.current_connection() == conn
    config.clear_session_connection()
    assert config.current_connection().source == "embedded"


def test_session_connection_needs_a_key() -> None:
    with pytest.raises(ZentrikError, match="Enter an API key"):
        config.set_session_connection("https://api.zentrik.com", "")


def test_only_half_configured_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.URL_NAME, "https://env.example.com")
    with pytest.raises(ZentrikError, match="add ZENTRIK_API_KEY to the environment"):
        config.resolve_connection()


def test_embedded_connection_carries_the_admin_token_and_data_dir() -> None:
    conn = config.resolve_connection()
    assert conn.mode == "embedded"
    assert conn.admin_token == "t" and conn.data_dir == Path("/d")


def test_admin_token_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.URL_NAME, "http://127.0.0.1:8787")
    monkeypatch.setenv(config.KEY_NAME, "k")
    monkeypatch.setenv(config.ADMIN_TOKEN_NAME, "admin")
    assert config.resolve_connection().admin_token == "admin"


def test_connection_hides_its_secrets() -> None:
    conn = config.Connection("https://x", SECRET_KEY, admin_token=SECRET_KEY)
    assert SECRET_KEY not in repr(conn)
    assert conn.fingerprint == key_fingerprint(SECRET_KEY)
    assert len(conn.fingerprint) == 16
