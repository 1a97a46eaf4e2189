"""The package's layers: every import inside ``argmap`` (module level or inside a function) points down, never up.

Order, bottom to top: core, draw, analysis, formats, classroom, cases, site, cli. A module may import its own
subpackage and any below it. The package root re-exports the core and drawing a map (``argmap.show``).
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "argmap"
LAYERS = ["core", "draw", "analysis", "formats", "classroom", "cases", "site", "cli"]

#: Upward imports left over from the flat layout, to be removed (module, imported module). Keep this empty.
KNOWN_UPWARD: set[tuple[str, str]] = set()
#: Cycles left over from the flat layout, to be removed. Keep this empty.
KNOWN_CYCLES: set[frozenset[str]] = set()


def _layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return -1  # argmap itself, argmap.schemas, argmap.__main__
    return LAYERS.index(parts[1])


@functools.cache  # each module is parsed once: for its own test and again for the cycles
def _imports(path: Path) -> tuple[tuple[int, str], ...]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0 and node.module.startswith("argmap"):
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names if node.module == "argmap"]
        elif isinstance(node, ast.ImportFrom) and node.level:
            found.append((node.lineno, "<relative>"))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("argmap")]
    return tuple(found)


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG.parent).with_suffix("")
        name = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
        out.append((name, path))
    return out


@pytest.mark.parametrize(("name", "path"), _modules(), ids=[n for n, _ in _modules()])
def test_imports_point_down(name, path):
    mine = _layer(name)
    for line, target in _imports(path):
        assert target != "<relative>", f"{path.name}:{line}: use absolute imports (argmap.LAYER.MODULE)"
        theirs = _layer(target)
        if (name, target) in KNOWN_UPWARD:
            continue
        if mine == -1:  # the root may re-export only the core and drawing
            assert name == "argmap.__main__" or theirs <= 1 or target == "argmap", f"{name} imports {target}"
            continue
        assert theirs <= mine, f"{path.relative_to(PKG.parent)}:{line}: {name} ({LAYERS[mine]}) imports {target} ({LAYERS[theirs]}), a higher layer"


def test_no_import_cycles():
    """No cycle among modules, counting imports made inside functions too."""
    graph: dict[str, set[str]] = {}
    names = {n for n, _ in _modules()}
    for name, path in _modules():
        deps = set()
        for _, target in _imports(path):
            while target and target not in names:
                target = target.rpartition(".")[0]
            if target and target != name and not name.startswith(target + ".") and target not in ("argmap",):
                if not _is_package(target):
                    deps.add(target)
        graph[name] = deps
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for d in sorted(graph.get(n, ())):
            if state.get(d) == 1:
                cycle = stack[stack.index(d) :] + [d]
                if frozenset(cycle) in KNOWN_CYCLES:
                    continue
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if d not in state:
                visit(d)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n)


def _is_package(name: str) -> bool:
    return (PKG.parent / name.replace(".", "/") / "__init__.py").exists()
