"""A brake on guessing keys: failed authentications counted per client address, in memory.

A failure is a bearer key (or admin token) that matches nothing. Once an address has tried
`limit` different wrong keys within `window_seconds`, every further wrong key from it is
answered 429 with `Retry-After` until enough of those failures are older than the window.
Trying the same wrong key again counts once: it guesses nothing new, and a client retrying a
stale key keeps getting its 401. Requests without a key, with a revoked key (a real key, not
a guess) or with a valid key are never braked: an attacker sharing or faking an address
cannot lock out the keys that work. Guessing stays hopeless because a key carries 256 random
bits; the brake tells scanners to back off and keeps one address from trying thousands.

IPv6 addresses are counted per /64 (what one host usually gets). State is per process and
bounded: at most `max_addresses` addresses (the least recently failing ones are forgotten
first), each with at most `limit` remembered failures.
"""

from __future__ import annotations

import ipaddress
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable

# Enough of a key's SHA-256 to tell guesses apart without keeping the whole hash.
_FINGERPRINT_CHARS = 16


class FailureBrake:
    def __init__(
        self,
        limit: int,
        window_seconds: float,
        max_addresses: int = 4096,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = limit
        self._window = window_seconds
        self._max_addresses = max_addresses
        self._clock = clock
        self._lock = threading.Lock()
        # address bucket -> {key fingerprint: time of its last failure}, oldest first.
        self._failures: OrderedDict[str, OrderedDict[str, float]] = OrderedDict()

    def fail(self, address: str, key_hash: str) -> int | None:
        """Record a wrong key from `address`: the seconds to wait if it is braked, else None."""
        now = self._clock()
        bucket = client_bucket(address)
        with self._lock:
            failures = self._failures.pop(bucket, None) or OrderedDict()
            while failures and next(iter(failures.values())) <= now - self._window:
                failures.popitem(last=False)
            braked = len(failures) >= self._limit
            fingerprint = key_hash[:_FINGERPRINT_CHARS]
            failures.pop(fingerprint, None)
            failures[fingerprint] = now
            while len(failures) > self._limit:
                failures.popitem(last=False)
            self._failures[bucket] = failures  # now the most recently failing address
            while len(self._failures) > self._max_addresses:
                self._failures.popitem(last=False)
            if not braked:
                return None
            oldest = next(iter(failures.values()))
        return max(1, math.ceil(oldest + self._window - now))


def client_bucket(address: str) -> str:
    """What failures are counted under: the address, or its /64 network for IPv6."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)
