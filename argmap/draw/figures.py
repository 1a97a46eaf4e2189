"""Which figures a map gets (the whole map and its main branches), and writing them all or none."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import NamedTuple

from argmap.core.atomic import write_all
from argmap.core.cache import Memo, digest
from argmap.core.manifest import MANIFEST, folder_lock, manifest_bytes, read_manifest
from argmap.core.model import ArgumentMap
from argmap.core.output import check_folder
from argmap.draw.drawing import dot_lines, to_dot
from argmap.draw.render import CAIRO_MAX, FORMATS, layout_size, render_many, renderer_version

__all__ = ["CAIRO_MAX_PX", "PNG_MAX_PX", "Plan", "Written", "figure_links", "overview_depth", "plan_figures", "write_figures"]

#: The largest PNG drawn by default, in pixels either way. PNGs serve slides (every slide tool takes them; some take
#: no SVG): the article's branches are 1,838–4,467 px wide. The whole map, 10,363 px wide, is legible neither at 1:1
#: on a 4K screen nor scaled to a slide; its SVG (README, reader) and PDF (print) serve it. Cairo draws no PNG
#: beyond 32,767 px at all; handouts draw their own PNGs at print resolution.
PNG_MAX_PX = 8192
#: Cairo's largest image side.
CAIRO_MAX_PX = CAIRO_MAX


class Plan(Mapping[str, str]):
    """Figure name → DOT text, each built when asked for and not kept: a big map's figures need not all be in memory."""

    def __init__(self, amap: ArgumentMap, roots: dict[str, str | None], links: dict[str, str] | None = None) -> None:
        self._amap, self._roots, self._links = amap, roots, links

    def __getitem__(self, name: str) -> str:
        return to_dot(self._amap, self._roots[name], links=self._links)

    def lines(self, name: str) -> Iterator[str]:
        """The DOT text of figure ``name`` line by line, each made only when asked for (``"".join`` of them is ``self[name]``)."""
        return dot_lines(self._amap, self._roots[name], links=self._links)

    def __iter__(self) -> Iterator[str]:
        return iter(self._roots)

    def __len__(self) -> int:
        return len(self._roots)


def plan_figures(amap: ArgumentMap, root: str | None = None, depth: int | None = None) -> Mapping[str, str]:
    """Figure name → DOT text: ``map`` and ``branch-ID`` for each main branch, or just the one asked for."""
    links = figure_links(amap)
    if root is not None:
        suffix = f"-depth{depth}" if depth is not None else ""
        return {f"branch-{root}{suffix}": to_dot(amap, root, depth, links=links)}
    if depth is not None:
        return {f"map-depth{depth}": to_dot(amap, None, depth, links=links)}
    return Plan(amap, {"map": None} | {f"branch-{b}": b for b in amap.branches()}, links)


def overview_depth(amap: ArgumentMap, limit: int | None = None) -> int:
    """The most levels of the whole map that still fit ``limit`` pixels either way (cairo's, by default; 0: the roots)."""
    limit = limit or CAIRO_MAX_PX
    depth = 0
    while depth < 50 and max(layout_size(to_dot(amap, None, depth + 1))) <= limit and to_dot(amap, None, depth + 1) != to_dot(amap, None, depth):
        depth += 1
    return depth


def figure_links(amap: ArgumentMap) -> dict[str, str]:
    """Where each restated original is drawn: ``branch-B.svg#ID`` for the first (file-order) branch holding it,
    else ``map.svg#ID``; a restatement drawn in another figure links there.
    """
    home: dict[str, str] = {}
    wanted = {amap.statement_of(r) for r in amap.ids if amap.is_restatement(r)}
    for b in amap.branches():
        for i in amap.subtree(b):
            if i in wanted:
                home.setdefault(i, f"branch-{b}.svg#{i}")
    return {i: home.get(i, f"map.svg#{i}") for i in wanted}


class Written(NamedTuple):
    """What :func:`write_figures` did: files written and left unchanged, figures laid out and reused, figures left without
    a PNG, and figures too large for cairo (no PDF)."""

    written: int
    unchanged: int
    drawn: int = 0
    reused: int = 0
    no_png: tuple[str, ...] = ()
    too_big: tuple[str, ...] = ()  # figures whose PDF page would be beyond cairo's limit


def write_figures(
    figures: Mapping[str, str],
    folder: Path,
    formats: Sequence[str],
    *,
    progress: bool = False,
    prune: bool = False,
    jobs: int | None = None,
    png_max_px: int | None = PNG_MAX_PX,
) -> Written:
    """Render every changed figure in memory first (in parallel, see ``render_many``), then write the changed files.

    DOT alone is nothing to draw: each figure's DOT text is then made as it is written (from a :class:`Plan`, line by line),
    so the figures of a big map are never all in memory.

    A figure whose DOT text is unchanged and whose files are on disk as last drawn is not laid out again. A PNG larger
    than ``png_max_px`` is not drawn (the SVG and PDF hold the figure). With ``prune``, files of these formats that no
    longer belong to the map are removed: ``branch-*`` of branches that are gone, and a PNG now too large to draw; but only files
    an earlier run wrote (listed in the folder's manifest, :data:`argmap.core.manifest.MANIFEST`): a file of the user's is never touched.
    Files are written all or none, under the folder's lock (see :mod:`argmap.core.atomic` and :mod:`argmap.core.manifest`).
    """
    folder = check_folder(folder)
    memo, version = Memo("render"), renderer_version()
    paths = {name: {fmt: folder / f"{name}.{fmt}" for fmt in formats} for name in figures}
    kept: dict[str, dict[str, str] | None] = {}
    todo: dict[str, str] = {}
    keys: dict[str, str] = {}
    rendered: dict[Path, bytes | Iterator[bytes]] = {}
    dot_only = all(f == "dot" for f in formats)
    wrote = _ticker("written", len(figures), progress and dot_only)
    for name in figures:
        if dot_only:  # nothing to draw: each DOT is made as the one batch write below writes it, never held whole
            rendered.update({paths[name][f]: _encoded(figures, name, done=wrote) for f in formats})
            kept[name] = dict.fromkeys(formats, "")
            continue
        dot = figures[name]
        key = digest(dot, ",".join(formats), str(png_max_px), version)
        kept[name] = memo.fresh(key, paths[name])
        if kept[name] is not None:
            continue
        keys[name] = key
        todo[name] = dot
    drawn = render_many(todo, [f for f in formats if f != "dot"], jobs=jobs, png_max_px=png_max_px, done=_ticker("rendered", len(todo), progress))
    for name in todo:
        drawn[name] = {f: todo[name].encode("utf-8") if f == "dot" else drawn[name][f] for f in formats if f == "dot" or f in drawn[name]}
        rendered.update({paths[name][fmt]: data for fmt, data in drawn[name].items()})
    made = {name: set(kept[name] or ()) for name in figures} | {name: {f for f in formats if f == "dot" or f in drawn[name]} for name in todo}
    produced = {paths[name][fmt] for name in figures for fmt in made[name]}
    with folder_lock(folder, command="argmap render"):
        ours = read_manifest(folder)  # only files an earlier run wrote are ever removed
        stale: list[Path] = []
        if prune:
            for fmt in formats:
                if fmt in FORMATS:
                    stale += [folder / n for n in sorted(ours) if n.startswith("branch-") and n.endswith(f".{fmt}") and folder / n not in produced]
                    stale += [paths[n][fmt] for n in figures if fmt not in made[n] and paths[n][fmt].name in ours and paths[n][fmt].exists()]
        listed = {n for n in ours if folder / n not in stale and (folder / n).exists()} | {p.name for p in produced}
        changed = write_all({**rendered, folder / MANIFEST: manifest_bytes(listed, "render")}, remove=tuple(dict.fromkeys(stale)))
    written = sum(v for p, v in changed.items() if p.name != MANIFEST)
    for name, out in drawn.items():  # remembered only once written
        memo.remember(keys[name], out)
    no_png = tuple(n for n in figures if "png" in formats and "png" not in made[n])
    done = len(todo) + sum(1 for n in figures if dot_only and any(changed[p] for p in paths[n].values()))  # DOT alone: made anew if changed
    too_big = tuple(n for n in figures if "pdf" in formats and "pdf" not in made[n])
    return Written(written, len(produced) - written, done, len(figures) - done, no_png, too_big)


def _ticker(verb: str, total: int, progress: bool) -> Callable[[str], None]:
    """What counts figures as they are done, on one line of a terminal: ``rendered 3/17: branch-C5``."""
    count = iter(range(1, total + 1))
    show = progress and total > 1 and sys.stderr.isatty()

    def tick(name: str) -> None:
        if show:
            i = next(count)
            print(f"\r{verb} {i}/{total}: {name:<40}", end="" if i < total else "\n", file=sys.stderr, flush=True)

    return tick


def _encoded(figures: Mapping[str, str], name: str, lines: int = 4096, done: Callable[[str], None] | None = None) -> Iterator[bytes]:
    """Figure ``name``'s DOT text as UTF-8, a few thousand lines at a time when ``figures`` makes it line by line (a :class:`Plan`);
    ``done(name)`` is called when it has all been made."""
    if not isinstance(figures, Plan):
        yield figures[name].encode("utf-8")
    else:
        made = figures.lines(name)
        while block := list(islice(made, lines)):
            yield "".join(block).encode("utf-8")
    if done:
        done(name)
