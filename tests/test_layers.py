"""The house's floors: `extract/` (text -> records) at the bottom, `graph/` (records -> graph
and files) above it, `khabar/` (the command line) on top. A module imports only from its own
floor and the floors below, and no modules import each other in a circle, so each floor can be
used, tested and replaced without the ones above it. Imports inside functions count too."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ("extract", "graph", "khabar")      # bottom to top


def _modules() -> dict[str, Path]:
    out = {}
    for package in FLOORS:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out[name.removesuffix(".__init__")] = path
    return out


def _imports(path: Path) -> set[str]:
    """Every project name `path` imports: for `from a import b`, both a and a.b."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(n for n in names if n.split(".")[0] in FLOORS)
    return found


def _graph() -> dict[str, set[str]]:
    return {name: _imports(path) - {name} for name, path in _modules().items()}


def test_no_floor_imports_a_floor_above_it():
    upward = []
    for module, targets in _graph().items():
        floor = FLOORS.index(module.split(".")[0])
        upward += [f"{module} -> {t}" for t in targets
                   if FLOORS.index(t.split(".")[0]) > floor]
    assert not upward, upward


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    known = _modules()
    edges = {m: {t for t in targets if t in known} for m, targets in _graph().items()}
    assert _cycles(edges) == []


def test_the_circle_finder_finds_circles():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
