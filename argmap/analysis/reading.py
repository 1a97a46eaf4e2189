"""The source as an annotated reading view: numbered paragraphs, every quote highlighted by type and labelled with its row id."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import TYPE_CHECKING, NamedTuple

from argmap.draw.display import HTML
from argmap.draw.style import EDGE, NODE, NON_ARTICLE, PALETTE, RULE

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["HTML", "RELATION_MEANING", "TYPE_MEANING", "Span", "annotated_html", "legend_html", "quote_spans", "segments", "source_card"]

#: What each node type stands for, in one line.
TYPE_MEANING: dict[str, str] = {
    "thesis": "a main conclusion of the text; a root of the map",
    "claim": "a statement argued for, or relied on, on the way to a conclusion",
    "evidence": "a reported fact or event offered in support",
    "prediction": "a statement about what will or may happen",
    "recommendation": "what someone should or could do, in the author's view",
    "assumption": "an unstated premise the argument needs, reconstructed by an analyst",
    "objection": "a reason against a row, or against an inference, raised by an analyst or a class",
}

#: What each relation says about a row and its parent.
RELATION_MEANING: dict[str, str] = {
    "supports": "the row is a reason for its parent",
    "attacks": "the row is a reason against its parent",
    "undercuts": "the row does not dispute its parent, but says the parent is no good reason for the parent's own parent (it attacks the inference)",
}

_FONT = "font-family:Georgia,'DejaVu Serif',serif"
_SANS = "font-family:'DejaVu Sans',Arial,sans-serif"


class Span(NamedTuple):
    """Where a row's quote sits: paragraph number, start and end offsets in that paragraph, row id."""

    paragraph: int
    start: int
    end: int
    id: str


def quote_spans(amap: ArgumentMap) -> tuple[list[Span], list[str]]:
    """The spans of every quoted row (its first occurrence in its paragraph), and the ids whose quote was not found.

    >>> from argmap.core.model import ArgumentMap
    >>> from pathlib import Path
    >>> from argmap.core.source import Source
    >>> src = Source(path=Path("a.txt"), paragraphs=("One two three.", "Four."))
    >>> rows = [{"id": "A", "type": "claim", "quote": "two", "paragraph": "1", "origin": "article", "parent": "", "text": ""},
    ...         {"id": "B", "type": "claim", "quote": "five", "paragraph": "2", "origin": "article", "parent": "", "text": ""}]
    >>> quote_spans(ArgumentMap(rows, source=src))
    ([Span(paragraph=1, start=4, end=7, id='A')], ['B'])
    """
    if amap.source is None:
        raise ValueError("this map has no source text; load it with its source to read it annotated")
    paragraphs = amap.source.paragraphs
    spans: list[Span] = []
    missing: list[str] = []
    for r in amap.rows:
        quote, para = r.get("quote", ""), r.get("paragraph", "")
        if not quote:
            continue
        p = int(para) if para.isascii() and para.isdigit() else 0
        at = paragraphs[p - 1].find(quote) if 1 <= p <= len(paragraphs) else -1
        if at < 0:
            missing.append(r["id"])
        else:
            spans.append(Span(p, at, at + len(quote), r["id"]))
    return spans, missing


def segments(length: int, spans: Iterable[tuple[int, int, str]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """Cut ``0..length`` at every span boundary; each piece carries the ids of all spans covering it, outermost first.

    >>> segments(10, [(0, 6, "A"), (3, 9, "B")])
    [(0, 3, ('A',)), (3, 6, ('A', 'B')), (6, 9, ('B',)), (9, 10, ())]
    >>> segments(5, [(1, 4, "outer"), (2, 3, "inner")])
    [(0, 1, ()), (1, 2, ('outer',)), (2, 3, ('outer', 'inner')), (3, 4, ('outer',)), (4, 5, ())]
    """
    spans = sorted(spans, key=lambda s: (s[0], -s[1], s[2]))
    cuts = sorted({0, length, *(s[0] for s in spans), *(s[1] for s in spans)})
    return [(a, b, tuple(i for s, e, i in spans if s <= a and b <= e)) for a, b in zip(cuts, cuts[1:])]


def _colours(type_: str) -> tuple[str, str]:
    """(border, light fill) of a node type, as on the map."""
    return PALETTE[NODE.get(type_, NODE["claim"])["colour"]]


def _hover(row: Mapping[str, str]) -> str:
    return f"{row['id']} · {row.get('type', '')}: {row.get('text', '')}"


def _badge(row: Mapping[str, str]) -> str:
    border, fill = _colours(row.get("type", ""))
    return f'<sup style="font:bold 0.68em sans-serif;background:{fill};border:1px solid {border};border-radius:3px;padding:0 2px">{escape(row["id"])}</sup>'


def _chip(type_: str) -> str:
    border, fill = _colours(type_)
    style = f"{_SANS};font-size:0.8em;color:#000;background:{fill};border-bottom:2px solid {border};padding:0 4px;margin-right:6px"
    return f'<span style="{style}">{escape(type_)}</span>'


def annotated_html(amap: ArgumentMap, paragraphs: Iterable[int] | None = None) -> HTML:
    """The source's body paragraphs (all, or those numbered in ``paragraphs``) with every quoted span highlighted.

    Each quote gets its type's light fill and an underline in the type's colour, and a badge with its row id
    where it starts, so the view reads without colour too; hovering shows the paraphrase. Where quotes overlap,
    the text is split into pieces and each piece names every row covering it (a double underline marks them).

    >>> from argmap.core.model import ArgumentMap
    >>> from pathlib import Path
    >>> from argmap.core.source import Source
    >>> src = Source(path=Path("a.txt"), paragraphs=("Cats & dogs <b>agree</b>.",))
    >>> rows = [{"id": "C1", "type": "claim", "quote": "dogs <b>agree", "paragraph": "1", "origin": "article", "parent": "", "text": "x"}]
    >>> html = annotated_html(ArgumentMap(rows, source=src)).data
    >>> "Cats &amp; " in html and "dogs &lt;b&gt;agree</mark>" in html and ">C1</sup>" in html and "<b>" not in html
    True
    """
    spans, missing = quote_spans(amap)
    by_para: dict[int, list[Span]] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    numbers = range(1, len(amap.source.paragraphs) + 1) if paragraphs is None else paragraphs  # type: ignore[union-attr]
    types = [t for t in NODE if any(amap[s.id].get("type") == t for s in spans)]
    out = [f'<div class="argmap-reading" style="{_FONT};line-height:1.9;color:#111;background:#fff;max-width:48em;padding:4px 8px">']
    out.append(
        f'<p style="{_SANS};font-size:0.85em;color:#333;margin:0 0 8px 0">Highlighted by type: {"".join(_chip(t) for t in types)}'
        "· the badge before a quote is its row id; hover for the paraphrase.</p>"
    )
    for n in numbers:
        text = amap.source.paragraph(n)  # type: ignore[union-attr]
        para_spans = by_para.get(n, [])
        length = {s.id: s.end - s.start for s in para_spans}
        starts: dict[int, list[str]] = {}
        for s in sorted(para_spans, key=lambda s: (s.start, -s.end, s.id)):
            starts.setdefault(s.start, []).append(s.id)
        body: list[str] = []
        for a, b, ids in segments(len(text), [(s.start, s.end, s.id) for s in para_spans]):
            body += [_badge(amap[i]) for i in starts.get(a, [])]
            piece = escape(text[a:b])
            if not ids:
                body.append(piece)
                continue
            inner = min(ids, key=lambda i: (length[i], i))
            border, fill = _colours(amap[inner].get("type", ""))
            line = f"3px double {border}" if len(ids) > 1 else f"2px solid {border}"
            title = escape("\n".join(_hover(amap[i]) for i in ids))
            body.append(f'<mark style="background:{fill};color:#000;border-bottom:{line}" data-ids="{escape(" ".join(ids))}" title="{title}">{piece}</mark>')
        num = f'<b style="{_SANS};color:#555;font-size:0.85em;margin-right:6px">¶{n}</b>'
        out.append(f'<p id="p{n}" style="margin:0 0 12px 0">{num}{"".join(body)}</p>')
    if missing:
        out.append(f'<p style="{_SANS};color:#a00">Quotes not found in their paragraph: {escape(", ".join(missing))}</p>')
    out.append("</div>")
    return HTML("\n".join(out))


def _date(value: str) -> str:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in words.

    >>> _date("2024-06"), _date("2024-06-30"), _date("2024"), _date("soon")
    ('June 2024', '30 June 2024', '2024', 'soon')
    """
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return value
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])] if 1 <= int(parts[1]) <= 12 else parts[1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def source_card(amap: ArgumentMap) -> HTML:
    """Who wrote the source, where and when, from its metadata, with how many paragraphs and rows tie to it.

    >>> from argmap.core.model import ArgumentMap
    >>> from pathlib import Path
    >>> from argmap.core.source import Source
    >>> src = Source(path=Path("a.txt"), paragraphs=("p",), meta={"title": "T & U", "author": "A. B.", "published": "2024-06"})
    >>> print(source_card(ArgumentMap([], source=src)).data)  # doctest: +ELLIPSIS
    <table ...><tr><th ...>Title</th><td ...>T &amp; U</td></tr>...<td ...>June 2024</td>...
    """
    if amap.source is None:
        raise ValueError("this map has no source text")
    meta = amap.source.meta
    entries: list[tuple[str, str]] = [("Title", escape(amap.source.title))]
    if meta.get("author"):
        entries.append(("Author", escape(str(meta["author"]))))
    if meta.get("author_affiliations"):
        entries.append(("Affiliations", "<br>".join(escape(str(a)) for a in meta["author_affiliations"])))
    if meta.get("outlet"):
        entries.append(("Published in", escape(str(meta["outlet"]))))
    if meta.get("published"):
        entries.append(("Date", escape(_date(str(meta["published"])))))
    if meta.get("reprints"):
        entries.append(("Reprinted in", "<br>".join(escape(f"{r.get('outlet', '')}, {_date(str(r.get('date', '')))}".strip(", ")) for r in meta["reprints"])))
    quoted = sum(1 for r in amap.rows if r.get("origin") == "article")
    entries.append(
        (
            "In this map",
            escape(f"{len(amap.source.paragraphs)} numbered body paragraphs; {quoted} rows quote the text, {len(amap) - quoted} rows were added by others"),
        )
    )
    if meta.get("note"):
        entries.append(("Note", escape(str(meta["note"]))))
    th = f'style="{_SANS};text-align:left;vertical-align:top;padding:3px 12px 3px 0;color:#444;white-space:nowrap"'
    td = 'style="text-align:left;padding:3px 0"'
    cells = "".join(f"<tr><th {th}>{k}</th><td {td}>{v}</td></tr>" for k, v in entries)
    return HTML(f'<table style="border-collapse:collapse;{_FONT}">{cells}</table>')


#: Small SVG outlines of the Graphviz shapes used in argmap.style.NODE (44×26 box).
_SHAPES: dict[str, str] = {
    "box": '<rect x="2" y="2" width="40" height="22"{a}/><rect x="5" y="5" width="34" height="16" fill="none" stroke="{b}"/>',
    "rounded": '<rect x="2" y="2" width="40" height="22" rx="7"{a}/>',
    "plain": '<rect x="2" y="2" width="40" height="22"{a}/>',
    "note": '<polygon points="2,2 34,2 42,10 42,24 2,24"{a}/><polyline points="34,2 34,10 42,10" fill="none" stroke="{b}"/>',
    "hexagon": '<polygon points="2,13 10,2 34,2 42,13 34,24 10,24"{a}/>',
    "cds": '<polygon points="2,2 34,2 42,13 34,24 2,24"{a}/>',
    "ellipse": '<ellipse cx="22" cy="13" rx="20" ry="11"{a}/>',
    "octagon": '<polygon points="10,2 34,2 42,8 42,18 34,24 10,24 2,18 2,8"{a}/>',
}
_SHAPE_NAME = {
    "box": "box, double border",
    "rounded": "rounded box",
    "plain": "box",
    "note": "note (folded corner)",
    "hexagon": "hexagon",
    "cds": "arrow-shaped box",
    "ellipse": "ellipse",
    "octagon": "octagon",
}


def _shape(type_: str) -> str:
    """The key into _SHAPES for a node type's Graphviz shape and style."""
    spec = NODE.get(type_, NODE["claim"])
    if spec["shape"] == "box":
        return "rounded" if "rounded" in spec["style"] else ("box" if "peripheries" in spec else "plain")
    return spec["shape"] if spec["shape"] in _SHAPES else "plain"


def _icon(type_: str, dashed: bool = False) -> str:
    border, fill = _colours(type_)
    shape = _shape(type_)
    attrs = f' fill="{fill}" stroke="{border}" stroke-width="1.5"' + (' stroke-dasharray="4 2"' if dashed else "")
    return (
        f'<svg width="44" height="26" viewBox="0 0 44 26" role="img" aria-label="{escape(_SHAPE_NAME[shape])}">{_SHAPES[shape].format(a=attrs, b=border)}</svg>'
    )


def _edge_icon(relation: str) -> str:
    e = EDGE[relation]
    dash = {"dashed": ' stroke-dasharray="5 3"', "dotted": ' stroke-dasharray="1.5 2.5"'}.get(e["style"], "")
    head = (
        f'<polygon points="46,9 56,13 46,17" fill="{e["color"]}"/>'
        if e["arrowhead"] == "normal"
        else f'<line x1="54" y1="6" x2="54" y2="20" stroke="{e["color"]}" stroke-width="2.5"/>'
    )
    return f'<svg width="60" height="26" viewBox="0 0 60 26" role="img" aria-label="{relation}"><line x1="2" y1="13" x2="52" y2="13" stroke="{e["color"]}" stroke-width="{e["penwidth"]}"{dash}/>{head}</svg>'


def _mini(x: int, type_: str) -> str:
    border, fill = _colours(type_)
    return f'<rect x="{x}" y="7" width="20" height="12" fill="{fill}" stroke="{border}"/>'


def legend_html(types: Sequence[str] | None = None) -> HTML:
    """A key to the maps: each node type's shape and colour with its meaning, the relations, and dashed borders.

    >>> html = legend_html().data
    >>> all(t in html for t in ("thesis", "recommendation", "undercuts", "dashed"))
    True
    """
    th = f'style="{_SANS};text-align:left;padding:4px 10px 4px 0;border-bottom:1px solid #999"'
    td = 'style="text-align:left;padding:3px 10px 3px 0;vertical-align:middle"'
    rows = [f"<tr><th {th}>shape</th><th {th}>type</th><th {th}>drawn as</th><th {th}>meaning</th></tr>"]
    for t in types or list(NODE):
        rows.append(
            f"<tr><td {td}>{_icon(t)}</td><td {td}><b>{escape(t)}</b></td><td {td}>{escape(_SHAPE_NAME[_shape(t)])}, "
            f"{escape(NODE.get(t, NODE['claim'])['colour'])}</td><td {td}>{escape(TYPE_MEANING.get(t, ''))}</td></tr>"
        )
    rows.append(
        f"<tr><td {td}>{_icon('assumption', dashed=True)}</td><td {td}><b>any type</b></td><td {td}>{NON_ARTICLE} border</td>"
        f"<td {td}>added by the analyst: not the author's words, and it carries no quote (a class group's rows get dotted borders of their own)</td></tr>"
    )
    for rel in EDGE:
        label = f", labelled “{EDGE[rel]['label']}”" if EDGE[rel]["label"] else ""
        rows.append(
            f"<tr><td {td}>{_edge_icon(rel)}</td><td {td}><b>{rel}</b></td><td {td}>{EDGE[rel]['style']} line{label}</td>"
            f"<td {td}>{escape(RELATION_MEANING[rel])}</td></tr>"
        )
    group = (
        f'<svg width="60" height="26" viewBox="0 0 60 26" role="img" aria-label="linked reason"><rect x="1" y="1" width="58" height="24" rx="5" '
        f'fill="none" stroke="{RULE}" stroke-dasharray="4 2"/>{_mini(6, "assumption")}{_mini(34, "claim")}</svg>'
    )
    rows.append(
        f"<tr><td {td}>{group}</td><td {td}><b>linked reason</b></td><td {td}>dashed frame around co-premises</td>"
        f"<td {td}>rows with the same <code>group</code> under one parent: a single reason that needs all of them together</td></tr>"
    )
    return HTML(f'<table style="border-collapse:collapse;{_FONT};font-size:0.95em">{"".join(rows)}</table>')
