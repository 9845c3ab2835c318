"""One vocabulary: the signal types, insight kinds and severities are spelled once per side.

The server owns them in `zentrik_server/vocabulary.py` (what each signal type means to the
engine in `zentrik_server/extraction/profiles.py`); the workbench mirrors the wire values once
in `zentrik_ui/models.py`. Everything else imports them, so adding a kind or a signal type is
one edit per side, and this test fails when the two sides disagree or a module writes one of
the lists out again.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest

from zentrik_server import vocabulary as server
from zentrik_ui import models as client

ROOT = Path(__file__).resolve().parent.parent
OWNERS = {
    "zentrik_server/vocabulary.py",
    "zentrik_server/extraction/profiles.py",
    "zentrik_ui/models.py",
}
# Not vocabulary: the engine's training corpus and the workbench's sample workspace.
EXEMPT = ("zentrik_server/extraction/training/", "zentrik_ui/sample_data/")
VOCABULARIES: dict[str, frozenset[str]] = {
    "signal types": frozenset(server.SignalType),
    "insight kinds": frozenset(server.InsightKind),
    "severities": frozenset(server.Severity),
}
# Words that mean nothing but a profile name (review's analysis profile): written anywhere, a copy.
OWNED_WORDS = frozenset({"survey_response"})

ENUMS = [
    (server.SignalType, client.SignalType),
    (server.InsightKind, client.InsightKind),
    (server.Severity, client.Severity),
]


@pytest.mark.parametrize(("server_enum", "client_enum"), ENUMS, ids=lambda e: e.__name__)
def test_the_workbench_mirrors_the_servers_wire_values(
    server_enum: type[StrEnum], client_enum: type[StrEnum]
) -> None:
    assert [m.value for m in client_enum] == [m.value for m in server_enum]
    assert [m.name for m in client_enum] == [m.name for m in server_enum]


def test_the_engine_has_a_profile_for_every_signal_type() -> None:
    from zentrik_server.extraction.profiles import PROFILES

    assert set(PROFILES) == set(server.SignalType)


def _sources() -> Iterator[tuple[str, ast.AST]]:
    paths = [
        *(ROOT / "zentrik_server").rglob("*.py"),
        *(ROOT / "zentrik_ui").rglob("*.py"),
        *(ROOT / "pages").glob("*.py"),
        *(ROOT / "bench").glob("*.py"),
        ROOT / "app.py",
    ]
    for path in sorted(paths):
        name = path.relative_to(ROOT).as_posix()
        if name not in OWNERS and not name.startswith(EXEMPT):
            yield name, ast.parse(path.read_text(), name)


def _strings(nodes: list[ast.expr | None]) -> set[str]:
    return {n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def _listed(node: ast.AST) -> set[str]:
    """The strings a node lists side by side: a tuple, list or set display, a dict's keys,
    a `Literal[...]`'s arguments."""
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return _strings(list(node.elts))
    if isinstance(node, ast.Dict):
        return _strings(list(node.keys))
    return set()


def copies() -> list[str]:
    """`path:line: vocabulary` for every list of two or more words, all of one vocabulary,
    written outside the owners, and every owned word written at all. (A list mixing in other
    words is about something else: the column names a table may use, a ticket's priorities.)"""
    found: list[str] = []
    for name, tree in _sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.expr):
                continue
            listed = _listed(node)
            found += [
                f"{name}:{node.lineno}: {vocabulary}"
                for vocabulary, words in VOCABULARIES.items()
                if len(listed) >= 2 and listed <= words
            ]
            if isinstance(node, ast.Constant) and node.value in OWNED_WORDS:
                found.append(f"{name}:{node.lineno}: {node.value}")
    return found


def test_no_module_but_the_owners_spells_the_vocabulary_out() -> None:
    assert copies() == [], "import the enum (zentrik_server/vocabulary.py, zentrik_ui/models.py)"


def test_the_scan_sees_a_copy() -> None:
    tree = ast.parse('KINDS = ("bug", "pain_point")\nLEVELS = {"high": 1, "low": 0}')
    listed = [_listed(node) for node in ast.walk(tree)]
    assert {"bug", "pain_point"} in listed
    assert {"high", "low"} in listed
