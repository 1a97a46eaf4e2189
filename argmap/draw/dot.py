"""Building the DOT text of a map (no drawing here, so tests can read it without Graphviz)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence

from argmap.draw.style import EDGE, NODE, group_borders, node_style

__all__ = ["LABEL_WIDTH", "dot_string", "label", "to_dot", "tooltip"]

LABEL_WIDTH = 28
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FONT = "DejaVu Sans,Noto Sans,Arial,sans-serif"


def dot_string(s: str) -> str:
    """Quote ``s`` as a DOT string: backslashes and quotes escaped, newlines as line breaks.

    >>> print(dot_string('say "hi"\\\\ now\\nthen'))
    "say \\"hi\\"\\\\ now\\nthen"
    """
    s = _CONTROL.sub("", s.replace("\r\n", "\n").replace("\r", "\n"))
    s = s.replace("&", "&amp;")  # Graphviz decodes entities in labels: keep "&amp;" in the data as written
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", " ")
    return f'"{s}"'


def _attrs(attrs: Mapping[str, str]) -> str:
    return "[" + " ".join(f"{k}={dot_string(v)}" for k, v in attrs.items() if v != "") + "]"


def label(row: Mapping[str, str], width: int = LABEL_WIDTH) -> str:
    """The node label: id, type, paragraph or origin, then the wrapped paraphrase.

    >>> label({"id": "C4", "type": "claim", "paragraph": "6", "origin": "article", "text": "Baku wants the status quo"})
    'C4 · claim · ¶6\\nBaku wants the status quo'
    """
    head = [row["id"], row["type"]]
    head.append(f"¶{row['paragraph']}" if row.get("origin") == "article" and row.get("paragraph") else row.get("origin", ""))
    text = " ".join(row.get("text", "").split())
    body = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    return " · ".join(h for h in head if h) + "\n" + "\n".join(body)


def tooltip(row: Mapping[str, str]) -> str:
    """The hover text: the verbatim quote and its paragraph, or who added the row."""
    if row.get("origin") == "article":
        return f"¶{row.get('paragraph', '')}: “{row.get('quote', '')}”"
    note = f"Added by {row.get('origin')} (not in the article): {row.get('text', '')}"
    return note + (f"\nSource: {row['source_url']}" if row.get("source_url") else "")


def to_dot(
    rows: Sequence[Mapping[str, str]],
    ids: Iterable[str] | None = None,
    *,
    title: str = "",
    legend: bool = True,
    fill: Mapping[str, str] | None = None,
    key: Mapping[str, str] | None = None,
) -> str:
    """DOT text for ``rows`` (all, or only those in ``ids``), drawn bottom-up: reasons below what they bear on.

    ``fill`` maps ids to fill colours that replace the type's colour (e.g. to show an evaluation),
    and ``key`` maps each such colour's meaning to the colour, for the legend.
    """
    keep = None if ids is None else set(ids)
    shown = [r for r in rows if keep is None or r["id"] in keep]
    present = {r["id"] for r in shown}
    by_id = {r["id"]: r for r in shown}
    out = [
        "digraph argmap {",
        f"  graph {_attrs({'rankdir': 'BT', 'nodesep': '0.3', 'ranksep': '0.45', 'fontname': FONT, 'label': title, 'labelloc': 't', 'fontsize': '16', 'tooltip': title or 'argument map'})};",
        f"  node {_attrs({'fontname': FONT, 'fontsize': '11', 'margin': '0.12,0.06', 'penwidth': '1.4'})};",
        f"  edge {_attrs({'fontname': FONT, 'fontsize': '9'})};",
    ]
    groups: dict[str, list[Mapping[str, str]]] = {}
    for r in shown:
        if r.get("group") and r["parent"] in present:
            groups.setdefault(r["group"], []).append(r)
    undercut = {r["parent"] for r in shown if r["relation"] == "undercuts" and r["parent"] in present and by_id[r["parent"]]["parent"] in present}
    borders = group_borders([r["origin"] for r in shown])
    for r in shown:
        attrs = node_style(r["type"], r["origin"], borders.get(r["origin"]))
        attrs.update({"id": r["id"], "label": label(r), "tooltip": tooltip(r), "class": f"{r['type']} {r['origin']}"})
        if fill and r["id"] in fill:
            attrs["fillcolor"] = fill[r["id"]]
        out.append(f"  {dot_string(r['id'])} {_attrs(attrs)};")
    for g, members in groups.items():
        if len(members) < 2:
            continue
        out.append(f"  subgraph {dot_string('cluster_group_' + g)} {{")
        out.append(
            f"    graph {_attrs({'style': 'rounded,dashed', 'color': '#888888', 'label': 'linked reason', 'fontsize': '9', 'tooltip': 'co-premises: one reason together'})};"
        )
        out += [f"    {dot_string(m['id'])};" for m in members]
        out.append("  }")
    joined = {g for g, m in groups.items() if len(m) >= 2}
    done: set[str] = set()
    for r in shown:
        parent, rel = r["parent"], r["relation"]
        if not parent or parent not in present or rel not in EDGE:
            continue
        e = EDGE[rel]
        style = {"style": e["style"], "color": e["color"], "penwidth": e["penwidth"], "class": rel}
        target = _target(by_id[parent], joined, undercut) if rel == "undercuts" else dot_string(parent)
        if target is None:
            continue
        hub = None
        if r.get("group") in joined:
            hub = dot_string("__reason_" + r["group"])
        elif r["id"] in undercut:
            hub = dot_string("__inference_" + r["id"])
        if hub is None:
            out.append(f"  {dot_string(r['id'])} -> {target} {_attrs({**style, 'arrowhead': e['arrowhead'], 'xlabel': e['label']})};")
            continue
        out.append(f"  {dot_string(r['id'])} -> {hub} {_attrs({**style, 'dir': 'none'})};")
        if hub not in done:
            done.add(hub)
            out.append(f"  {hub} {_attrs({'shape': 'point', 'width': '0.09', 'color': e['color'], 'tooltip': 'inference to ' + parent})};")
            out.append(f"  {hub} -> {target} {_attrs({**style, 'arrowhead': e['arrowhead'], 'xlabel': e['label']})};")
    if legend:
        out += _legend(key or {}, borders)
    out.append("}")
    return "\n".join(out) + "\n"


def _target(row: Mapping[str, str], joined: set[str], undercut: set[str]) -> str | None:
    """The inference node an undercut points at: the reason hub of the row it undercuts."""
    if row.get("group") in joined:
        return dot_string("__reason_" + row["group"])
    if row["id"] in undercut:
        return dot_string("__inference_" + row["id"])
    return None


def _legend(key: Mapping[str, str], borders: Mapping[str, str]) -> list[str]:
    out = ["  subgraph cluster_legend {", f"    graph {_attrs({'label': 'Legend', 'style': 'rounded', 'color': '#BBBBBB', 'fontsize': '11'})};"]
    names = []
    for i, (meaning, colour) in enumerate(key.items()):
        names.append(f"__legend_key{i}")
        out.append(
            f"    {dot_string(names[-1])} {_attrs({'shape': 'box', 'style': 'filled', 'fillcolor': colour, 'color': '#666666', 'label': meaning, 'fontsize': '9'})};"
        )
    for t in NODE:
        attrs = node_style(t, "article")
        attrs.update({"label": t, "fontsize": "9", "tooltip": f"{t} (from the article)"})
        names.append(f"__legend_{t}")
        out.append(f"    {dot_string(names[-1])} {_attrs(attrs)};")
    attrs = node_style("assumption", "analyst")
    attrs.update({"label": "dashed border:\nadded by the analyst", "fontsize": "9", "tooltip": "not the author's words"})
    out.append(f"    __legend_analyst {_attrs(attrs)};")
    for i, (origin, border) in enumerate(borders.items()):
        attrs = node_style("assumption", origin, border)
        attrs.update({"label": f"{border.replace(',', ' ')} border:\nadded by {origin}", "fontsize": "9", "tooltip": f"rows added by {origin}"})
        names.append(f"__legend_group{i}")
        out.append(f"    {names[-1]} {_attrs(attrs)};")
    for rel, e in EDGE.items():
        a, b = f"__legend_{rel}_from", f"__legend_{rel}_to"
        for n in (a, b):
            out.append(f"    {n} {_attrs({'shape': 'point', 'width': '0.05', 'color': '#888888'})};")
        attrs = {"style": e["style"], "color": e["color"], "penwidth": e["penwidth"], "arrowhead": e["arrowhead"], "label": rel, "class": f"legend {rel}"}
        out.append(f"    {a} -> {b} {_attrs(attrs)};")
    points = " ".join(f"__legend_{rel}_{end}" for rel in EDGE for end in ("from", "to"))
    out.append(f"    {{rank=same; {' '.join(names)} __legend_analyst {points}}}")
    out.append("  }")
    return out
