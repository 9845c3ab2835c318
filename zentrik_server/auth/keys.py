"""The shape of an API key and how it is stored: never in clear, only its SHA-256."""

from __future__ import annotations

import hashlib
import secrets

KEY_PREFIX = "zk_"
# Shown in key lists so people can tell keys apart; 8 random characters reveal nothing useful.
VISIBLE_PREFIX_CHARS = len(KEY_PREFIX) + 8


def generate_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def visible_prefix(key: str) -> str:
    return key[:VISIBLE_PREFIX_CHARS]
