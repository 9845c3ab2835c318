"""Start the bundled Zentrik-compatible server in this process (the no-configuration default).

The only module of `zentrik_ui` that imports `zentrik_server`, and only when called, so a
workbench pointed at a real Zentrik never loads the server's dependencies.
`start_embedded` itself answers the server already running for a data dir, so every
browser session of this process shares one server.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from zentrik_ui.client import ZentrikError

if TYPE_CHECKING:
    from zentrik_server.embedded import EmbeddedServer


def local_server(data_dir: Path) -> EmbeddedServer:
    """The embedded server for `data_dir` (`Settings.data_dir`), started on first use and
    shared by all sessions."""
    root = data_dir.resolve()
    try:
        from zentrik_server.embedded import start_embedded

        return start_embedded(root)
    except Exception as exc:  # whatever broke, the user's way out is the same: say it plainly
        raise ZentrikError(
            f"The built-in local server could not start ({type(exc).__name__}: {exc}). "
            "Set ZENTRIK_API_URL and ZENTRIK_API_KEY to use a Zentrik workspace instead."
        ) from exc
