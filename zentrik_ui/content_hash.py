"""A text's content hash, as the server keeps it on each typed signal (`contentHash`).

The same rule as zentrik_server/signals/content_hash.py (the workbench never imports the
server): whitespace runs collapse to one space, the ends are stripped, Unicode is NFC, and
the sha256 of that is the hash. tests/workbench/test_reimport_themes.py checks the two agree.
"""

from __future__ import annotations

import hashlib
import unicodedata


def content_hash(text: str) -> str:
    """sha256 (hex) of the NFC-normalised text with every run of whitespace one space, stripped."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
