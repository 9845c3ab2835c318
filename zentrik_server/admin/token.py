"""The admin token: created once (mode 0600) in the data dir, shared by every process."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def ensure_admin_token(path: Path) -> str:
    """The token stored at `path`, creating it first if needed (safe when processes race)."""
    if not path.exists():
        _create_exclusively(path, secrets.token_urlsafe(32))
    return path.read_text().strip()


def _create_exclusively(path: Path, token: str) -> None:
    # Written to a private temporary file, then hard-linked into place: the link fails if
    # another process got there first, so every process ends up reading the same token.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, token.encode())
    finally:
        os.close(fd)
    try:
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink()
