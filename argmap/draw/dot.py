"""Building the DOT text of a map's rows (no drawing here, so tests can read it without Graphviz); :func:`argmap.draw.to_dot` takes the map."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from argmap.draw.dotsyntax import attrs, dot_string
from argmap.draw.legend import legend_lines
from argmap.draw.style import EDGE, FONT, LINKED, NON_ARTICLE_TEXT, NON_ARTICLE_WIDTH, RESTATEMENT, group_borders, node_style

__all__ = ["LABEL_MAX", "LABEL_WIDTH", "TOOLTIP_MAX", "attrs", "dot_lines", "dot_string", "label", "rows_to_dot", "shorten", "tooltip"]

LABEL_WIDTH = 28
#: The longest text drawn in a box, and the longest hover text, in characters; longer cells are cut with "…" and say so.
LABEL_MAX, TOOLTIP_MAX = 1000, 2000
#: Unicode's control characters (category Cc) that are not whitespace.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis and the full length, when it is longer.

    >>> shorten("abcdef", 3), shorten("abc", 3)
    ('abc… (shortened; 6 characters in all)', 'abc')
    """
    return text if len(text) <= limit else f"{text[:limit]}… (shortened; {len(text):,} characters in all)"


def _drawable(text: str) -> str:
    """``text`` without the control characters that XML cannot hold and Graphviz drops (whitespace stays, to be folded).

    Dropped before spaces are folded, so "0 \\x1b 0" draws as "0 0", not with a double space Graphviz keeps as a no-break space.

    >>> _drawable("0 \x1b 0")
    '0  0'
    """
    return _CONTROL.sub("", text)


def label(row: Mapping[str, str], width: int | None = None, *, where: str = "", also: Sequence[str] = ()) -> str:
    """The node label: id, type, paragraph or origin, then the wrapped paraphrase.

    A restatement (``same_as``) shows "↪" and its original's id instead of its own, and ``where`` the original is
    drawn when that is another figure; an original restated elsewhere lists the rows its restatements bear on (``also``).

    >>> label({"id": "C4", "type": "claim", "paragraph": "6", "origin": "article", "text": "Baku wants the status quo"})
    'C4 · claim · ¶6\\nBaku wants the status quo'
    >>> label({"id": "C4.r1", "same_as": "C4", "type": "claim", "origin": "analyst", "text": "Baku wants it"}, where="branch C2")
    '↪ C4 · claim · analyst\\nBaku wants it\\n(drawn in branch C2)'
    """
    if width is None:  # rows not from the article are set smaller, in wider lines
        width = LABEL_WIDTH if row.get("origin") == "article" else NON_ARTICLE_WIDTH
    ref = row.get("same_as")
    head = [f"↪ {ref}" if ref else row["id"], row.get("type", "")]
    if ref:
        head.append("" if row.get("origin") == "article" else row.get("origin", ""))
    else:
        head.append(f"¶{row['paragraph']}" if row.get("origin") == "article" and row.get("paragraph") else row.get("origin", ""))
    text = shorten(" ".join(_drawable(row.get("text", "")).split()), LABEL_MAX)
    body = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if ref and where:
        body.append(f"(drawn in {where})")
    if also:
        body.append("↪ also bears on " + ", ".join(also))
    return " · ".join(h for h in head if h) + "\n" + "\n".join(body)


def tooltip(row: Mapping[str, str]) -> str:
    """The hover text: the verbatim quote and its paragraph, or who added the row."""
    if row.get("same_as"):
        who = "the author's link" if row.get("origin") == "article" else f"link added by {row.get('origin')}"
        return f"The same statement as {row['same_as']}, drawn again where it bears on {row.get('parent', '')} ({who}): {shorten(row.get('text', ''), TOOLTIP_MAX)}"
    if row.get("origin") == "article":
        return f"¶{row.get('paragraph', '')}: “{shorten(row.get('quote', ''), TOOLTIP_MAX)}”"
    note = f"Added by {row.get('origin')} (not in the article): {shorten(row.get('text', ''), TOOLTIP_MAX)}"
    return note + (f"\nSource: {row['source_url']}" if row.get("source_url") else "")


def rows_to_dot(rows: Sequence[Mapping[str, str]], ids: Iterable[str] | None = None, **options: Any) -> str:
    """DOT text for ``rows`` (all, or only those in ``ids``): :func:`dot_lines` joined (the options are the same)."""
    return "".join(dot_lines(rows, ids, **options))


def dot_lines(
    rows: Sequence[Mapping[str, str]],
    ids: Iterable[str] | None = None,
    *,
    title: str = "",
    legend: bool = True,
    fill: Mapping[str, str] | None = None,
    key: Mapping[str, str | Mapping[str, str]] | None = None,
    links: Mapping[str, str] | None = None,
    node_attrs: Mapping[str, Mapping[str, str]] | None = None,
    badges: Mapping[str, str] | None = None,
    also: Mapping[str, Sequence[str]] | None = None,
) -> Iterator[str]:
    """The lines (each ending in a newline) of the DOT text for ``rows`` (all, or only those in ``ids``), drawn bottom-up:
    reasons below what they bear on. Made one at a time, so a figure of 100,000 rows can be written out without ever
    being held whole (nor every node's attributes at once).

    ``fill`` maps ids to fill colours that replace the type's colour (e.g. to show an evaluation),
    and ``key`` maps each such colour's meaning to the colour (or to the swatch's node attributes), for the legend.
    ``node_attrs`` maps ids to Graphviz attributes laid over the row's own (e.g. a class verdict's fill and border), and
    ``badges`` to a line (or lines) set under the row's text (e.g. the verdict in words, with its counts). A restatement (a row with
    ``same_as``) links to its original: ``#ID`` when the original is drawn here, else ``links[ID]``
    (e.g. ``branch-C2.svg#C2``), the figure that holds it. ``also``: per restated original, the rows its restatements
    bear on (found in ``rows`` when not given; :meth:`~argmap.core.model.ArgumentMap.restated_under` when ``rows`` are part of a map).

    >>> lines = list(dot_lines([{"id": "T", "type": "thesis", "parent": "", "relation": "", "origin": "article", "text": "t"}]))
    >>> lines[0], lines[-1], all(line.endswith("\\n") for line in lines)
    ('digraph argmap {\\n', '}\\n', True)
    """
    keep = None if ids is None else set(ids)
    shown = [r for r in rows if keep is None or r["id"] in keep]
    del keep
    present = {r["id"] for r in shown}
    by_id = {r["id"]: r for r in shown}
    if also is None:
        found: dict[str, list[str]] = {}
        for r in rows:
            if r.get("same_as") and r.get("parent"):
                found.setdefault(r["same_as"], []).append(r["parent"])
        also = found
    head = [
        "digraph argmap {",
        f"  graph {attrs({'rankdir': 'BT', 'newrank': 'true', 'nodesep': '0.3', 'ranksep': '0.45', 'fontname': FONT, 'label': title, 'labelloc': 't', 'fontsize': '16', 'tooltip': title or 'argument map'})};",
        f"  node {attrs({'fontname': FONT, 'fontsize': '11', 'margin': '0.12,0.06', 'penwidth': '1.4'})};",
        f"  edge {attrs({'fontname': FONT, 'fontsize': '9'})};",
    ]
    yield from (f"{line}\n" for line in head)
    groups: dict[str, list[Mapping[str, str]]] = {}
    for r in shown:
        if r.get("group") and r["parent"] in present:
            groups.setdefault(r["group"], []).append(r)
    undercut = {r["parent"] for r in shown if r["relation"] == "undercuts" and r["parent"] in present and by_id[r["parent"]]["parent"] in present}
    borders = group_borders([r["origin"] for r in shown])

    def node(r: Mapping[str, str]) -> dict[str, str]:
        a = _node(r, borders, present, links or {}, also.get(r["id"], ()), fill or {}, (badges or {}).get(r["id"], ""))
        a.update((node_attrs or {}).get(r["id"], {}))
        return a

    # the largest row not from the article, which the top rows from the article are made at least as large as
    others = [_size(node(r)) for r in shown if r["origin"] != "article"]
    largest = max(others, key=lambda s: s[0] * s[1]) if others else None
    del others
    for r in shown:  # each node's attributes made, written and dropped in turn
        a = node(r)
        if largest is not None and r["origin"] == "article" and r["parent"] not in present:
            _outsize(a, largest)
        yield f"  {dot_string(r['id'])} {attrs(a)};\n"
    for g, members in groups.items():
        if len(members) < 2:
            continue
        yield f"  subgraph {dot_string('cluster_group_' + g)} {{\n"
        yield f"    graph {attrs({**LINKED, 'label': 'linked reason', 'tooltip': 'co-premises: one reason together'})};\n"
        yield from (f"    {dot_string(m['id'])};\n" for m in members)
        yield "  }\n"
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
            yield f"  {dot_string(r['id'])} -> {target} {attrs({**style, 'arrowhead': e['arrowhead'], 'xlabel': e['label']})};\n"
            continue
        yield f"  {dot_string(r['id'])} -> {hub} {attrs({**style, 'dir': 'none'})};\n"
        if hub not in done:
            done.add(hub)
            yield f"  {hub} {attrs({'shape': 'point', 'width': '0.09', 'color': e['color'], 'tooltip': 'inference to ' + parent})};\n"
            yield f"  {hub} -> {target} {attrs({**style, 'arrowhead': e['arrowhead'], 'xlabel': e['label']})};\n"
    if legend:
        parents = {c["parent"] for c in shown}  # a set: asking every row of every row was quadratic (100,000 rows did not finish)
        lowest = [r["id"] for r in shown if r["id"] not in parents]
        unfilled = bool(node_attrs) and all("fillcolor" in (node_attrs or {}).get(i, {}) for i in present)  # every fill is the key's
        yield from (f"{line}\n" for line in legend_lines(shown, key or {}, borders, bool(joined), lowest, unfilled))
    yield "}\n"


def _node(
    r: Mapping[str, str],
    borders: Mapping[str, str],
    present: set[str],
    links: Mapping[str, str],
    also: Sequence[str],
    fill: Mapping[str, str],
    badge: str = "",
) -> dict[str, str]:
    """The attributes of one row's node: its type's look, its origin's border, a restatement's reference and link, a badge line."""
    a = node_style(r["type"], r["origin"], borders.get(r["origin"]))
    ref = r.get("same_as", "")
    where = ""
    if ref:
        a.update(RESTATEMENT)
        href = f"#{ref}" if ref in present else links.get(ref, "")
        if href:
            a["href"] = href
            a["target"] = "_top"
        if ref not in present and href:
            where = _figure_name(href)
    a.update(
        {
            "id": r["id"],
            "label": label(r, where=where, also=also) + (f"\n{badge}" if badge else ""),
            "tooltip": tooltip(r),
            "class": " ".join(c for c in (r["type"], r["origin"], "restatement" if ref else "") if c),
        }
    )
    if r["origin"] != "article":
        a.update(NON_ARTICLE_TEXT)
    if r["id"] in fill:
        a["fillcolor"] = fill[r["id"]]
    return a


#: How far a shape swells around its label, per shape: inches of node per (character × point / 72) across and
#: per (line × point / 72) down, measured with the bundled DejaVu Sans (a little over the largest seen).
_SWELL = {"ellipse": (0.82, 1.85), "octagon": (0.9, 1.98), "hexagon": (1.1, 2.5)}
_BOX = (0.68, 1.65)


def _size(a: Mapping[str, str]) -> tuple[float, float]:
    """The estimated (width, height) in inches of a node drawn with attributes ``a``."""
    lines = a["label"].split("\n")
    pt = float(a.get("fontsize", "11")) / 72
    kw, kh = _SWELL.get(a["shape"], _BOX)
    return kw * max(len(line) for line in lines) * pt, kh * len(lines) * pt


def _outsize(a: dict[str, str], largest: tuple[float, float]) -> None:
    """Make a top row from the article (attributes ``a``) at least as wide and tall as the ``largest`` (width, height) row
    not from the article, so an analyst's (or a group's) row is never the largest shape of a figure."""
    w, h = largest
    own_w, own_h = _size(a)
    if own_w * own_h < w * h:
        a.update({"width": f"{max(w, own_w):.2f}", "height": f"{max(h, own_h):.2f}"})


def _figure_name(href: str) -> str:
    """``branch-C2.svg#C2`` → ``branch C2``; ``map.svg#C2`` → ``the whole map``."""
    stem = href.split("#")[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "the whole map" if stem == "map" else stem.replace("-", " ", 1)


def _target(row: Mapping[str, str], joined: set[str], undercut: set[str]) -> str | None:
    """The inference node an undercut points at: the reason hub of the row it undercuts."""
    if row.get("group") in joined:
        return dot_string("__reason_" + row["group"])
    if row["id"] in undercut:
        return dot_string("__inference_" + row["id"])
    return None
