"""The brake on guessing keys: too many wrong keys from one address get 429 with Retry-After.

The server runs with a limit of 5 wrong keys a minute. Other client addresses are other
loopback addresses (127.0.0.2, ...), which Linux routes to the server like 127.0.0.1.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import start_server, stop_server
from tests.server.conftest import error_of
from zentrik_server.auth.throttle import FailureBrake

LIMIT = 5
WINDOW_S = 60
IDEAS = "/external/v1/ideas"


class Server:
    def __init__(self, base_url: str, data_dir: Path) -> None:
        self.base_url = base_url
        self.admin_token = (data_dir / "admin_token").read_text().strip()

    def client(self, address: str) -> httpx.Client:
        """A client whose connections come from `address`."""
        transport = httpx.HTTPTransport(local_address=address)
        return httpx.Client(base_url=self.base_url, transport=transport, timeout=10.0)

    def new_key(self) -> str:
        created = httpx.post(
            f"{self.base_url}/admin/v1/keys",
            json={"workspace": "w"},
            headers=bearer(self.admin_token),
        )
        assert created.status_code == 201, created.text
        return str(created.json()["key"])


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def wrong_key() -> dict[str, str]:
    return bearer(f"zk_{uuid.uuid4().hex}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("throttle")
    env = {"ZENTRIK_AUTH_FAILURE_LIMIT": str(LIMIT), "ZENTRIK_AUTH_FAILURE_WINDOW": str(WINDOW_S)}
    process, base_url = start_server(data_dir, "--no-worker", env=env)
    try:
        yield Server(base_url, data_dir)
    finally:
        stop_server(process)


def brake(client: httpx.Client) -> None:
    """Spend the address's allowance of wrong keys (each still a plain 401)."""
    for _ in range(LIMIT):
        assert client.get(IDEAS, headers=wrong_key()).status_code == 401


def test_wrong_keys_past_the_limit_get_429_with_retry_after(server: Server) -> None:
    with server.client("127.0.0.2") as client:
        brake(client)
        response = client.get(IDEAS, headers=wrong_key())
        assert response.status_code == 429
        assert error_of(response)["code"] == "rate_limited"
        assert 1 <= int(response.headers["Retry-After"]) <= WINDOW_S
        # Every wrong key stays braked, even one already tried.
        assert client.get(IDEAS, headers=wrong_key()).status_code == 429


def test_valid_keys_pass_from_the_braked_address_and_from_others(server: Server) -> None:
    key = server.new_key()
    with server.client("127.0.0.3") as braked, server.client("127.0.0.4") as other:
        brake(braked)
        assert braked.get(IDEAS, headers=wrong_key()).status_code == 429
        assert braked.get(IDEAS, headers=bearer(key)).status_code == 200
        assert other.get(IDEAS, headers=bearer(key)).status_code == 200
        # Another address's wrong key is still only a 401: the brake is per address.
        assert other.get(IDEAS, headers=wrong_key()).status_code == 401


def test_the_same_wrong_key_again_is_not_a_new_guess(server: Server) -> None:
    stale = wrong_key()
    with server.client("127.0.0.5") as client:
        for _ in range(LIMIT * 3):
            assert client.get(IDEAS, headers=stale).status_code == 401
        # It counted once: LIMIT - 1 other wrong keys reach the limit.
        for _ in range(LIMIT - 1):
            assert client.get(IDEAS, headers=wrong_key()).status_code == 401
        assert client.get(IDEAS, headers=wrong_key()).status_code == 429


def test_wrong_admin_tokens_count_and_are_braked(server: Server) -> None:
    with server.client("127.0.0.6") as client:
        for _ in range(LIMIT):
            assert client.get("/admin/v1/info", headers=wrong_key()).status_code == 401
        response = client.get("/admin/v1/info", headers=wrong_key())
        assert response.status_code == 429 and "Retry-After" in response.headers
        assert client.get(IDEAS, headers=wrong_key()).status_code == 429
        assert client.get("/admin/v1/info", headers=bearer(server.admin_token)).status_code == 200


def test_x_forwarded_for_is_not_believed_by_default(server: Server) -> None:
    # uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise.
    with server.client("127.0.0.1") as client:
        brake(client)
        for n in range(3):
            spoofed = {**wrong_key(), "X-Forwarded-For": f"10.9.9.{n}"}
            assert client.get(IDEAS, headers=spoofed).status_code == 429


def test_requests_without_a_key_or_with_a_revoked_one_are_not_braked(server: Server) -> None:
    key = server.new_key()
    key_id = httpx.get(f"{server.base_url}/admin/v1/keys", headers=bearer(server.admin_token))
    revoke = f"{server.base_url}/admin/v1/keys/{key_id.json()[0]['id']}"
    assert httpx.delete(revoke, headers=bearer(server.admin_token)).status_code == 200
    with server.client("127.0.0.8") as client:
        brake(client)
        assert client.get(IDEAS, headers=wrong_key()).status_code == 429
        assert client.get(IDEAS).status_code == 401
        assert client.get(IDEAS, headers=bearer(key)).status_code == 401


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_brake_lifts_when_failures_leave_the_window() -> None:
    clock = FakeClock()
    limiter = FailureBrake(limit=2, window_seconds=60, clock=clock)
    assert limiter.fail("198.51.100.1", "a") is None
    clock.now += 30
    assert limiter.fail("198.51.100.1", "b") is None
    # Braked; it lifts when fewer than 2 of its failures are under a minute old ("b", "c").
    assert limiter.fail("198.51.100.1", "c") == 60
    clock.now += 59
    assert limiter.fail("198.51.100.1", "d") == 1  # then "c" is a minute old, "d" alone
    clock.now += 1
    assert limiter.fail("198.51.100.1", "e") is None


def test_memory_is_bounded_however_many_addresses_fail() -> None:
    limiter = FailureBrake(limit=3, window_seconds=60, max_addresses=100)
    for n in range(5000):
        limiter.fail(f"10.0.{n // 256}.{n % 256}", f"key{n}")
    assert len(limiter._failures) == 100


def test_ipv6_addresses_are_counted_per_64_network() -> None:
    limiter = FailureBrake(limit=2, window_seconds=60)
    assert limiter.fail("2001:db8:1:2::1", "a") is None
    assert limiter.fail("2001:db8:1:2::ffff", "b") is None
    assert limiter.fail("2001:db8:1:2:abcd::9", "c") is not None
    assert limiter.fail("2001:db8:1:3::1", "d") is None
