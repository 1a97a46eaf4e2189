"""The overview (theses with their main reasons, each branch folded) and one page per branch, titled in words."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from argmap.site.article import row_data
from argmap.site.describe import map_alt, plural, short
from argmap.site.page import inline_svg, map_figure

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["branch_body", "branch_title", "overview_body"]


def branch_title(amap: ArgumentMap, id_: str) -> str:
    """A branch's title in words: its root's text (a restatement's is its original's).

    >>> from argmap.core.model import ArgumentMap
    >>> branch_title(ArgumentMap([{"id": "T1", "type": "thesis", "text": "Talks stall", "parent": "", "origin": "article"}]), "T1")
    'Talks stall'
    """
    row = amap[id_]
    text = row.get("text", "")
    if not text and row.get("same_as") in amap:
        text = amap[row["same_as"]].get("text", "")
    return text or id_


def _rel(relation: str) -> str:
    return f'<span class="rel-{escape(relation)}">{escape(relation)}</span> ' if relation and relation != "supports" else ""


def _item(data: dict, i: str) -> str:
    r = data[i]
    ref = f" (restates {escape(r['same_as'])})" if r["same_as"] else ""
    who = "" if r["origin"] == "article" else f" <i>(added by {'the analyst' if r['origin'] == 'analyst' else escape(r['origin'])})</i>"
    return f'{_rel(r["relation"])}<span class="tag t-{escape(r["type"])}">{escape(r["type"])}</span> <b>{escape(i)}</b> {escape(r["text"])}{ref}{who}'


def _tree(amap: ArgumentMap, data: dict, id_: str, prefix: str = "") -> str:
    kids = amap.children(id_)
    if not kids:
        return ""
    return "<ul>" + "".join(f'<li id="{prefix}{escape(k)}">{_item(data, k)}{_tree(amap, data, k, prefix)}</li>' for k in kids) + "</ul>"


def _reason(amap: ArgumentMap, data: dict, ids: list[str], branches: set[str]) -> str:
    """One main reason: a row (or linked co-premises) with its branch folded and a link to the branch page."""
    out = []
    for i in ids:
        r = data[i]
        below = len(amap.subtree(i)) - 1
        links = []
        if i in branches:
            links.append(f'<a href="branch-{escape(i)}.html">Branch page: {escape(short(r["text"], 50))}</a>')
        if r["quote"] or r["same_as"]:
            links.append(f'<a href="article.html#{escape(i)}">In the article</a>')
        fold = f"<details><summary>Open in place: {plural(below, 'row')} beneath</summary>{_tree(amap, data, i)}</details>" if below else ""
        more = f'<div class="more">{" · ".join(links)}</div>' if links else ""
        out.append(f'<div id="{escape(i)}" class="reason"><span class="rtext">{_item(data, i)}</span>{fold}{more}</div>')
    linked = '<span class="more">Linked reason (these work only together):</span>' if len(ids) > 1 else ""
    type_ = data[ids[0]]["type"]
    return f'<li class="t-{escape(type_)}">{linked}{"".join(out)}</li>'


def _reasons(amap: ArgumentMap, id_: str) -> list[list[str]]:
    """The children of ``id_`` as reasons: rows sharing a ``group`` under it form one linked reason."""
    groups: dict[str, list[str]] = {}
    out: list[list[str]] = []
    for c in amap.children(id_):
        g = amap[c].get("group", "")
        if g and g in groups:
            groups[g].append(c)
            continue
        out.append([c])
        if g:
            groups[g] = out[-1]
    return out


def overview_body(amap: ArgumentMap, branches: set[str], title: str) -> str:
    """The overview: one card per thesis (root), its main reasons, each branch folded to one line that opens in place."""
    data = row_data(amap, branches)
    cards = []
    for t in amap.roots():
        r = data[t]
        reasons = "".join(_reason(amap, data, ids, branches) for ids in _reasons(amap, t))
        link = f'<p class="more"><a href="branch-{escape(t)}.html">The map of this thesis</a> · <a href="article.html#{escape(t)}">In the article</a></p>'
        cards.append(
            f'<section class="thesis-card t-{escape(r["type"])}" id="{escape(t)}" aria-labelledby="h-{escape(t)}">'
            f'<h2 id="h-{escape(t)}"><span class="tid">{escape(t)} · {escape(r["type"])}</span>{escape(r["text"])}</h2>'
            f'{link}<ul class="reasons">{reasons}</ul></section>'
        )
    n = len(amap)
    return (
        f"<h1>Overview: the argument in {plural(len(amap.roots()), 'thesis')}</h1>"
        f'<p class="lead">{escape(title)}: the author\'s main conclusions with the reasons he gives for each '
        f"({n} rows in all). Each reason's branch is folded: open it here, or go to its branch page with the drawn map. "
        f'The whole map, beside the article, is on <a href="article.html">Article &amp; map</a>.</p>'
        f'<div class="theses">{"".join(cards)}</div>'
    )


def branch_body(amap: ArgumentMap, id_: str, svg: str, branches: set[str]) -> str:
    """A branch page: its title in words, where it sits, its map (linked to the rows) and its rows as text."""
    data = row_data(amap, branches)
    r = data[id_]
    parent = r["parent"]
    place = (
        f'<p class="lead">{escape(id_)}, a {escape(r["type"])}, {escape(r["relation"] or "supports")} '
        f'<a href="{"branch-" + escape(parent) + ".html" if parent in branches else "overview.html#" + escape(parent)}">{escape(parent)}</a>: '
        f"{escape(data[parent]['text'])}</p>"
        if parent
        else f'<p class="lead">{escape(id_)} is one of the author\'s main conclusions ({escape(r["type"])}).</p>'
    )
    alt = map_alt(svg, amap)
    fig = map_figure(
        inline_svg(svg, label=f"Map of the branch {branch_title(amap, id_)}", rows=amap.ids, role="group"),
        label=alt,
        caption=escape(alt),
        linked=True,
        fit_height=True,
    )
    rows = f'<h2>The rows of this branch, as text</h2><ul><li id="row-{escape(id_)}">{_item(data, id_)}{_tree(amap, data, id_, "row-")}</li></ul>'
    return (
        f'<p class="keyline">Branch {escape(id_)} · {escape(r["type"])}</p><h1>{escape(branch_title(amap, id_))}</h1>{place}{fig}'
        f'<div id="info" aria-live="polite"><p>Click a box to see its quote and its place in the argument.</p></div>{rows}'
    )
