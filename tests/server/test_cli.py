"""`python -m zentrik_server keys create|list|revoke` against the live server's data dir."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from tests.conftest import REPO_ROOT, ServerHandle


def cli(live_server: ServerHandle, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "ZENTRIK_DATABASE_URL"}
    env.update(ZENTRIK_DATA_DIR=str(live_server.data_dir), PYTHONPATH=str(REPO_ROOT))
    return subprocess.run(
        [sys.executable, "-m", "zentrik_server", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_keys_create_prints_the_key_alone_and_it_works(live_server: ServerHandle) -> None:
    done = cli(
        live_server,
        "keys",
        "create",
        "--workspace",
        "cli-ws",
        "--scope",
        "ideas:read",
        "--name",
        "ops",
    )
    assert done.returncode == 0, done.stderr
    key = done.stdout.strip()
    assert done.stdout == key + "\n" and key.startswith("zk_")
    headers = {"Authorization": f"Bearer {key}"}
    assert (
        httpx.get(f"{live_server.base_url}/external/v1/ideas", headers=headers).status_code == 200
    )
    assert (
        httpx.get(f"{live_server.base_url}/external/v1/insights", headers=headers).status_code
        == 403
    )


def test_keys_list_never_shows_the_key_and_revoke_takes_effect(live_server: ServerHandle) -> None:
    key = cli(live_server, "keys", "create", "--workspace", "cli-ws-2").stdout.strip()
    listing = cli(live_server, "keys", "list", "--workspace", "cli-ws-2")
    assert listing.returncode == 0 and key not in listing.stdout
    key_id = listing.stdout.splitlines()[1].split("\t")[0]
    headers = {"Authorization": f"Bearer {key}"}
    assert (
        httpx.get(f"{live_server.base_url}/external/v1/ideas", headers=headers).status_code == 200
    )
    assert cli(live_server, "keys", "revoke", key_id).returncode == 0
    # Another process revoked it: the server's key cache honours that within half a second.
    deadline = time.monotonic() + 8
    while (
        httpx.get(f"{live_server.base_url}/external/v1/ideas", headers=headers).status_code != 401
    ):
        assert time.monotonic() < deadline, "revocation not honoured within the cache window"
        time.sleep(0.25)


def test_revoking_an_unknown_key_fails(live_server: ServerHandle) -> None:
    done = cli(live_server, "keys", "revoke", "no-such-id")
    assert done.returncode == 1 and "no-such-id" in done.stderr
