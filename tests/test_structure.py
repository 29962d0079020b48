"""The shape of the code: no module imports a module that imports it back (directly or
through others), counting imports inside functions too, which only hide a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _graph() -> dict[str, set[str]]:
    mods: dict[str, Path] = {}
    for p in (SRC / "newsgraph").rglob("*.py"):
        parts = p.relative_to(SRC).with_suffix("").parts
        mods[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = p
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        tree = ast.parse(p.read_text())
        typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                       and getattr(node.test, "id", "") == "TYPE_CHECKING" for n in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for t in targets:
                # a package's own submodules are its parts, not a cycle back to it
                if t in mods and t != m and not t.startswith(m + ".") and not m.startswith(t + "."):
                    graph[m].add(t)
                    break
    return graph


# Edges allowed to close a loop, each for a reason:
ALLOWED = {
    # Article.from_dict asks the registry, when called, which dataclass an extractor's facts
    # are; the data model imports nothing of the extractors when it is imported.
    ("newsgraph.article", "newsgraph.extract.registry"),
}


def test_no_import_cycles():
    graph = _graph()
    for a, b in ALLOWED:
        graph[a].discard(b)
    cycles, state = [], {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for t in sorted(graph[m]):
            if state.get(t) == 1:
                cycles.append(" -> ".join(path[path.index(t):] + [t]))
            elif t not in state:
                visit(t, path + [t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)
