"""With nothing configured, the workbench gets the embedded server: started once per process,
on 127.0.0.1, with its own all-scopes key, reused by the next call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from zentrik_ui import ZentrikClient, ZentrikError, config, embedded


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in (config.URL_NAME, config.KEY_NAME, "ZENTRIK_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ZENTRIK_DATA_DIR", str(tmp_path))
    yield tmp_path
    embedded.local_server(tmp_path).stop()


def test_resolves_to_a_working_local_server(data_dir: Path) -> None:
    conn = config.resolve_connection()
    assert (conn.mode, conn.source) == ("embedded", "embedded")
    assert conn.base_url.startswith("http://127.0.0.1:")
    assert conn.data_dir == data_dir.resolve() and conn.admin_token
    with ZentrikClient(conn.base_url, conn.api_key) as client:
        created = client.ideas.create(name="Offline first")
        assert [i.id for i in client.ideas.list()] == [created.id]
    assert config.resolve_connection() == conn  # the same server, not a second one


def test_default_data_dir_follows_the_environment(data_dir: Path) -> None:
    assert config.load_settings().data_dir == data_dir


def test_a_server_that_cannot_start_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data dir should be")
    monkeypatch.delenv("ZENTRIK_DATABASE_URL", raising=False)
    with pytest.raises(ZentrikError, match="Set ZENTRIK_API_URL and ZENTRIK_API_KEY"):
        embedded.local_server(blocker)
