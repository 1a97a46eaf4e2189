"""The structure charts as files: SVG, PNG or PDF bytes that are the same on every run, and ``write_charts``, which
draws only the charts whose inputs changed (a content cache) and writes them all or none.

The charts themselves are drawn by :mod:`argmap.draw.charts`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.core.atomic import write_all, write_if_changed
from argmap.core.cache import Memo, digest
from argmap.core.manifest import folder_lock
from argmap.core.model import ArgumentMap
from argmap.draw.charts import CHART_RC, CHARTS, shown_text
from argmap.draw.mpl import METADATA
from argmap.draw.mpl import figure_bytes as mpl_bytes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["figure_bytes", "save", "write_charts"]


def _bytes(fig: Figure, fmt: str) -> bytes:
    """The figure as SVG, PNG or PDF bytes with no date or software version in it."""
    return mpl_bytes(fig, fmt, CHART_RC, facecolor="white")


def figure_bytes(fig: Figure, fmt: str) -> bytes:
    """The chart as SVG, PNG or PDF bytes, the same on every run."""
    return _bytes(fig, fmt)


def save(fig: Figure, path: str | Path) -> bool:
    """Write ``fig`` to ``path`` (SVG, PNG or PDF, by suffix) with no date or software version in it; True if the file changed."""
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in METADATA:
        raise ValueError(f"{path}: save charts as .svg, .png or .pdf")
    return write_if_changed(path, _bytes(fig, fmt))


def _reads(amap: ArgumentMap, name: str) -> str:
    """What chart ``name`` reads of the map: the rows without the words it never shows (quotes and notes always; of a
    text, only the shortened label the chart draws, see :func:`argmap.draw.charts.shown_text`) and the publication date."""
    rows = [{k: v for k, v in r.items() if k not in ("quote", "note", "text")} | {"text": shown_text(name, r)} for r in amap.rows]
    published = str(amap.source.meta.get("published", "")) if amap.source is not None else ""
    return json.dumps([rows, published], sort_keys=True, ensure_ascii=False)


def _code_version() -> str:
    from importlib.metadata import version

    here = Path(__file__).parent
    parts = [
        here / "charts.py",
        here / "chart_files.py",
        here / "mpl.py",
        here.parent / "core" / "counts.py",
    ]  # the charts, how they are saved, what they count
    return "\n".join([version("matplotlib"), *(p.read_text(encoding="utf-8") for p in parts)])


def write_charts(amap: ArgumentMap, folder: str | Path, formats: Sequence[str] = ("svg",)) -> tuple[int, int]:
    """Draw every chart in :data:`CHARTS` first, then write ``folder/structure-*.FORMAT``; returns (written, unchanged).

    A chart whose inputs (what it reads of the map, and the code) are unchanged and whose files are on disk as last
    drawn is not drawn again; when none changed, matplotlib is not even imported.
    """
    memo, code = Memo("charts"), _code_version()
    rendered, kept = {}, 0
    for name, chart in CHARTS.items():
        paths = {fmt: Path(folder) / f"{name}.{fmt}" for fmt in formats}
        key = digest(name, ",".join(formats), code, _reads(amap, name))
        if memo.fresh(key, paths):
            kept += len(paths)
            continue
        fig = chart(amap)
        out = {fmt: _bytes(fig, fmt) for fmt in formats}
        rendered.update({paths[fmt]: data for fmt, data in out.items()})
        memo.remember(key, out)
    with folder_lock(folder, command="argmap charts"):
        written = sum(write_all(rendered).values())
    return written, len(rendered) - written + kept
