"""A timeline of the events the article cites and of those after it, drawn with matplotlib's Agg canvas (no pyplot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from argmap.core.atomic import write_if_changed
from argmap.core.dates import format_date, parse_date
from argmap.core.errors import ArgmapError
from argmap.draw.mpl import FORMATS, figure_bytes, plain, settings
from argmap.draw.style import GRID, INK, PALETTE, TEXT_SOFT

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["format_date", "label", "save_timeline", "timeline_bytes", "timeline_figure"]

#: The timeline's settings beyond the common ones (:mod:`argmap.draw.mpl`): its own SVG id salt.
_RC: Any = {"svg.hashsalt": "argmap-timeline"}

#: Colour (Okabe-Ito) and marker per kind; later events are hollow, so the two kinds differ in a grey print too.
_KINDS = {
    "cited": {"name": "Cited in the article", "colour": PALETTE["blue"][0], "fill": PALETTE["blue"][0], "marker": "o"},
    "later": {"name": "After the article", "colour": PALETTE["vermillion"][0], "fill": "white", "marker": "D"},
}
#: Labels sit on a white box, so the publication line and the grid pass behind them.
_BOX = {"boxstyle": "square,pad=0.12", "facecolor": "white", "edgecolor": "none"}


def label(event: str, date: str, width: int = 62) -> str:
    """The timeline label: the date in words and the event's headline (the part before its first ';').

    >>> label("European Political Community summit in Granada; Aliyev withdrew on 4 October", "2023-10-05")
    '5 Oct 2023 · European Political Community summit in Granada'
    """
    head = " ".join(event.split(";")[0].split())
    if len(head) > width:
        head = head[: width - 1].rsplit(" ", 1)[0] + "…"
    return f"{format_date(date)} · {head}"


def timeline_figure(
    events: pd.DataFrame, published: str | None = None, *, title: str = "What the article cites, and what came after", off_scale_years: int = 5
) -> Figure:
    """One row per event, oldest at the top: a marker at its start, a bar over its span, a short label.

    ``events`` is what :func:`argmap.events.load_events` returns; ``published`` (e.g. "2024-06", by default
    the source's metadata kept in ``events.attrs``) is drawn as a dashed line. Events more than
    ``off_scale_years`` before the rest are drawn at the left edge, marked as off the scale.
    """
    published = published or events.attrs.get("published") or None
    rows = sorted(events.to_dict("records"), key=lambda r: (r["start"] + (r["end"] - r["start"]) / 2, r["start"]))
    if not rows:
        raise ArgmapError("no events to draw")
    pub = parse_date(published) if published else None
    starts = [r["start"].date() for r in rows]
    anchor = pub[0] if pub else max(starts)
    near = [s for s in starts if s >= anchor - dt.timedelta(days=365 * off_scale_years)] or starts
    lo = mdates.date2num(min(near) - dt.timedelta(days=75))
    hi = mdates.date2num(max(r["end"].date() for r in rows) + dt.timedelta(days=75))
    mid = (lo + hi) / 2
    n = len(rows)
    with settings(_RC):
        fig = Figure(figsize=(11, 1.3 + 0.3 * n))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.02, 0.9 / (1.3 + 0.3 * n), 0.96, 0.3 * n / (1.3 + 0.3 * n)))
        for i, r in enumerate(rows):
            y = n - 1 - i
            k = _KINDS[r["kind"]]
            x0, x1 = mdates.date2num(r["start"].date()), mdates.date2num(r["end"].date() + dt.timedelta(days=1))
            text = plain(label(r["event"], r["date"]))
            if x1 < lo:
                ax.plot([lo], [y], marker="<", ms=7, color=k["colour"], mfc=k["fill"], mew=1.4, clip_on=False)
                ax.annotate(
                    text + " (off the scale)", (lo, y), xytext=(8, 0), textcoords="offset points", va="center", ha="left", fontsize=8, bbox=_BOX, zorder=4
                )
                continue
            if x1 - x0 > 2:
                ax.barh(y, x1 - x0, left=x0, height=0.42, color=k["fill"], edgecolor=k["colour"], linewidth=1.2, alpha=0.55 if k["fill"] != "white" else 1)
            ax.plot([x0], [y], marker=k["marker"], ms=6.5, color=k["colour"], mfc=k["fill"], mew=1.4, linestyle="none", zorder=5)
            right = x1 < mid
            ax.annotate(
                text,
                (x1 if right else x0, y),
                xytext=(7 if right else -7, 0),
                textcoords="offset points",
                va="center",
                ha="left" if right else "right",
                fontsize=8,
                bbox=_BOX,
                zorder=4,
            )
        handles = [
            Line2D([], [], linestyle="none", marker=k["marker"], ms=6.5, color=k["colour"], mfc=k["fill"], mew=1.4, label=k["name"])
            for kind, k in _KINDS.items()
            if any(r["kind"] == kind for r in rows)
        ]
        if pub:
            x = mdates.date2num(pub[0]) + (pub[1] - pub[0]).days / 2
            ax.axvline(x, color=INK, linestyle="--", linewidth=1.2)
            ax.annotate(
                f"Article published\n({format_date(str(published), long=True)})",
                (x, n - 0.4),
                xytext=(5, 0),
                textcoords="offset points",
                ha="left",
                va="top",
                fontsize=8,
                fontweight="bold",
            )
            handles.append(Line2D([], [], color=INK, linestyle="--", linewidth=1.2, label="Publication of the article"))
        ax.legend(handles=handles, loc="upper right", frameon=False, fontsize=8)
        ax.set_xlim(lo, hi)
        ax.set_ylim(-0.7, n - 0.3)
        ax.set_yticks([])
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
        ax.grid(axis="x", which="major", color=GRID, linewidth=0.8)
        ax.set_axisbelow(True)
        for side in ("left", "right", "top"):
            ax.spines[side].set_visible(False)
        fig.text(0.02, 1 - 0.25 / (1.3 + 0.3 * n), title, fontsize=12, fontweight="bold", va="top")
        fig.text(
            0.02,
            0.08 / (1.3 + 0.3 * n),
            "Each event has a public source in events.csv. Bars show spans of days, or the month when only the month is known.",
            fontsize=7,
            color=TEXT_SOFT,
        )
    return fig


def timeline_bytes(fig: Figure, fmt: str = "svg") -> bytes:
    """The figure as SVG, PNG or PDF bytes, the same on every run (no dates, fixed SVG ids)."""
    if fmt not in FORMATS:
        raise ArgmapError(f"unknown figure format {fmt!r}; choose from {', '.join(FORMATS)}")
    return figure_bytes(fig, fmt, _RC)


def save_timeline(fig: Figure, path: str | Path) -> bool:
    """Write the figure to ``path`` (format from its suffix) atomically, only if it changed; True if written."""
    path = Path(path)
    return write_if_changed(path, timeline_bytes(fig, path.suffix.lower().lstrip(".")))
