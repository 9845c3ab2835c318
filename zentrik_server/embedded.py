"""The embedded server: the API, its worker thread and SQLite, inside the caller's process.

The workbench starts it when no remote Zentrik is configured. It listens on 127.0.0.1 on a
free port and hands out its own all-scopes key for the "Local workspace", created once and
kept in `<data_dir>/workbench_key` (mode 0600) so the workspace survives restarts. Starting
it again in the same process for the same data dir answers the server already running.
It has the standalone server's protections: request heads over the limit refused with 431
(header_limit.py), and a private data dir, for which it sets the umask of the host process
to 0o077 when it starts (private_files.py).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from zentrik_server.admin.service import create_key
from zentrik_server.admin.token import write_private
from zentrik_server.auth.keys import hash_key
from zentrik_server.auth.repository import find_by_hash
from zentrik_server.config import Settings, load_settings
from zentrik_server.header_limit import uvicorn_http_options
from zentrik_server.private_files import keep_private

WORKSPACE = "Local workspace"
KEY_NAME = "Workbench (embedded)"
START_TIMEOUT_SECONDS = 30.0

_lock = threading.Lock()
_running: dict[Path, EmbeddedServer] = {}


@dataclass
class EmbeddedServer:
    base_url: str
    api_key: str = field(repr=False)
    admin_token: str = field(repr=False)
    data_dir: Path
    _server: uvicorn.Server = field(repr=False)
    _thread: threading.Thread = field(repr=False)

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._server.should_exit

    def stop(self, timeout: float = 15.0) -> None:
        """Stop serving; the worker finishes the job in hand and the database is closed."""
        with _lock:
            if _running.get(self.data_dir) is self:
                del _running[self.data_dir]
        self._server.should_exit = True
        self._thread.join(timeout)


def start_embedded(data_dir: Path | None = None) -> EmbeddedServer:
    """The embedded server for `data_dir` (default: ZENTRIK_DATA_DIR or the user data dir).

    Its database is SQLite in `data_dir`, unless ZENTRIK_DATABASE_URL names another one.
    """
    settings = load_settings(data_dir)
    root = settings.data_dir.resolve()
    with _lock:
        existing = _running.get(root)
        if existing is not None and existing.running:
            return existing
        server = _serve(settings, root)
        _running[root] = server
        return server


def _serve(settings: Settings, root: Path) -> EmbeddedServer:
    from zentrik_server.app import create_app

    keep_private(settings.data_dir)  # sets the umask of the whole host process
    app = create_app(settings)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))  # bound here, so no other process can take the port meanwhile
    base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        **settings.proxy_options(),
        **uvicorn_http_options(settings),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="zentrik-embedded", daemon=True
    )
    thread.start()
    _wait_healthy(base_url, thread)
    return EmbeddedServer(
        base_url=base_url,
        api_key=ensure_workbench_key(settings, app.state.sessionmaker),
        admin_token=app.state.admin_token,
        data_dir=root,
        _server=server,
        _thread=thread,
    )


def _wait_healthy(base_url: str, thread: threading.Thread) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    with httpx.Client(base_url=base_url, timeout=1.0) as client:
        while time.monotonic() < deadline:
            if not thread.is_alive():
                raise RuntimeError("the embedded Zentrik server stopped while starting")
            try:
                if client.get("/healthz").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)
    raise RuntimeError(
        f"the embedded Zentrik server did not answer within {START_TIMEOUT_SECONDS} s"
    )


def ensure_workbench_key(settings: Settings, factory: sessionmaker[Session]) -> str:
    """The stored workbench key while it still works; otherwise a new one, stored in its place."""
    path = settings.workbench_key_path
    if path.exists():
        key = path.read_text(encoding="utf-8").strip()
        if key and _is_active(factory, key):
            return key
    with factory() as session:
        key = create_key(session, WORKSPACE, None, KEY_NAME)["key"]
    write_private(path, key)
    return key


def _is_active(factory: sessionmaker[Session], key: str) -> bool:
    with factory() as session:
        found = find_by_hash(session, hash_key(key))
    return found is not None and found.revoked_at is None
