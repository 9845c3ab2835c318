"""Everything the server keeps at rest is readable by its own user only (dirs 0700, files 0600).

`keep_private` runs first thing in every server process (the CLI, each `--workers` process,
the embedded server) and:

- sets the process umask to 0o077, so whatever is created afterwards is private whoever
  creates it: our own files, and the ones SQLite makes itself (the database, `-wal`, `-shm`);
- makes the data dir 0700 (creating it so if needed) and strips group/other permissions from
  everything already inside it, so a data dir left 0755/0644 by an older version is
  tightened. The data dir is the server's own: point ZENTRIK_DATA_DIR at a dedicated folder.
  Symlinks are not followed, and entries owned by another user are left alone.

The umask is process-wide: in the embedded server it also applies to the workbench process
that hosts it (Streamlit), whose own files then become private too.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

PRIVATE_UMASK = 0o077  # also the group and other permission bits taken off what is there


def keep_private(data_dir: Path) -> None:
    os.umask(PRIVATE_UMASK)
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    _tighten(data_dir)
    for folder, dirs, files in os.walk(data_dir):
        for name in [*dirs, *files]:
            _tighten(Path(folder, name))


def _tighten(path: Path) -> None:
    try:
        info = path.lstat()
    except FileNotFoundError:  # another server process's temporary file, already gone
        return
    if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
        return
    if info.st_mode & PRIVATE_UMASK:
        with contextlib.suppress(FileNotFoundError):
            path.chmod(stat.S_IMODE(info.st_mode) & ~PRIVATE_UMASK)
