"""The admin token: created once (mode 0600) in the data dir, shared by every process.

`write_private` is also how the embedded server stores its workbench key.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def ensure_admin_token(path: Path) -> str:
    """The token stored at `path`, creating it first if needed (safe when processes race)."""
    if not path.exists():
        write_private(path, secrets.token_urlsafe(32), keep_existing=True)
    return path.read_text().strip()


def write_private(path: Path, secret: str, *, keep_existing: bool = False) -> None:
    """Store `secret` at `path`, readable by this user only (0600 from the first byte).

    It is written to a private temporary file, then put in place in one step: replacing
    `path`, or with `keep_existing` hard-linked only if `path` does not exist yet, so racing
    processes all end up reading the first one's secret.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, secret.encode())
    finally:
        os.close(fd)
    if not keep_existing:
        os.replace(tmp, path)
        return
    try:
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink()
