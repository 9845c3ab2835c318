"""The import graph as the code has it: the boundaries of ARCHITECTURE.md hold, and the graph
drawn in docs/architecture.md is the current one.

Print the graph with `python tests/test_import_graph.py`; after a change that moves an
import, rewrite the doc's copy with `python tests/test_import_graph.py --write`.
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"
BEGIN, END = "<!-- import-graph:begin -->", "<!-- import-graph:end -->"
# The one module of the workbench that may import the server (it starts the embedded one).
EMBEDDED_START = "zentrik_ui.embedded"
# Packages of the workbench drawn as one node each: their insides are one concept.
UI_PACKAGES = ("client", "sample_data")

Edge = tuple[str, str]


def modules() -> Iterator[tuple[str, Path]]:
    """(dotted name, path) of every module of the two sides, the screens as `pages`."""
    for package in ("zentrik_server", "zentrik_ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path
    yield "app", ROOT / "app.py"
    for path in sorted((ROOT / "pages").glob("*.py")):
        yield f"pages.{path.stem}", path


def imports(name: str, path: Path) -> set[str]:
    """Every module `name` imports, anywhere in it (also inside functions and TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            prefix = ".".join(base) if node.level else ""
            target = ".".join(p for p in (prefix, node.module or "") if p)
            found.add(target)
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def node(module: str) -> str | None:
    """The graph node of a module: a server subpackage (or top-level module), a workbench
    module (its packages as one), `pages` for the screens; None outside the project."""
    parts = module.split(".")
    if parts[0] == "zentrik_server" and len(parts) > 1:
        return f"zentrik_server.{parts[1]}"
    if parts[0] == "zentrik_ui" and len(parts) > 1:
        return f"zentrik_ui.{parts[1]}"
    if parts[0] in ("app", "pages"):
        return "pages"
    return None


def project_nodes() -> set[str]:
    return {n for n in (node(name) for name, _ in modules()) if n}


def edges() -> set[Edge]:
    """Node → node imports inside the project, without a node's imports of itself."""
    # `from zentrik_ui.client import X` names X as a candidate module: keep only real nodes.
    nodes = project_nodes()
    return {
        (source, target)
        for name, path in modules()
        if (source := node(name))
        for target in {node(i) for i in imports(name, path)}
        if target in nodes and target != source
    }


def render() -> str:
    """The graph as an adjacency list, one line per importing node; server, workbench, screens."""
    targets: dict[str, list[str]] = defaultdict(list)
    for source, target in sorted(edges()):
        targets[source].append(target)
    leaves = project_nodes() - set(targets)
    lines: list[str] = []
    for side in ("zentrik_server", "zentrik_ui", "pages"):
        prefix = f"{side}."
        lines.append(f"{side} (A -> B: A imports B)" if side != "pages" else "app.py, pages/")
        for source in sorted(s for s in targets if node_side(s) == side):
            named = ", ".join(
                t.removeprefix(prefix).removeprefix("zentrik_ui.") for t in targets[source]
            )
            lines += _wrapped(f"  {source.removeprefix(prefix):<13} -> ", named)
        quiet = sorted(n.removeprefix(prefix) for n in leaves if node_side(n) == side)
        if quiet:
            lines += _wrapped("  (imports none)  ", ", ".join(quiet))
    return "\n".join(lines)


def node_side(name: str) -> str:
    return name.split(".")[0]


def _wrapped(head: str, items: str, width: int = 96) -> list[str]:
    """`head` then `items`, continued under the first item when longer than `width`."""
    lines, line = [], head
    for word in items.split(" "):
        if len(line) + len(word) > width and line.strip():
            lines.append(line.rstrip())
            line = " " * len(head)
        line += word + " "
    return [*lines, line.rstrip()]


def documented() -> str:
    text = DOC.read_text()
    block = text[text.index(BEGIN) + len(BEGIN) : text.index(END)]
    return block.strip().removeprefix("```text").removesuffix("```").strip()


def write_doc() -> None:
    text = DOC.read_text()
    head, tail = text[: text.index(BEGIN) + len(BEGIN)], text[text.index(END) :]
    DOC.write_text(f"{head}\n```text\n{render()}\n```\n{tail}")


def test_only_the_embedded_start_module_imports_the_server() -> None:
    offenders = sorted(
        name
        for name, path in modules()
        if not name.startswith("zentrik_server") and name != EMBEDDED_START
        if any(i.split(".")[0] == "zentrik_server" for i in imports(name, path))
    )
    assert offenders == [], f"only {EMBEDDED_START} may import zentrik_server"


def test_the_server_imports_neither_streamlit_nor_the_workbench() -> None:
    offenders = sorted(
        (name, i)
        for name, path in modules()
        if name.startswith("zentrik_server")
        for i in imports(name, path)
        if i.split(".")[0] in ("streamlit", "zentrik_ui", "pages")
    )
    assert offenders == []


def test_the_architecture_doc_draws_the_graph_as_it_is() -> None:
    assert documented() == render(), "run `python tests/test_import_graph.py --write`"


if __name__ == "__main__":
    write_doc() if "--write" in sys.argv else print(render())
