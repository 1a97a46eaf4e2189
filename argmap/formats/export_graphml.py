"""The map as a networkx graph, and as GraphML that yEd draws with shapes and colours and Gephi reads as data."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from argmap.core.model import ArgumentMap
from argmap.core.schema import schema
from argmap.draw.dot import label
from argmap.draw.style import EDGE, NODE, PALETTE

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["YED_SHAPES", "to_graphml", "to_networkx"]

_G, _Y = "http://graphml.graphdrawing.org/xmlns", "http://www.yworks.com/xml/graphml"
#: yEd's shape for each node type (the nearest to the Graphviz shapes of the figures).
YED_SHAPES = {
    "thesis": "rectangle",
    "claim": "roundrectangle",
    "evidence": "rectangle3d",
    "prediction": "hexagon",
    "recommendation": "fatarrow",
    "assumption": "ellipse",
    "objection": "octagon",
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
_LINE = {"solid": "line", "dashed": "dashed", "dotted": "dotted"}


def to_networkx(amap: ArgumentMap) -> nx.DiGraph:
    """A directed graph: a node per row with its columns, an edge from each row to its parent.

    Each node's ``statement`` names its statement: the row itself, or for a restatement (``same_as``) the
    original it restates, whose type and text it shows.

    Each edge has the row's ``relation`` (and ``group`` of co-premises); an undercut's edge
    also names the ``inference`` it attacks.

    >>> m = ArgumentMap([
    ...     {"id": "T", "type": "thesis", "text": "t", "parent": "", "relation": "", "origin": "article"},
    ...     {"id": "C", "type": "claim", "text": "c", "parent": "T", "relation": "supports", "origin": "article"},
    ...     {"id": "O", "type": "objection", "text": "o", "parent": "C", "relation": "undercuts", "origin": "analyst"},
    ... ])
    >>> g = to_networkx(m)
    >>> g.nodes["C"]["type"], list(g.edges(data="relation"))
    ('claim', [('C', 'T', 'supports'), ('O', 'C', 'undercuts')])
    >>> g.nodes["C"]["statement"]
    'C'
    >>> g.edges["O", "C"]["inference"]
    'C -> T'
    """
    import networkx as nx

    g = nx.DiGraph(name=amap.source.title if amap.source is not None else "")
    for row in amap.rows:
        attrs = {k: v for k, v in row.items() if k not in ("id", "parent", "relation")}
        attrs["statement"] = amap.statement_of(row["id"])  # a restatement and its original are one statement
        g.add_node(row["id"], **attrs)
    for row in amap.rows:
        if row.get("parent"):
            attrs = {"relation": row["relation"]}
            if row.get("group"):
                attrs["group"] = row["group"]
            if row["relation"] == "undercuts":
                attrs["inference"] = f"{row['parent']} -> {amap[row['parent']]['parent']}"
            g.add_edge(row["id"], row["parent"], **attrs)
    return g


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = _NOT_XML.sub("", text)
    return el


def _key(root: ET.Element, id_: str, for_: str, **attrs: str) -> None:
    ET.SubElement(root, f"{{{_G}}}key", {"id": id_, "for": for_} | attrs)


def _node_graphics(row: dict[str, str], x: float, y: float) -> ET.Element:
    lines = label(row).split("\n")
    if row.get("same_as"):  # say plainly that this box is a statement drawn a second time
        lines[0] = f"{row['id']} ↪ same statement as {row['same_as']}"
    width, height = max(120.0, 7.0 * max(len(s) for s in lines) + 24), 16.0 * len(lines) + 16
    spec = NODE.get(row.get("type", ""), NODE["claim"])
    border, fill = PALETTE[spec["colour"]]
    shape = ET.Element(f"{{{_Y}}}ShapeNode")
    _sub(shape, f"{{{_Y}}}Geometry", x=f"{x:.1f}", y=f"{y:.1f}", width=f"{width:.1f}", height=f"{height:.1f}")
    _sub(shape, f"{{{_Y}}}Fill", color=fill, transparent="false")
    dashed = row.get("origin") != "article"
    style = "dotted" if row.get("same_as") else ("dashed" if dashed else "line")
    _sub(shape, f"{{{_Y}}}BorderStyle", color=border, type=style, width="3.0" if row.get("type") == "thesis" else "1.5")
    _sub(
        shape,
        f"{{{_Y}}}NodeLabel",
        "\n".join(lines),
        alignment="center",
        autoSizePolicy="content",
        fontFamily="Dialog",
        fontSize="12",
        modelName="internal",
        modelPosition="c",
    )
    _sub(shape, f"{{{_Y}}}Shape", type=YED_SHAPES.get(row.get("type", ""), "roundrectangle"))
    return shape


def _edge_graphics(relation: str) -> ET.Element:
    e = EDGE[relation]
    line = ET.Element(f"{{{_Y}}}PolyLineEdge")
    _sub(line, f"{{{_Y}}}LineStyle", color=e["color"], type=_LINE[e["style"]], width=e["penwidth"])
    _sub(line, f"{{{_Y}}}Arrows", source="none", target="t_shape" if e["arrowhead"] == "tee" else "standard")
    if e["label"]:
        _sub(line, f"{{{_Y}}}EdgeLabel", e["label"], fontFamily="Dialog", fontSize="10", modelName="centered", modelPosition="center")
    return line


def _positions(amap: ArgumentMap) -> dict[str, tuple[float, float]]:
    """A tidy first placement (roots on top, one row per depth) so yEd opens readable before any layout."""
    pos: dict[str, tuple[float, float]] = {}
    seen_at_depth: dict[int, int] = {}
    depth: dict[str, int] = {}
    for root in amap.roots():
        for node in amap.subtree(root):  # parents come before their children: depth in one pass, linear in rows
            d = depth[node] = depth[amap[node]["parent"]] + 1 if amap[node].get("parent") else 0
            k = seen_at_depth.get(d, 0)
            seen_at_depth[d] = k + 1
            pos[node] = (k * 320.0, d * 160.0)
    return pos


def to_graphml(amap: ArgumentMap) -> str:
    """GraphML of :func:`to_networkx`'s graph, with yEd's shapes, colours and labels, and a ``label`` for Gephi."""
    ET.register_namespace("", _G)
    ET.register_namespace("y", _Y)
    g = to_networkx(amap)
    root = ET.Element(f"{{{_G}}}graphml")
    node_keys = ["label", "statement"] + [c for c in schema("claims").names if c not in ("id", "parent", "relation")]
    edge_keys = ["relation", "group", "inference"]
    for k in node_keys:
        _key(root, f"n_{k}", "node", **{"attr.name": k, "attr.type": "string"})
    for k in edge_keys:
        _key(root, f"e_{k}", "edge", **{"attr.name": k, "attr.type": "string"})
    _key(root, "n_graphics", "node", **{"yfiles.type": "nodegraphics"})
    _key(root, "e_graphics", "edge", **{"yfiles.type": "edgegraphics"})
    graph = _sub(root, f"{{{_G}}}graph", id="argmap", edgedefault="directed")
    pos = _positions(amap)
    for node, data in g.nodes(data=True):
        el = _sub(graph, f"{{{_G}}}node", id=node)
        restates = f" (same statement as {data['same_as']})" if data.get("same_as") else ""
        values = {"label": f"{node}{restates}: {' '.join(data.get('text', '').split())}"} | data
        for k in node_keys:
            if values.get(k, "") != "":
                _sub(el, f"{{{_G}}}data", values[k], key=f"n_{k}")
        _sub(el, f"{{{_G}}}data", key="n_graphics").append(_node_graphics(amap[node], *pos[node]))
    for i, (a, b, data) in enumerate(g.edges(data=True), 1):
        el = _sub(graph, f"{{{_G}}}edge", id=f"e{i}", source=a, target=b)
        for k in edge_keys:
            if data.get(k):
                _sub(el, f"{{{_G}}}data", data[k], key=f"e_{k}")
        _sub(el, f"{{{_G}}}data", key="e_graphics").append(_edge_graphics(data["relation"]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
