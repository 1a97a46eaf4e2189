"""Matplotlib the same way for every chart: one font, one way to keep text as text, and figure bytes with no date,
no software version and fixed SVG ids, so a re-run gives the same file.

The structure charts (:mod:`argmap.draw.charts`), the timeline (:mod:`argmap.draw.timeline`) and the class's
contested chart (:mod:`argmap.classroom.ratings_report`) all draw and save through here. Imports nothing above
``argmap.core``; matplotlib itself is imported only when a figure is saved.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FONT", "FORMATS", "METADATA", "figure_bytes", "plain", "settings"]

#: The font every chart is drawn in (bundled with matplotlib, so it is there wherever argmap is installed).
FONT: dict[str, Any] = {"font.family": "DejaVu Sans", "font.size": 9}
#: How every chart is saved: text as paths in SVG, TrueType in PDF, SVG ids from a fixed salt.
_SAVE: dict[str, Any] = {"svg.fonttype": "path", "pdf.fonttype": 42, "svg.hashsalt": "argmap"}
#: Metadata left out of every file, so a file changes only when its picture does.
METADATA: dict[str, dict[str, None]] = {
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}
#: The formats a chart is saved in (known here without importing matplotlib, so a wrong file name is refused at once).
FORMATS: tuple[str, ...] = tuple(METADATA)


@contextmanager
def settings(extra: Mapping[str, Any] = MappingProxyType({})) -> Iterator[None]:
    """matplotlib's defaults, the font and the saving settings, then ``extra``: for drawing and saving a chart."""
    import matplotlib
    import matplotlib.style

    rc: Any = {**FONT, **_SAVE, **dict(extra)}
    with matplotlib.style.context("default"), matplotlib.rc_context(rc):
        yield


def figure_bytes(fig: Figure, fmt: str, extra: Mapping[str, Any] = MappingProxyType({}), **savefig: Any) -> bytes:
    """``fig`` as SVG, PNG or PDF bytes at 150 dpi, the same on every run."""
    buf = io.BytesIO()
    with settings(extra):
        fig.savefig(buf, format=fmt, metadata=METADATA.get(fmt), dpi=150, **savefig)
    return buf.getvalue()


def plain(text: str) -> str:
    r"""``text`` for a matplotlib label, shown as written: a ``$`` is a dollar sign, never the start of TeX math.

    >>> plain("Lanes cost $5 million, not $10 million")
    'Lanes cost \\$5 million, not \\$10 million'
    """
    return text.replace("$", r"\$")
