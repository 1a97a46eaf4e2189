"""The reader's page shell (header, navigation, pager) and the SVG helpers every page shares."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import NamedTuple

from argmap.draw.style import NODE, PALETTE

__all__ = ["Link", "inline_svg", "map_figure", "page", "svg_nodes", "type_css"]

_NO_ICON = '<link rel="icon" href="data:,">'


class Link(NamedTuple):
    """A page of the site: file name and title in words."""

    href: str
    title: str


#: The site's sections, in the header of every page.
SECTIONS = (
    Link("index.html", "Home"),
    Link("article.html", "Article & map"),
    Link("overview.html", "Overview"),
    Link("notebooks.html", "Notebooks"),
    Link("search.html", "Search"),
)


def type_css() -> str:
    """CSS custom properties giving each node type its map colours (border, fill), from argmap.draw.style.

    >>> ".t-thesis{--type-border:#0072B2;--type-fill:#CCE3F0}" in type_css()
    True
    """
    out = []
    for t, spec in NODE.items():
        border, fill = PALETTE[spec["colour"]]
        out.append(f".t-{t}{{--type-border:{border};--type-fill:{fill}}}")
    return "\n".join(out) + "\n"


def page(
    title: str,
    body: str,
    *,
    site: str,
    current: str = "",
    prev: Link | None = None,
    next: Link | None = None,
    up: Link | None = None,
    scripts: Sequence[str] = (),
    main_class: str = "",
    app: bool = False,
) -> str:
    """A whole HTML page: head, header with navigation and search, ``body`` as main, and a pager.

    >>> html = page("A <b>", "<p>x</p>", site="S", current="search.html", next=Link("b.html", "B"))
    >>> "<title>A &lt;b&gt; · S</title>" in html and 'aria-current="page">Search' in html and 'rel="next"' in html
    True
    """
    nav = "".join(
        f'<li><a href="{s.href}"{" aria-current=" + chr(34) + "page" + chr(34) if s.href == current else ""}>{escape(s.title)}</a></li>' for s in SECTIONS
    )
    pager = []
    if prev:
        pager.append(f'<a rel="prev" href="{escape(prev.href)}">← {escape(prev.title)}</a>')
    if up:
        pager.append(f'<a href="{escape(up.href)}">↑ {escape(up.title)}</a>')
    if next:
        pager.append(f'<a rel="next" href="{escape(next.href)}">{escape(next.title)} →</a>')
    pager_html = f'<nav class="pager" aria-label="Previous and next">{"".join(pager)}</nav>' if pager else ""
    tags = "".join(f'<script src="{escape(s)}"></script>' for s in ("static/svg-pan-zoom.min.js", *scripts, "static/reader.js"))
    cls = f' class="{main_class}"' if main_class else ""
    full = escape(title if title == site else f"{title} · {site}")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{full}</title>{_NO_ICON}
<link rel="stylesheet" href="static/reader.css"><link rel="stylesheet" href="static/types.css">
{tags}
</head>
<body{' class="app"' if app else ""}>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
<a class="brand" href="index.html">{escape(site)}</a>
<nav aria-label="Site"><ul>{nav}</ul></nav>
<form action="search.html" role="search"><input type="search" name="q" aria-label="Search rows by id or word" placeholder="Search rows"><button>Search</button></form>
<button type="button" class="present-toggle" aria-pressed="false" title="Larger type for a projector">Presenter mode</button>
</header>
<main id="main"{cls}>
{body}
</main>
{pager_html}
</body></html>
"""


_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.S)
_SIZE = re.compile(r'(<svg\b[^>]*?)\s(?:width|height)="[^"]*"')
_NODE = re.compile(r'<g id="([^"]+)" class="node([^"]*)"')


def svg_nodes(svg: str) -> list[tuple[str, str]]:
    """(id, classes) of every node group in a Graphviz SVG: the row ids drawn, with their type and origin classes.

    >>> svg_nodes('<g id="T1" class="node thesis article"><g id="node9" class="node">')
    [('T1', 'thesis article'), ('node9', '')]
    """
    return [(m.group(1), m.group(2).strip()) for m in _NODE.finditer(svg)]


def inline_svg(svg: str, *, label: str, prefix: str = "", rows: Sequence[str] = (), role: str = "img") -> str:
    """A Graphviz SVG ready to sit inside an HTML page.

    Drops the XML prologue and the fixed size (the pane sizes it), names it for assistive technology with
    ``label`` (as an image, or with ``role="group"`` as a group whose boxes can be clicked), and marks each node that is a row of the map (``rows``) with ``data-row``. With ``prefix``,
    every id and same-figure link gets the prefix, so several figures can share one page.

    >>> out = inline_svg('<?xml?><svg width="9pt" height="9pt" viewBox="0 0 9 9"><g id="A" class="node claim"></g></svg>', label="x", rows=["A"], prefix="f1-")
    >>> out.startswith('<svg role="img" aria-label="x" viewBox') and '<g id="f1-A" data-row="A" class="node claim">' in out
    True
    """
    svg = _PROLOGUE.sub("", svg, count=1)
    svg = _SIZE.sub(r"\1", svg, count=1)
    svg = _SIZE.sub(r"\1", svg, count=1)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.S)
    known = set(rows)

    def node(m: re.Match[str]) -> str:
        data = f' data-row="{m.group(1)}"' if m.group(1) in known else ""
        return f'<g id="{prefix}{m.group(1)}"{data} class="node{m.group(2)}"'

    svg = _NODE.sub(node, svg)
    if prefix:
        svg = re.sub(r'\sid="(?!' + re.escape(prefix) + r')([^"]+)"', lambda m: f' id="{prefix}{m.group(1)}"', svg)
        svg = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}{m.group(1)}"', svg)
        svg = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", svg)
    svg = re.sub(r'href="(branch-[^".]+)\.svg(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', svg)
    return svg.replace("<svg", f'<svg role="{role}" aria-label="{escape(label)}"', 1)


def map_figure(svg: str, *, label: str, caption: str = "", linked: bool = False, fit_height: bool = False) -> str:
    """An inline SVG map in a pan-and-zoom pane with its buttons, keyboard help and caption.

    With ``fit_height`` the pane takes the map's proportions (within limits the stylesheet sets).
    """
    tools = (
        '<div class="map-tools"><button type="button" data-act="in" aria-label="Zoom in">+</button>'
        '<button type="button" data-act="out" aria-label="Zoom out">−</button>'
        '<button type="button" data-act="fit" aria-label="Fit the map to the pane">Fit</button></div>'
    )
    cls = "map-wrap linked" if linked else "map-wrap"
    box = re.search(r'viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"', svg)
    style = f' style="--ar:{float(box.group(1)):.0f} / {float(box.group(2)):.0f}"' if fit_height and box else ""
    pane = f'<div class="{cls}">{tools}<div class="map-pane"{style} tabindex="0" role="group" aria-label="{escape("Map: " + label)}">{svg}</div></div>'
    help_ = '<p class="map-help">Drag to pan; wheel, pinch or the buttons to zoom; on the focused map: arrow keys pan, + and − zoom, 0 fits.</p>'
    cap = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure class="map">{pane}{help_}{cap}</figure>'
