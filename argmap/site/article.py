"""The two-pane page: the article with every quoted span marked by its row's type, beside the whole map."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING, Any

from argmap.analysis.reading import quote_spans, segments
from argmap.site.describe import map_alt
from argmap.site.page import inline_svg, map_figure

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["article_body", "nearest_branch", "row_data", "rows_js", "same_as"]


def same_as(amap: ArgumentMap, id_: str) -> str:
    """The id of the row that ``id_`` restates, or ``""`` for an ordinary row."""
    is_re = getattr(amap, "is_restatement", None)
    target = amap[id_].get("same_as", "")
    if callable(is_re) and not is_re(id_):
        return ""
    return target if target in amap else ""


def nearest_branch(amap: ArgumentMap, id_: str, branches: set[str]) -> str:
    """The nearest of ``id_`` and its ancestors that has a branch page, or ``""``."""
    for a in [id_, *amap.ancestors(id_)]:
        if a in branches:
            return a
    return ""


def row_data(amap: ArgumentMap, branches: set[str]) -> dict[str, dict[str, Any]]:
    """What the pages' script knows of each row: its words, quote, place, origin and branch page."""
    spans, missing = quote_spans(amap)
    out: dict[str, dict[str, Any]] = {}
    for r in amap.rows:
        i = r["id"]
        orig = same_as(amap, i)
        src = amap[orig] if orig else r
        out[i] = {
            "type": r.get("type") or src.get("type", ""),
            "text": r.get("text") or src.get("text", ""),
            "quote": r.get("quote", "") if not orig else "",
            "paragraph": r.get("paragraph", ""),
            "origin": r.get("origin", ""),
            "parent": r.get("parent", ""),
            "relation": r.get("relation", ""),
            "same_as": orig,
            "note": r.get("note", ""),
            "found": i not in missing,
            "branch": nearest_branch(amap, i, branches),
        }
    return out


def rows_js(amap: ArgumentMap, branches: set[str]) -> str:
    """The rows as a script (``window.ARGMAP_ROWS``): a script file loads from ``file://`` where fetch() cannot."""
    data = json.dumps(row_data(amap, branches), ensure_ascii=False, indent=0, sort_keys=False)
    return "window.ARGMAP_ROWS = " + data.replace("</", "<\\/") + ";\n"


def _paragraphs(amap: ArgumentMap) -> str:
    spans, _ = quote_spans(amap)
    by_para: dict[int, list] = {}
    for s in spans:
        by_para.setdefault(s.paragraph, []).append(s)
    out = []
    for n, text in enumerate(amap.source.paragraphs, start=1):  # type: ignore[union-attr]
        para = by_para.get(n, [])
        length = {s.id: s.end - s.start for s in para}
        starts: dict[int, list[str]] = {}
        for s in sorted(para, key=lambda s: (s.start, -s.end, s.id)):
            starts.setdefault(s.start, []).append(s.id)
        body = []
        for a, b, ids in segments(len(text), [(s.start, s.end, s.id) for s in para]):
            for i in starts.get(a, []):
                t = amap[i].get("type", "")
                body.append(
                    f'<sup class="badge t-{escape(t)}" data-id="{escape(i)}" role="button" tabindex="0" aria-label="Show {escape(i)} on the map">{escape(i)}</sup>'
                )
            piece = escape(text[a:b])
            if not ids:
                body.append(piece)
                continue
            inner = min(ids, key=lambda i: (length[i], i))
            order = sorted(ids, key=lambda i: (-length[i], i))  # outermost first, the innermost last
            multi = " multi" if len(ids) > 1 else ""
            hover = escape("\n".join(f"{i} · {amap[i].get('type', '')}: {amap[i].get('text', '')}" for i in order))
            body.append(
                f'<mark class="t-{escape(amap[inner].get("type", ""))}{multi}" data-ids="{escape(" ".join(order))}" role="button" tabindex="0" title="{hover}">{piece}</mark>'
            )
        out.append(f'<p class="para" id="p{n}"><span class="pnum">¶{n}</span>{"".join(body)}</p>')
    return "\n".join(out)


def _byline(amap: ArgumentMap) -> str:
    meta = amap.source.meta  # type: ignore[union-attr]
    bits = [str(meta[k]) for k in ("author", "outlet", "published") if meta.get(k)]
    return f'<p class="keyline">{escape(" · ".join(bits))}</p>' if bits else ""


def article_body(amap: ArgumentMap, map_svg: str, print_maps: list[tuple[str, str]]) -> str:
    """The article page's main: the marked article, the linked whole map with its info panel, and maps for print.

    ``print_maps`` are (figure file, alt text) pairs printed one per page in place of the interactive map.
    """
    types = [t for t in dict.fromkeys(r.get("type", "") for r in amap.rows if r.get("quote"))]
    chips = " ".join(f'<span class="tag t-{escape(t)}">{escape(t)}</span>' for t in types)
    label = "The whole argument map; click a box to find its words in the article"
    svg = inline_svg(map_svg, label=label, rows=amap.ids, role="group")
    fig = map_figure(svg, label=map_alt(map_svg, amap), linked=True)
    prints = "".join(f'<figure><img src="{escape(src)}" alt="{escape(alt)}"><figcaption>{escape(alt)}</figcaption></figure>' for src, alt in print_maps)
    return f"""<div class="reading">
<section class="article" aria-labelledby="article-title">
<h1 id="article-title">{escape(amap.source.title if amap.source else "")}</h1>
{_byline(amap)}
<p class="keyline no-print">Each quoted passage is marked by its row's type: {chips}. The small label before it is the row's id.
Click a passage (or its label) to find its box on the map; click a box to find its words here.</p>
{_paragraphs(amap)}
</section>
<section class="mapside" aria-label="The map">
{fig}
<div id="info" aria-live="polite"><p>Click a box or a marked passage to see the row, its quote and its place in the argument.</p></div>
</section>
</div>
<section class="print-maps" aria-label="The map, one branch per page">{prints}</section>
"""
