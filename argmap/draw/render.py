"""Drawing DOT text with the Graphviz libraries bundled in pygraphviz, and writing figures atomically."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError
from argmap.core.workers import exit_with_parent
from argmap.draw.fonts import use_bundled_fonts

__all__ = [
    "CAIRO_MAX",
    "FORMATS",
    "cpu_count",
    "layout_size",
    "quiet_stderr",
    "quiet_warnings",
    "render_dot",
    "render_many",
    "renderer_version",
]

FORMATS = ("svg", "png", "pdf", "dot")
#: Cairo's largest image side, in pixels (no PDF is drawn of a figure whose PNG would be larger).
CAIRO_MAX = 32767
_PDF_DATE = re.compile(rb"/CreationDate \(D:[0-9]{14}[^)]*\)")  # the bundled cairo ignores SOURCE_DATE_EPOCH
_NOISE = (b"Fontconfig warning", b"Fontconfig error")
#: Warnings that say nothing a user can act on: held back with -q (the PNG is scaled down to fit, as documented).
_QUIET_NOISE = (b"too large for cairo-renderer bitmaps",)
_quiet = False


def quiet_warnings() -> None:
    """Hold back, for the rest of the run, Graphviz's "too large for cairo" note and matplotlib's missing-glyph warnings (for -q)."""
    import warnings

    global _quiet
    _quiet = True
    warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from", category=UserWarning)


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Hold back C-level stderr, then pass on everything but the bundled fontconfig's warnings."""
    try:
        fd = sys.__stderr__.fileno() if sys.__stderr__ else 2
    except (AttributeError, OSError, ValueError):
        yield
        return
    saved = os.dup(fd)
    with tempfile.TemporaryFile() as tmp:
        os.dup2(tmp.fileno(), fd)
        try:
            yield
        finally:
            os.dup2(saved, fd)
            os.close(saved)
            tmp.seek(0)
            kept = [ln for ln in tmp.read().splitlines(keepends=True) if not ln.startswith(_NOISE) and not (_quiet and any(n in ln for n in _QUIET_NOISE))]
            if kept:
                sys.stderr.write(b"".join(kept).decode("utf-8", "replace"))


@contextlib.contextmanager
def _laid_out(dot: str, dpi: float | None = None) -> Iterator[tuple[Any, Any]]:
    """``dot`` parsed and laid out once by Graphviz's dot (bundled fonts, fontconfig noise held back), as
    (context, graph); the layout and context are freed on leaving. ``dpi`` is set on the parsed graph as its
    attribute, before the layout: the DOT text is never edited."""
    import pygraphviz
    from pygraphviz import graphviz as gv

    use_bundled_fonts()
    graph = pygraphviz.AGraph(string=dot)
    if dpi is not None:
        graph.graph_attr["dpi"] = str(dpi)
    gvc = gv.gvContextWithBuiltins()
    try:
        with quiet_stderr():
            if gv.gvLayout(gvc, graph.handle, b"dot"):
                raise ArgmapError("Graphviz could not lay out the map")
            try:
                yield gvc, graph
            finally:
                gv.gvFreeLayout(gvc, graph.handle)
    finally:
        gv.gvFreeContext(gvc)


def render_dot(dot: str, formats: Iterable[str] = ("svg",), *, png_max_px: int | None = None, dpi: float | None = None) -> dict[str, bytes]:
    """Lay ``dot`` out once with Graphviz's dot and render it in each format (``dot`` is the source itself).

    With ``png_max_px``, a PNG wider or taller than that many pixels is not drawn (left out of the result); a PDF
    of a drawing whose PNG would be beyond cairo's 32,767 pixels is never drawn. ``dpi`` sets the resolution
    of the PNG (Graphviz's default is 96).
    """
    formats = list(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ArgmapError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    out: dict[str, bytes] = {}
    drawn = [f for f in formats if f != "dot"]
    if drawn:
        from pygraphviz import graphviz as gv

        with _laid_out(dot, dpi) as (gvc, graph):
            if png_max_px is not None and "png" in drawn and max(_png_size(graph)) > png_max_px:
                drawn.remove("png")
            if "pdf" in drawn and max(_png_size(graph)) > CAIRO_MAX:  # as large as a PNG cairo cannot draw: no viewer opens such a page
                drawn.remove("pdf")
            for f in drawn:
                err, data = gv.gvRenderData(gvc, graph.handle, f.encode())
                if err:
                    raise ArgmapError(f"Graphviz could not render {f}")
                out[f] = _PDF_DATE.sub(rb"/CreationDate (D:19700101000000Z)", data) if f == "pdf" else data
    if "dot" in formats:
        out["dot"] = dot.encode("utf-8")
    return {f: out[f] for f in formats if f in out}


def cpu_count() -> int:
    """The cores this process may use (its CPU affinity where the system tells it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def renderer_version() -> str:
    """What a drawing depends on besides its DOT text: the Graphviz build, this module and the font set-up."""
    from importlib.metadata import PackageNotFoundError, version

    from argmap.draw.fonts import fontconfig_file

    try:
        gv = version("pygraphviz")
    except PackageNotFoundError:
        gv = "?"
    conf = os.environ.get("FONTCONFIG_FILE") or str(fontconfig_file())  # its name carries a digest of its content
    parts = [gv, conf, Path(__file__).read_text(encoding="utf-8"), Path(__file__).with_name("fonts.py").read_text(encoding="utf-8")]
    if "FONTCONFIG_FILE" in os.environ:  # the user's own file: its content counts
        with contextlib.suppress(OSError):
            parts.append(Path(conf).read_text(encoding="utf-8"))
    return "\n".join(parts)


def _render_job(job: tuple[str, tuple[str, ...], int | None]) -> dict[str, bytes]:
    dot, formats, png_max_px = job
    return render_dot(dot, formats, png_max_px=png_max_px)


def render_many(
    dots: Mapping[str, str],
    formats: Sequence[str],
    *,
    jobs: int | None = None,
    png_max_px: int | None = None,
    done: Callable[[str], None] | None = None,
) -> dict[str, dict[str, bytes]]:
    """:func:`render_dot` for each named DOT text, in a pool of ``jobs`` processes (default: one per core), biggest first.

    The results come back in the order of ``dots`` and are byte for byte those of drawing them one at a time;
    ``jobs=1`` draws them one at a time in this process. ``done(name)`` is called as each one finishes.
    """
    workers = min(jobs or cpu_count(), len(dots)) if any(f != "dot" for f in formats) else 1  # DOT alone is no work
    order = sorted(dots, key=lambda n: len(dots[n]), reverse=True)  # the longest DOT is the slowest layout: start it first
    out: dict[str, dict[str, bytes]] = {}
    if workers <= 1:
        for name in order:
            out[name] = render_dot(dots[name], formats, png_max_px=png_max_px)
            if done:
                done(name)
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        import pygraphviz  # noqa: F401  (imported once here, inherited by forked workers)

        use_bundled_fonts()
        methods = multiprocessing.get_all_start_methods()
        ctx = multiprocessing.get_context("fork" if "fork" in methods and sys.platform != "darwin" else None)
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_render_job, (dots[n], tuple(formats), png_max_px)): n for n in order}
            for fut in as_completed(futures):
                out[futures[fut]] = fut.result()
                if done:
                    done(futures[fut])
    return {name: out[name] for name in dots}


def layout_size(dot: str) -> tuple[int, int]:
    """The pixel size of ``dot``'s PNG at its dpi (96 unless set), from a layout alone (nothing rendered)."""
    with _laid_out(dot) as (_, graph):
        return _png_size(graph)


def _png_size(graph) -> tuple[int, int]:
    """The pixel size of a laid-out graph's PNG: its bounding box in points at the graph's dpi (96), plus the 4-point pad."""
    x0, y0, x1, y1 = (float(v) for v in (graph.graph_attr.get("bb") or "0 0 0 0").replace(",", " ").split())
    dpi = float(graph.graph_attr.get("dpi") or graph.graph_attr.get("resolution") or 96)
    return round((x1 - x0 + 8) * dpi / 72), round((y1 - y0 + 8) * dpi / 72)
