"""House rules read from the package's source: colours are named in one module, and DOT is never patched as text."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "argmap"
MODULES = sorted(p for p in PKG.rglob("*.py"))
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
#: The one module that writes colour codes; every other module imports them by name.
PALETTE_MODULE = PKG / "draw" / "style.py"
#: Functions that still patch DOT text (module, function). Keep this empty: build the graph right instead.
KNOWN_DOT_PATCHES: set[tuple[str, str]] = set()


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string nodes that are docstrings (their examples may show colour codes)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


@functools.cache
def _tree(path: Path) -> ast.Module:
    """The module's syntax tree, parsed once for the checks below (they only read it)."""
    return ast.parse(path.read_text(encoding="utf-8"))


def _rel(path: Path) -> str:
    return path.relative_to(PKG.parent).as_posix()


@pytest.mark.parametrize("path", [p for p in MODULES if p != PALETTE_MODULE], ids=_rel)
def test_colour_codes_live_in_the_style_module(path: Path) -> None:
    tree = _tree(path)
    docs = _docstrings(tree)
    found = [
        (node.lineno, m)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
        for m in HEX.findall(node.value)
    ]
    assert not found, f"{_rel(path)}: colour codes {found}: name them in argmap/draw/style.py and import them"


def test_the_palette_module_holds_the_colours() -> None:
    assert len(set(HEX.findall(PALETTE_MODULE.read_text(encoding="utf-8")))) > 20


#: String methods that edit or cut text.
_EDITS = {"replace", "splitlines", "split", "rsplit", "partition", "rpartition", "translate"}


def _dot_patches(path: Path) -> list[tuple[str, int]]:
    """(function, line) of every edit made to DOT text: a string method called on a name like ``dot`` or
    ``x.dot``, or a ``re.sub`` whose subject is one, or any edit whose argument holds DOT syntax."""
    tree = _tree(path)
    out = []

    def dotty(node: ast.AST) -> bool:
        name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""
        return name == "dot" or name.endswith("_dot")

    def syntax(node: ast.AST) -> bool:
        return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(re.search(r"graph \[|node \[|edge \[|\]\s*;|->", node.value))

    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(fn):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            f = node.func
            if f.attr in _EDITS and (dotty(f.value) or any(syntax(a) for a in node.args)):
                out.append((fn.name, node.lineno))
            elif f.attr in ("sub", "subn") and isinstance(f.value, ast.Name) and f.value.id == "re" and len(node.args) >= 3 and dotty(node.args[2]):
                out.append((fn.name, node.lineno))
    return out


@pytest.mark.parametrize("path", MODULES, ids=_rel)
def test_dot_text_is_never_patched(path: Path) -> None:
    found = [(fn, line) for fn, line in _dot_patches(path) if (_rel(path), fn) not in KNOWN_DOT_PATCHES]
    assert not found, f"{_rel(path)}: DOT text edited after it was built, in {found}: pass the attribute to the builder or the renderer"


def test_the_patch_check_finds_a_patch(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        'def f(dot):\n    return dot.replace("  graph [", "  graph [dpi=300 ")\n\ndef g(part):\n    return part.dot.splitlines()\n', encoding="utf-8"
    )
    assert [fn for fn, _ in _dot_patches(bad)] == ["f", "g"]


def test_matplotlib_is_set_up_and_saved_in_one_module() -> None:
    """Fonts, file settings and metadata for every chart live in argmap/draw/mpl.py: no other module sets them or saves a figure."""
    rules = re.compile(r"rc_context\(|rcParams\[|\.savefig\(|style\.context\(")
    found = [_rel(p) for p in MODULES if p != PKG / "draw" / "mpl.py" and rules.search(p.read_text(encoding="utf-8"))]
    assert not found, f"set up or save matplotlib through argmap.draw.mpl: {found}"


def test_the_tests_use_a_cache_of_their_own_not_the_users():
    """conftest.py points ARGMAP_CACHE at a fresh folder for the run: nothing an earlier run or `make` cached is seen."""
    import os

    from argmap.core.cache import cache_dir

    folder = cache_dir()
    assert folder is not None and folder.name.startswith("argmap-test-cache-") and os.environ["ARGMAP_CACHE"] == str(folder)
    assert Path.home() not in folder.parents


def test_every_browser_test_module_is_marked_for_test_quick():
    """`make test-quick` leaves out what is marked ``browser``: each module that needs Chromium says so in its marks."""
    tests = Path(__file__).resolve().parent
    unmarked = [
        p.name for p in sorted(tests.glob("test_*.py")) if "needs_chromium" in (text := p.read_text(encoding="utf-8")) and "pytest.mark.browser" not in text
    ]
    assert unmarked == []
