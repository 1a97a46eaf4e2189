"""Matplotlib charts of a map's structure and dated evidence, drawn without pyplot (saved by :mod:`argmap.draw.chart_files`)."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, cast

from argmap.core.counts import depth_counts, evidence_counts, paragraph_counts, type_counts
from argmap.core.dates import date_span
from argmap.core.model import ArgumentMap
from argmap.draw.mpl import plain, settings
from argmap.draw.style import GREY, GRID_DARK, NODE, OKABE_ITO, PALETTE, RULE, TEXT_MUTED, TEXT_SOFT, WHITE

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CHARTS",
    "CHART_RC",
    "OKABE_ITO",
    "TYPE_HATCH",
    "date_span",
    "dated_evidence_timeline",
    "depth_profile",
    "evidence_beneath_claims",
    "paragraph_profile",
    "plain",
    "rows_by_type",
    "shown_text",
]

#: A hatch per node type, so that stacked bars still read in a grey print.
TYPE_HATCH: dict[str, str] = {
    "thesis": "",
    "claim": "//",
    "evidence": "..",
    "prediction": "xx",
    "recommendation": "\\\\",
    "assumption": "oo",
    "objection": "++",
}
#: Colours and markers for the theses on the timeline: dark and distinct first.
_ROOT_STYLES = tuple(zip((OKABE_ITO[i] for i in (4, 5, 2, 6, 0, 1, 7)), ("o", "s", "D", "^", "v", "P", "X")))
#: Settings of the structure charts beyond the common ones (:mod:`argmap.draw.mpl`), whatever the user's matplotlibrc says.
CHART_RC: Any = {
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "hatch.linewidth": 0.8,
    "figure.dpi": 100,
    "text.hinting": "none",  # text scales exactly with dpi, so the fixed layout fits every output
}


def _rc() -> Any:
    return settings(CHART_RC)


def _figure(width: float, height: float) -> tuple[Figure, Axes]:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig, fig.add_subplot()


def _settle(fig: Figure) -> Figure:
    """Lay the figure out once, then fix that layout, so every later draw and save gives the same picture.

    The layout is what the first draw would compute (the constrained layout engine, run on its own): the draw
    itself is left to the save, which draws the figure anyway. The figure is left with no layout engine, not
    matplotlib's placeholder ("none"): a save draws a figure that has any engine twice, the first time only to
    lay it out.
    """
    with _rc():
        engine = fig.get_layout_engine()
        if engine is not None:
            engine.execute(fig)
        fig.set_layout_engine(None)  # no engine at all (under the default settings): a save draws the figure once
    return fig


def _colour(type_: str) -> str:
    return PALETTE[NODE.get(type_, NODE["claim"])["colour"]][0]


def _bar_style(type_: str) -> dict:
    return {"facecolor": _colour(type_), "hatch": TYPE_HATCH.get(type_, ""), "edgecolor": "white", "linewidth": 0.6}


def _types_legend(ax: Axes, types: Iterable[str], **kwargs) -> None:
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(label=t, **_bar_style(t)) for t in types], frameon=False, handleheight=1.4, handlelength=2.2, **kwargs)


def _stacked(ax: Axes, table) -> None:
    """Stack the columns (node types) of ``table`` over its index, with each bar's total on top."""
    import numpy as np

    x = np.arange(len(table.index))
    bottom = np.zeros(len(x))
    for t in table.columns:
        values = table[t].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, label=t, **_bar_style(t))
        bottom += values
    for xi, total in zip(x, bottom):
        ax.text(float(xi), float(total) + 0.15, f"{int(total)}", ha="center", va="bottom", fontsize=8, in_layout=False)
    ax.set_ylim(0, float(bottom.max(initial=0)) * 1.1 + 0.8)  # room for the totals


def rows_by_type(amap: ArgumentMap) -> Figure:
    """Horizontal bars: how many rows of each type, the author's plain and the analyst's (or a class's) hatched."""
    from matplotlib.patches import Patch

    table = type_counts(amap).drop(index="total").drop(columns="total")
    with _rc():
        fig, ax = _figure(6.4, 3.2)
        types = list(table.index)[::-1]
        left = [0.0] * len(types)
        handles = []
        for origin in table.columns:
            values = [float(table.loc[t, origin]) for t in types]
            plain = origin == "article"
            ax.barh(
                types,
                values,
                left=left,
                color=[_colour(t) if plain else "white" for t in types],
                edgecolor=[_colour(t) for t in types],
                hatch="" if plain else "///",
                linewidth=1,
            )
            left = [a + b for a, b in zip(left, values)]
            label = "from the article" if plain else f"added by {'the analyst' if origin == 'analyst' else origin}"
            handles.append(Patch(facecolor=RULE if plain else WHITE, edgecolor=TEXT_SOFT, hatch="" if plain else "///", label=label))
        for y, total in enumerate(left):
            ax.text(total + 0.3, y, f"{int(total)}", va="center", fontsize=8, in_layout=False)
        ax.set_xlim(0, max(left, default=0) * 1.08 + 1)  # room for the totals
        ax.legend(handles=handles, frameon=False, loc="lower right", handleheight=1.4, handlelength=2.2)
        ax.set_xlabel("rows")
        ax.set_title(f"Rows by type ({len(amap)} rows)")
    return _settle(fig)


def depth_profile(amap: ArgumentMap) -> Figure:
    """Stacked bars: rows at each depth below their root (0 = thesis), by type."""
    table = depth_counts(amap).drop(index="total").drop(columns="total")
    table = table.loc[:, table.sum() > 0]
    with _rc():
        fig, ax = _figure(6.4, 3.4)
        _stacked(ax, table)
        ax.set_xticks(range(len(table.index)), [str(d) for d in table.index])
        ax.set_xlabel("depth: steps from the row up to its root")
        ax.set_ylabel("rows")
        ax.set_title("How deep the argument goes")
        _types_legend(ax, table.columns, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return _settle(fig)


def evidence_beneath_claims(amap: ArgumentMap) -> Figure:
    """One bar per thesis, claim, prediction and recommendation: the evidence rows beneath it through supports."""
    from matplotlib.artist import Artist
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    table = evidence_counts(amap)
    n = len(table)
    with _rc():
        fig, ax = _figure(6.8, 0.9 + 0.19 * n)
        y = list(range(n))
        ax.barh(y, table["evidence"], color=[_colour(t) for t in table["type"]], edgecolor="white", linewidth=0.6)
        for bar, t in zip(ax.patches, table["type"]):
            bar.set_hatch(TYPE_HATCH.get(t, ""))
        zero = [i for i, v in enumerate(table["evidence"]) if v == 0]
        ax.plot([0] * len(zero), zero, linestyle="none", marker="x", color=TEXT_MUTED, markersize=4, label="no evidence beneath")
        ax.set_yticks(y, [f"{i} · {_short(amap[i].get('text', ''), EVIDENCE_LABEL)}" for i in table.index], fontsize=7)
        for i, t in enumerate(table["type"]):
            if t == "thesis" and i:
                ax.axhline(i - 0.5, color=GRID_DARK, linewidth=0.6)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlabel("evidence rows beneath (through supports only)")
        ax.set_title("Evidence beneath each claim")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        handles: list[Artist] = [Patch(label=t, **_bar_style(t)) for t in dict.fromkeys(table["type"])]
        handles.append(Line2D([], [], linestyle="none", marker="x", color=TEXT_MUTED, label="no evidence beneath"))
        ax.legend(handles=handles, frameon=False, loc="lower right", fontsize=8, handleheight=1.4, handlelength=2.2)
    return _settle(fig)


def paragraph_profile(amap: ArgumentMap) -> Figure:
    """Stacked bars: the article's rows per paragraph, by type — which paragraphs carry the argument."""
    table = paragraph_counts(amap).drop(columns="total")
    with _rc():
        fig, ax = _figure(6.4, 3.4)
        _stacked(ax, table)
        ax.set_xticks(range(len(table.index)), [f"¶{p}" for p in table.index])
        ax.set_xlabel("paragraph of the article")
        ax.set_ylabel("rows quoting it")
        ax.set_title("Which paragraphs carry the argument")
        _types_legend(ax, table.columns, loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    return _settle(fig)


def _short(text: str, width: int) -> str:
    return plain(textwrap.shorten(" ".join(text.split()), width, placeholder="…"))


#: How many characters of a row's text the charts show: the evidence chart's bars, the dated chart's rows and its roots.
EVIDENCE_LABEL, DATED_LABEL, ROOT_LABEL = 38, 56, 48


def shown_text(name: str, row: dict[str, str]) -> str:
    """What chart ``name`` shows of ``row``'s text (its shortened label), or "" when it shows none: the part of a text
    that a chart's cache key reads, so that editing words a chart cuts off does not draw it again.

    >>> shown_text("structure-evidence", {"text": "Armenia should sign the peace treaty as soon as the text is agreed"})
    'Armenia should sign the peace treaty…'
    >>> shown_text("structure-types", {"text": "Anything"})
    ''
    """
    text = row.get("text", "")
    if name == "structure-evidence":
        return _short(text, EVIDENCE_LABEL)
    if name == "structure-dated-evidence" and (row.get("date") or not row.get("parent")):
        return _short(text, DATED_LABEL) + "\n" + _short(text, ROOT_LABEL)
    return ""


def dated_evidence_timeline(amap: ArgumentMap, root: str | None = None) -> Figure:
    """The rows with a ``date`` (under ``root``, or all) on a timeline, coloured and marked by the thesis they serve.

    Partial dates are placed at the middle of their month or year, with a line across the period; a period
    still running when the article appeared ends at its publication.
    """
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.lines import Line2D

    keep = set(amap.subtree(root)) if root else set(amap.ids)
    published = str(amap.source.meta.get("published", "")) if amap.source is not None else ""
    until = date_span(published)[2] if published else None
    dated = [(date_span(r["date"], until), n, r) for n, r in enumerate(amap.rows) if r.get("date") and r["id"] in keep]
    dated.sort(key=lambda d: (d[0][1], d[1]))
    roots = list(dict.fromkeys(amap.root_of(r["id"]) for _, _, r in dated))
    style = {t: _ROOT_STYLES[k % len(_ROOT_STYLES)] for k, t in enumerate(roots)}
    with _rc():
        fig, ax = _figure(8.5, 1.4 + 0.3 * max(len(dated), 1))
        for y, ((start, mid, end), _, r) in enumerate(dated):
            colour, marker = style[amap.root_of(r["id"])]
            if start != end:
                ax.plot(cast(Any, [start, end]), [y, y], color=colour, linewidth=2.5, alpha=0.45, solid_capstyle="butt")
                ax.plot(cast(Any, [start, end]), [y, y], linestyle="none", marker="|", color=colour, markersize=7)
            ax.plot(cast(Any, [mid]), [y], marker=marker, color=colour, markeredgecolor="black", markeredgewidth=0.5, markersize=7, linestyle="none")
        if published:
            ax.axvline(cast(Any, date_span(published)[1]), color=GREY, linestyle="--", linewidth=1)
        ax.set_yticks(range(len(dated)), [f"{r['id']} · {_short(r.get('text', ''), DATED_LABEL)}" for _, _, r in dated], fontsize=7)
        ax.set_ylim(len(dated) - 0.5, -0.8)
        locator = AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        handles = [
            Line2D(
                [],
                [],
                marker=m,
                color=c,
                markeredgecolor="black",
                markeredgewidth=0.5,
                linestyle="none",
                label=f"under {t}: {_short(amap[t].get('text', ''), ROOT_LABEL)}",
            )
            for t, (c, m) in style.items()
        ]
        if published:
            handles.append(Line2D([], [], color=GREY, linestyle="--", label=plain(f"article published ({published})")))
        ax.legend(handles=handles, frameon=False, fontsize=7, loc="lower left")  # sorted by date, so this corner is empty
        where = f" under {root}" if root else ""
        ax.set_title(f"Dated events{where}, as the author reports them")
        caption = "Rows dated only by month or year are placed at the middle of that period, with a line across the period"
        caption += f"; a period running past publication is cut at {until.isoformat()}." if until else "."
        ax.set_xlabel("\n".join(textwrap.wrap(caption, 95)), fontsize=7, loc="left")
    return _settle(fig)


#: The structure charts ``write_charts`` writes, by file stem.
CHARTS: dict[str, Callable[[ArgumentMap], Figure]] = {
    "structure-types": rows_by_type,
    "structure-depth": depth_profile,
    "structure-evidence": evidence_beneath_claims,
    "structure-paragraphs": paragraph_profile,
    "structure-dated-evidence": dated_evidence_timeline,
}
