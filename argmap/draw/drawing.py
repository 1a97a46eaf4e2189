"""Drawing a map: its DOT text, its rendered bytes, or an inline SVG for a notebook cell.

>>> import argmap
>>> m = argmap.ArgumentMap([
...     {"id": "T1", "type": "thesis", "parent": "", "relation": "", "origin": "article", "text": "t"},
...     {"id": "C1", "type": "claim", "parent": "T1", "relation": "supports", "origin": "article", "text": "c"},
... ])
>>> dot = to_dot(m, "C1")  # the branch under C1: C1 alone
>>> '"C1" [' in dot, '"T1" [' in dot
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from argmap.core.model import ArgumentMap
from argmap.draw.display import SVG
from argmap.draw.dot import dot_lines as rows_to_dot_lines

__all__ = ["dot_lines", "render", "show", "to_dot"]


def to_dot(
    amap: ArgumentMap,
    root: str | None = None,
    depth: int | None = None,
    *,
    legend: bool = True,
    fill: Mapping[str, str] | None = None,
    key: Mapping[str, str | Mapping[str, str]] | None = None,
    links: Mapping[str, str] | None = None,
    node_attrs: Mapping[str, Mapping[str, str]] | None = None,
    badges: Mapping[str, str] | None = None,
) -> str:
    """DOT text of the whole map, or of the branch under ``root`` to ``depth`` levels.

    ``fill`` recolours rows by id and ``key`` explains those colours in the legend; ``links`` names the figure
    that holds each original a restatement here refers to; ``node_attrs`` and ``badges`` mark rows (e.g. with a
    class verdict) as the DOT builder draws them (see :func:`argmap.draw.dot.rows_to_dot`).
    """
    return "".join(dot_lines(amap, root, depth, legend=legend, fill=fill, key=key, links=links, node_attrs=node_attrs, badges=badges))


def dot_lines(amap: ArgumentMap, root: str | None = None, depth: int | None = None, **dot_options: Any) -> Iterator[str]:
    """The DOT text of :func:`to_dot` (same options) line by line, each line made only when asked for: a figure of a
    big map is written out without ever being held whole."""
    title = amap.source.title if amap.source is not None else ""
    ids = None if root is None and depth is None else [i for r in ([root] if root else amap.roots()) for i in amap.subtree(r, depth)]
    title = f"{title}: branch {root}" if root else title
    rows = amap.rows if ids is None else amap.in_file_order(ids)  # a branch's rows found by id, not by a walk through the map
    return rows_to_dot_lines(rows, title=title, also=amap.restated_under(), **dot_options)


def render(amap: ArgumentMap, formats: Iterable[str] = ("svg",), root: str | None = None, depth: int | None = None, **dot_options) -> dict[str, bytes]:
    """Draw the map (or a branch) in each format; returns the bytes per format."""
    from argmap.draw.render import render_dot

    return render_dot(to_dot(amap, root, depth, **dot_options), formats)


def show(amap: ArgumentMap, root: str | None = None, depth: int | None = None, **dot_options) -> SVG:
    """The map or a branch as an inline SVG for a notebook cell: ``argmap.show(amap, "C2")``."""
    return SVG(render(amap, ("svg",), root, depth, **dot_options)["svg"].decode("utf-8"))
