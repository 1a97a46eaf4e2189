"""Alternative text for the reader's figures: what a map or chart shows, in words, from the figure and the data."""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.site.page import svg_nodes

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["chart_alt", "map_alt", "plural", "short"]

#: Modules whose figure-making functions describe themselves in their docstring's first line.
_FIGURE_MODULES = ("argmap.draw.charts", "argmap.draw.timeline", "argmap.classroom.ratings_report", "argmap.analysis.structure", "argmap.analysis.semantics")
#: Wrappers that say nothing about what is drawn.
_WRAPPERS = {"SVG", "HTML", "display", "timeline_bytes", "decode", "show", "print", "Markdown"}
_TITLE = re.compile(r'<g id="[^"]*a_graph0"><a xlink:title="([^"]*)"')


def plural(n: int, word: str) -> str:
    """``n`` and ``word``, in the plural when ``n`` is not one.

    >>> plural(1, "thesis"), plural(3, "thesis"), plural(2, "claim"), plural(2, "evidence")
    ('1 thesis', '3 theses', '2 claims', '2 evidence rows')
    """
    if n == 1:
        return f"{n} {word}"
    irregular = {"thesis": "theses", "evidence": "evidence rows", "box": "boxes"}
    return f"{n} {irregular.get(word, word + 's')}"


def short(text: str, width: int = 90) -> str:
    """``text`` cut at a word before ``width`` characters, with an ellipsis.

    >>> short("one two three", 9)
    'one two…'
    """
    return text if len(text) <= width else text[: text.rfind(" ", 0, width)].rstrip(" ,;:") + "…"


def map_alt(svg: str, amap: ArgumentMap | None = None) -> str:
    """What a Graphviz map shows: how many boxes of each type, whose they are, and the boxes at its top.

    >>> svg = '<g id="T1" class="node thesis article"></g><g id="C1" class="node claim article"></g><g id="O1" class="node objection analyst"></g>'
    >>> map_alt(svg)
    'Argument map with 3 boxes (1 thesis, 1 claim, 1 objection); 1 added by the analyst, drawn with a dashed border.'
    """
    import html

    nodes = [(i, c.split()) for i, c in svg_nodes(svg) if c]
    types = Counter(c[0] for _, c in nodes if c)
    others = Counter(html.unescape(c[1]) for _, c in nodes if len(c) > 1 and c[1] != "article")  # Graphviz writes '-' as '&#45;'
    m = _TITLE.search(svg)
    title = f" “{html.unescape(m.group(1))}”" if m and m.group(1) and m.group(1) != "argmap" else ""
    parts = [f"Argument map{title} with {plural(len(nodes), 'box')} ({', '.join(plural(n, t) for t, n in types.items())})"]
    if others:
        who = [f"{n} added by {'the analyst' if o == 'analyst' else 'class group ' + o}" for o, n in others.items()]
        parts.append("; ".join(who) + ", drawn with a dashed border" if set(others) == {"analyst"} else "; ".join(who))
    if amap is not None and _drawn_from(svg, amap, nodes):
        drawn = {i for i, _ in nodes}
        tops = [i for i in drawn if i in amap and (amap.parent(i) or "") not in drawn]
        tops.sort(key=lambda i: amap.ids.index(i))
        if tops:
            named = "; ".join(f"{i}, {short(amap[i].get('text', ''), 80)}" for i in tops[:3])
            more = f" and {len(tops) - 3} more" if len(tops) > 3 else ""
            parts.append(f"at the top: {named}{more}")
    text = "; ".join(parts)
    return text if text.endswith("…") else text + "."


_NODE_TEXT = re.compile(r'<g id="([^"]*)" class="node[^"]*">(.*?)</g>\n</g>', re.S)


def _drawn_from(svg: str, amap: ArgumentMap, nodes: list[tuple[str, list[str]]]) -> bool:
    """Whether the figure draws ``amap``'s rows: each box's id and type are the map's, and its text begins as the row's does.

    A notebook may draw another map (notebook 10 draws the bike-lanes example, whose ids T1 and C1 are also the article's):
    its boxes are then described from the figure alone, never with the article's texts.

    >>> from argmap.core.model import ArgumentMap
    >>> amap = ArgumentMap([{"id": "T1", "type": "thesis", "text": "Azerbaijan pursues a strategy", "origin": "analyst"}])
    >>> svg = '<g id="T1" class="node %s analyst">\\n<text>T1</text><text>%s</text></g>\\n</g>'
    >>> _drawn_from(svg % ("thesis", "Azerbaijan pursues a"), amap, [("T1", ["thesis", "analyst"])])
    True
    >>> _drawn_from(svg % ("recommendation", "Build bike lanes"), amap, [("T1", ["recommendation", "analyst"])])
    False
    """
    import html

    texts = {
        html.unescape(m.group(1)): " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", m.group(2), re.S))
        for m in _NODE_TEXT.finditer(svg)
    }
    known = [(i, classes) for i, classes in nodes if i in amap]  # a class group's rows are not in the article's map
    for i, classes in known:
        if classes and classes[0] != amap[i].get("type"):
            return False
        first = " ".join(amap[i].get("text", "").split())[:12]
        if i in texts and first and first not in texts[i]:
            return False
    return bool(known)


@functools.cache
def _docstrings(module: str) -> dict[str, str]:
    """The docstrings of a module's top-level functions and classes, read from its source: the reader does not import
    matplotlib (a second and more) to describe a chart."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return {}
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    kinds = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {node.name: ast.get_docstring(node, clean=False) or "" for node in tree.body if isinstance(node, kinds)}


def _doc(name: str) -> str | None:
    for module in _FIGURE_MODULES:
        doc = _docstrings(module).get(name, "").strip()
        if doc:
            first = " ".join(doc.split("\n\n")[0].split())
            first = re.sub(r":\w+:`([^`]+)`", r"\1", first).replace("``", "")
            return first
    return None


def chart_alt(source: str, heading: str = "") -> str:
    """What a chart drawn by a notebook cell shows: the docstring of the figure function its last line calls.

    >>> chart_alt("charts.rows_by_type(amap)").startswith("Chart: Horizontal bars: how many rows of each type")
    True
    >>> chart_alt("plt.plot(x)", "Rows per paragraph")
    'Chart for “Rows per paragraph”.'
    """
    lines = [ln for ln in source.strip().splitlines() if ln.strip()]
    last = lines[-1] if lines else ""
    for name in re.findall(r"([A-Za-z_]\w*)\s*\(", last):
        if name in _WRAPPERS:
            continue
        doc = _doc(name)
        if doc:
            return f"Chart: {doc}"
    return f"Chart for “{heading}”." if heading else "Chart drawn by the code above."
