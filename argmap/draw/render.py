"""Drawing DOT text with the Graphviz libraries bundled in pygraphviz, and writing figures atomically."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from argmap.core.errors import ArgmapError
from argmap.draw.fonts import use_bundled_fonts

__all__ = ["FORMATS", "quiet_stderr", "render_dot", "write_if_changed"]

FORMATS = ("svg", "png", "pdf", "dot")
_PDF_DATE = re.compile(rb"/CreationDate \(D:[0-9]{14}[^)]*\)")  # the bundled cairo ignores SOURCE_DATE_EPOCH
_NOISE = (b"Fontconfig warning", b"Fontconfig error")


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
            kept = [ln for ln in tmp.read().splitlines(keepends=True) if not ln.startswith(_NOISE)]
            if kept:
                sys.stderr.write(b"".join(kept).decode("utf-8", "replace"))


def render_dot(dot: str, formats: Iterable[str] = ("svg",)) -> dict[str, bytes]:
    """Lay ``dot`` out once with Graphviz's dot and render it in each format (``dot`` is the source itself)."""
    formats = list(formats)
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ArgmapError(f"unknown format {bad[0]!r}; choose from {', '.join(FORMATS)}")
    out: dict[str, bytes] = {}
    drawn = [f for f in formats if f != "dot"]
    if drawn:
        import pygraphviz
        from pygraphviz import graphviz as gv

        use_bundled_fonts()
        graph = pygraphviz.AGraph(string=dot)
        gvc = gv.gvContextWithBuiltins()
        try:
            with quiet_stderr():
                if gv.gvLayout(gvc, graph.handle, b"dot"):
                    raise ArgmapError("Graphviz could not lay out the map")
                for f in drawn:
                    err, data = gv.gvRenderData(gvc, graph.handle, f.encode())
                    if err:
                        raise ArgmapError(f"Graphviz could not render {f}")
                    out[f] = _PDF_DATE.sub(rb"/CreationDate (D:19700101000000Z)", data) if f == "pdf" else data
                gv.gvFreeLayout(gvc, graph.handle)
        finally:
            gv.gvFreeContext(gvc)
    if "dot" in formats:
        out["dot"] = dot.encode("utf-8")
    return {f: out[f] for f in formats}


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically, only if it differs; True if the file was written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True
