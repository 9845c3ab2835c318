"""A typed signal's content hash: how the workbench recognises a text already imported.

Two texts are the same content when they differ only in whitespace (runs of spaces, tabs,
line breaks, leading and trailing blanks) or in Unicode composition (NFC): a CSV exported
again with other line endings, or "é" typed as one code point or as "e" + accent, hashes
alike. Anything else (case, punctuation, a word) is another text. The workbench computes
the same function (zentrik_ui/content_hash.py); tests/workbench/test_reimport_themes.py
checks the two agree.
"""

from __future__ import annotations

import hashlib
import unicodedata

HASH_LENGTH = 64  # hex digits of a sha256


def content_hash(text: str) -> str:
    """sha256 (hex) of the NFC-normalised text with every run of whitespace one space, stripped."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()
