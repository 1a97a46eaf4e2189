"""The static reading site: the article beside its map, an overview, branch pages, search, and the notebooks as pages.

Everything is plain files that open from a clone, a static host or a USB stick (``file://``): no server, no CDN,
no build step for the reader. The build writes only into its output folder, records what it wrote in a manifest
(``.argmap-reader.json``), and on the next build removes only files listed there that it no longer writes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from pathlib import Path

from argmap.core.atomic import write_all
from argmap.core.errors import ArgmapError, read_text
from argmap.core.jsontext import parse_json
from argmap.core.manifest import folder_lock
from argmap.site.article import article_body, rows_js
from argmap.site.describe import map_alt, short
from argmap.site.notebook import notebook_body, notebook_summary, notebook_title
from argmap.site.overview import branch_body, branch_title, overview_body
from argmap.site.page import Link, page, type_css

__all__ = ["MANIFEST", "STATIC", "build_reader", "notebook_title", "read_manifest"]

#: The manifest of the files a build wrote, relative to the output folder.
MANIFEST = ".argmap-reader.json"
#: The vendored scripts and styles copied into ``static/`` (licences in ``argmap/site/static/LICENSES.md``).
STATIC = ("reader.css", "reader.js", "svg-pan-zoom.min.js", "svg-pan-zoom.LICENSE.txt", "LICENSES.md")


@dataclass
class _Site:
    out: Path
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, name: str, data: str | bytes) -> None:
        self.files[name] = data.encode("utf-8") if isinstance(data, str) else data


def read_manifest(out: Path) -> list[str]:
    """The files (relative paths) that the last build wrote into ``out``; empty when there is none."""
    path = out / MANIFEST
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ArgmapError(f"{path}: not a manifest written by argmap reader; remove it or choose another output folder") from None
    return [f for f in files if _safe(f)]


def _safe(rel: str) -> bool:
    """A manifest entry names a file inside the output folder (no absolute paths, no ``..``)."""
    p = Path(rel)
    return bool(rel) and not p.is_absolute() and ".." not in p.parts


def _check_inputs(notebooks: Path, figures: Path, claims: Path) -> None:
    for path, what in ((notebooks, "notebooks folder"), (figures, "figures folder")):
        if not path.is_dir():
            raise ArgmapError(f"{path}: {what} not found" if not path.exists() else f"{path}: is not a folder ({what} expected)")
    if not claims.is_file():
        raise ArgmapError(f"{claims}: claims file not found")
    if not (figures / "map.svg").is_file():
        raise ArgmapError(f"{figures / 'map.svg'}: the whole map is missing; run `argmap render` (or `make figures`) first")


def _check_output(out: Path, site: _Site, previous: list[str]) -> None:
    """Refuse before writing anything when a file we would write exists but was not written by us."""
    if out.exists() and not out.is_dir():
        raise ArgmapError(f"{out}: exists and is not a folder")
    ours = set(previous)
    for name in site.files:
        target = out / name
        if name == MANIFEST or name in ours:
            continue
        if target.is_symlink() or target.exists():
            raise ArgmapError(f"{target}: exists and was not written by argmap reader; move it away or choose another output folder")


def _nav(items: list[Link], i: int) -> tuple[Link | None, Link | None]:
    return (items[i - 1] if i > 0 else None, items[i + 1] if i + 1 < len(items) else None)


def _index_body(title: str, description: str, branches: list[tuple[str, str]], notebooks: list[tuple[Link, str]]) -> str:
    cards = "".join(
        f'<li><a href="{href}">{escape(name)}</a><p>{escape(what)}</p></li>'
        for href, name, what in (
            ("article.html", "The article beside its map", "Click a quoted passage to find its box; click a box to find its words."),
            ("overview.html", "Overview", "The theses with their main reasons; each branch opens in place."),
            ("notebooks.html", "The notebooks", "The analysis step by step, with the code folded away."),
            ("search.html", "Search", "Find a row by its id or any word of its text or quote."),
        )
    )
    blist = "".join(f'<li><a href="branch-{escape(b)}.html">{escape(t)}</a> <span class="keyline">({escape(b)})</span></li>' for b, t in branches)
    nlist = "".join(f'<li><a href="{escape(link.href)}">{escape(link.title)}</a></li>' for link, _ in notebooks)
    return (
        f'<h1>{escape(title)}</h1><p class="lead">{escape(description)}</p><ul class="cards">{cards}</ul>'
        f"<h2>Branches of the map</h2><ul>{blist}</ul><h2>Notebooks</h2><ol>{nlist}</ol>"
        "<h2>About this site</h2><p>Every page here is a plain file: it opens from a clone of the repository, a USB stick or any static web host, "
        "without Python and without a network. The maps pan and zoom with a mouse, the keyboard or a finger; "
        "<b>Presenter mode</b> (top right) enlarges the type for a projector; every page prints without controls.</p>"
    )


def _notebooks_body(notebooks: list[tuple[Link, str]]) -> str:
    items = "".join(
        f'<li><a href="{escape(link.href)}">{escape(link.title)}</a><br><span class="keyline">{escape(short(s, 220))}</span></li>' for link, s in notebooks
    )
    return f'<h1>The notebooks</h1><p class="lead">The analysis, one notebook per page, as last run; the code is folded away (each page has a button to show it).</p><ol>{items}</ol>'


def _search_body() -> str:
    return (
        '<h1>Search the rows</h1><form id="search-page" role="search"><label for="q">Id or words</label> '
        '<input type="search" id="q" name="q" autocomplete="off"> <button>Search</button></form>'
        '<p id="search-status" aria-live="polite"><noscript>Search needs JavaScript; the overview lists every row.</noscript></p><ol id="results"></ol>'
    )


def _static() -> dict[str, bytes]:
    base = resources.files("argmap.site") / "static"
    return {f"static/{name}": (base / name).read_bytes() for name in STATIC}


def _package(path: Path) -> dict:
    """The data package beside the claims (for the site's title); one line naming it when it is not a JSON object."""
    try:
        meta = parse_json(read_text(path, "data package", "datapackage.json", "save it as UTF-8"), str(path), what="the data package")
    except ArgmapError as e:
        raise ArgmapError(f"{e}; pass --title or fix the file") from None
    if not isinstance(meta, dict):
        raise ArgmapError(f"{path}: a data package is a JSON object with a 'title'; pass --title or fix the file")
    return meta


def _collect(notebooks: Path, figures: Path, claims: Path, out: Path, title: str | None) -> _Site:
    import argmap

    if title is None:
        package = claims.parent / "datapackage.json"
        meta = _package(package) if package.exists() else {}
        title, description = str(meta.get("title") or "argmap reader"), str(meta.get("description") or "")
    else:
        description = ""
    amap = argmap.load(claims)
    site = _Site(out)
    branch_ids = [b for b in amap.ids if (figures / f"branch-{b}.svg").is_file()]
    branches = set(branch_ids)
    site.add("static/types.css", type_css())
    for name, data in _static().items():
        site.add(name, data)
    site.add("rows.js", rows_js(amap, branches))
    scripts = ["rows.js"]

    nbs = sorted(notebooks.glob("[0-9]*.ipynb"))
    nb_links = [(Link(f"{nb.stem}.html", notebook_title(nb)), notebook_summary(nb)) for nb in nbs]
    titled = [(b, branch_title(amap, b)) for b in branch_ids]

    site.add("index.html", page(title, _index_body(title, description, titled, nb_links), site=title, current="index.html", scripts=scripts))
    map_svg = (figures / "map.svg").read_text(encoding="utf-8")
    prints = [(f"figures/branch-{b}.svg", f"{b}: {t}. " + map_alt((figures / f"branch-{b}.svg").read_text(encoding="utf-8"), amap)) for b, t in titled]
    site.add(
        "article.html",
        page(
            "The article beside its map", article_body(amap, map_svg, prints), site=title, current="article.html", scripts=scripts, main_class="wide", app=True
        ),
    )
    site.add(
        "overview.html",
        page(
            "Overview",
            overview_body(amap, branches, amap.source.title if amap.source else title),
            site=title,
            current="overview.html",
            scripts=scripts,
            main_class="wide",
        ),
    )
    blinks = [Link(f"branch-{b}.html", short(t, 60)) for b, t in titled]
    for i, (b, t) in enumerate(titled):
        prev, nxt = _nav(blinks, i)
        body = branch_body(amap, b, (figures / f"branch-{b}.svg").read_text(encoding="utf-8"), branches)
        site.add(f"branch-{b}.html", page(t, body, site=title, prev=prev, next=nxt, up=Link("overview.html", "Overview"), scripts=scripts))
    site.add("notebooks.html", page("The notebooks", _notebooks_body(nb_links), site=title, current="notebooks.html"))
    links = [link for link, _ in nb_links]
    for i, nb in enumerate(nbs):
        prev, nxt = _nav(links, i)
        site.add(
            links[i].href,
            page(links[i].title, notebook_body(nb, amap), site=title, prev=prev, next=nxt, up=Link("notebooks.html", "All notebooks"), scripts=scripts),
        )
    site.add("search.html", page("Search", _search_body(), site=title, current="search.html", scripts=scripts))
    for f in sorted(figures.glob("*.svg")):
        site.add(f"figures/{f.name}", f.read_bytes())
    site.add(".nojekyll", b"")
    return site


def build_reader(notebooks: Path, figures: Path, out: Path, title: str | None = None, claims: Path | None = None) -> int:
    """Build the reading site into ``out`` from the notebooks (as committed), the figures and the claims; returns files written.

    ``claims`` defaults to ``claims.csv`` beside the notebooks' folder, and the title to the ``title`` of the
    ``datapackage.json`` beside it. Refuses (:class:`ArgmapError`, nothing written) a missing input folder, or an
    output folder holding a file of the same name that an earlier build did not write. Files an earlier build wrote
    and this one does not are removed; nothing else in ``out`` is touched.
    """
    notebooks, figures, out = Path(notebooks), Path(figures), Path(out)
    claims = Path(claims) if claims is not None else notebooks.parent / "claims.csv"
    _check_inputs(notebooks, figures, claims)
    site = _collect(notebooks, figures, claims, out, title)
    with folder_lock(out, command="argmap reader"):
        previous = read_manifest(out) if out.is_dir() else []
        _check_output(out, site, previous)
        root = out.resolve()
        stale = [
            out / name
            for name in sorted(set(previous) - set(site.files))
            if (out / name).is_file() and not (out / name).is_symlink() and root in (out / name).resolve().parents  # never through a linked folder
        ]
        manifest = {"written_by": "argmap reader", "files": sorted(site.files)}
        files = {out / name: data for name, data in site.files.items()} | {out / MANIFEST: (json.dumps(manifest, indent=1) + "\n").encode("utf-8")}
        changed = write_all(files, remove=tuple(stale))  # every page, or (on a full disk, a read-only folder) none
        for path in stale:
            _prune(path.parent, out)
    return sum(changed.values())


def _prune(folder: Path, out: Path) -> None:
    """Remove ``folder`` and its parents up to ``out`` while they are empty (folders our files lived in)."""
    while folder != out and out in folder.parents:
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = folder.parent
