"""The legend of a map figure: only what the figure draws, each swatch drawn as the map draws it, in short rows below the map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from argmap.draw.dotsyntax import attrs, dot_string
from argmap.draw.style import EDGE, FONT, FRAME, GREY, KEY_POINT, LINKED, NODE, RESTATEMENT, RULE, SWATCH, group_borders, node_style

__all__ = ["PER_ROW", "key_dot", "legend_lines"]

#: Swatches per legend row: a small branch gets a legend about as wide as itself.
PER_ROW = 5
_SMALL = "8.5"


def _entries(
    shown: Sequence[Mapping[str, str]],
    key: Mapping[str, str | Mapping[str, str]],
    borders: Mapping[str, str],
    linked: bool,
    unfilled: bool = False,
) -> list[tuple[str, dict[str, str]]]:
    """(node name, attributes) per swatch, in reading order; relations are added by :func:`legend_lines`.

    ``unfilled``: the map's rows are filled by the ``key`` (e.g. a class verdict), so the type and origin swatches show
    only shape and border, as the map draws them."""
    out: list[tuple[str, dict[str, str]]] = []
    for i, (meaning, look) in enumerate(key.items()):  # a fill colour, or the swatch's own attributes
        swatch = {"fillcolor": look} if isinstance(look, str) else dict(look)
        out.append((f"__legend_key{i}", {"shape": "box", "style": "filled", "color": GREY, **swatch, "label": meaning}))
    types = {r["type"] for r in shown}
    for t in NODE:
        if t in types:
            out.append((f"__legend_{t}", {**node_style(t, "article"), "label": t, "tooltip": f"{t} (from the article)"}))
    first: dict[str, str] = {}
    for r in shown:
        first.setdefault(r["origin"], r["type"])
    if "analyst" in first:
        a = node_style(first["analyst"], "analyst")
        out.append(("__legend_analyst", {**a, "label": "dashed border:\nadded by the analyst", "tooltip": "not the author's words"}))
    for i, (origin, border) in enumerate(borders.items()):
        a = node_style(first.get(origin, "assumption"), origin, border)
        out.append((f"__legend_group{i}", {**a, "label": f"{border.replace(',', ' ')} border:\nadded by {origin}", "tooltip": f"rows added by {origin}"}))
    again = next((r for r in shown if r.get("same_as")), None)
    if again is not None:
        a = {**node_style(again["type"], "article"), **RESTATEMENT}
        out.append(("__legend_restatement", {**a, "label": "↪ ID: drawn again;\nsee the original", "tooltip": "a restatement: click it for the original"}))
    if unfilled:
        out = [(n, {**a, **RESTATEMENT}) if not n.startswith("__legend_key") else (n, a) for n, a in out]
    if linked:
        frame = {k: v for k, v in LINKED.items() if k != "fontsize"}
        out.append(
            ("__legend_linked", {"shape": "box", **frame, "label": "linked reason:\nco-premises together", "tooltip": "co-premises: one reason together"})
        )
    return out


def legend_lines(
    shown: Sequence[Mapping[str, str]],
    key: Mapping[str, str | Mapping[str, str]],
    borders: Mapping[str, str],
    linked: bool,
    lowest: Sequence[str],
    unfilled: bool = False,
) -> list[str]:
    """DOT lines of a legend cluster placed below the rows ``lowest`` (the figure's bottom row); ``unfilled`` as in :func:`_entries`."""
    ids = {r["id"] for r in shown}
    relations = [rel for rel in EDGE if any(r["relation"] == rel and r["parent"] in ids for r in shown)]
    entries = _entries(shown, key, borders, linked, unfilled)
    out = ["  subgraph cluster_legend {", f"    graph {attrs({'label': 'Key', 'style': 'rounded', 'color': FRAME, 'fontsize': '9', 'labelloc': 'b'})};"]
    cells: list[list[str]] = []  # the node names of each swatch, first one anchoring its position
    for name, entry in entries:
        entry = {**entry, "fontsize": _SMALL, "margin": "0.06,0.03"}
        out.append(f"    {name} {attrs(entry)};")
        cells.append([name])
    for rel in relations:
        e = EDGE[rel]
        a, b = f"__legend_{rel}_from", f"__legend_{rel}_to"
        for n in (a, b):
            out.append(
                f"    {n} {attrs({'shape': 'box', 'width': '0.2', 'height': '0.14', 'fixedsize': 'true', 'label': ' ', 'fontsize': '6', 'color': RULE, 'fillcolor': SWATCH, 'style': 'filled'})};"
            )
        edge = {"style": e["style"], "color": e["color"], "penwidth": e["penwidth"], "arrowhead": e["arrowhead"], "label": rel, "fontsize": _SMALL}
        out.append(f"    {a} -> {b} {attrs({**edge, 'class': f'legend {rel}'})};")
        cells.append([a, b])
    rows = [cells[i : i + PER_ROW] for i in range(0, len(cells), PER_ROW)]
    for row in rows:
        out.append(f"    {{rank=same; {' '.join(n for cell in row for n in cell)}}}")
        out += [f"    {a[-1]} -> {b[0]} [style=invis];" for a, b in zip(row, row[1:])]  # keeps the reading order
    for upper, lower in zip(rows, rows[1:]):  # rankdir BT: an edge points up, so lower -> upper stacks the rows
        out.append(f"    {lower[0][0]} -> {upper[0][0]} [style=invis];")
    out.append("  }")
    if rows:
        out += [f"  {rows[0][0][0]} -> {dot_string(i)} [style=invis weight=0];" for i in lowest]
    return out


def key_dot(origins: Sequence[str] = ()) -> str:
    """DOT text of a compact key in two rows, for print: the node types, then the borders of added rows and the relations.

    >>> dot = key_dot(["article", "group-a"])
    >>> "dashed: the analyst" in dot, "dotted: group-a" in dot, dot.count("->")
    (True, True, 4)
    """
    out = [
        "digraph key {",
        f"  graph {attrs({'rankdir': 'TB', 'nodesep': '0.12', 'ranksep': '0.12', 'fontname': FONT, 'margin': '0'})};",
        f"  node {attrs({'fontname': FONT, 'fontsize': '9', 'margin': '0.06,0.03', 'height': '0.3'})};",
        f"  edge {attrs({'fontname': FONT, 'fontsize': '9'})};",
    ]
    top = [f"k_{t}" for t in NODE]
    out += [f"  k_{t} {attrs({**node_style(t, 'article'), 'label': t})};" for t in NODE]
    bottom = ["k_analyst"]
    out.append(f"  k_analyst {attrs({**node_style('assumption', 'analyst'), 'label': 'dashed: the analyst'})};")
    for i, (origin, line) in enumerate(group_borders(list(origins)).items()):
        bottom.append(f"k_group{i}")
        label = line.replace(",", " ") + f": {origin}"
        out.append(f"  k_group{i} {attrs({**node_style('assumption', origin, line), 'label': label})};")
    for rel, e in EDGE.items():
        a, b = f"k_{rel}_a", f"k_{rel}_b"
        out.append(f"  {a} {attrs(KEY_POINT)}; {b} {attrs(KEY_POINT)};")
        edge = {"style": e["style"], "color": e["color"], "penwidth": e["penwidth"], "arrowhead": e["arrowhead"], "label": rel, "minlen": "3"}
        out.append(f"  {a} -> {b} {attrs(edge)};")
        bottom += [a, b]
    out.append(f"  {{rank=same; {' '.join(top)}}}")
    out.append(f"  {{rank=same; {' '.join(bottom)}}}")
    out.append(f"  {top[0]} -> {bottom[0]} {attrs({'style': 'invis'})};")
    out.append("}")
    return "\n".join(out) + "\n"
