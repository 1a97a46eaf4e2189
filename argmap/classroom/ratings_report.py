"""What ``argmap ratings`` writes: the per-row table, the map marked with the class verdict, the contested-rows chart, the grounded outcome.

The verdict and outcome maps keep every row's type (shape and border) and add marks of their own, never the row-type
colours: a fill from :data:`argmap.draw.style.MARKS` and a badge line under the row's text that says the mark in words
(the verdict with its counts, or whether the row stands or falls and which row defeats it), so colour is never the only cue.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from math import isnan
from pathlib import Path
from typing import TYPE_CHECKING, Any

from argmap.classroom.ratings import OUTCOMES, aggregate, by_rater, comments, most_contested, outcome
from argmap.core.atomic import write_all
from argmap.core.manifest import folder_lock
from argmap.core.model import ArgumentMap
from argmap.core.output import spreadsheet_safe
from argmap.draw.display import SVG
from argmap.draw.drawing import to_dot
from argmap.draw.render import render_dot
from argmap.draw.style import CONTESTED, MARKS, VERDICT_BARS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["common_root", "contested_chart", "outcome_dot", "outcome_map", "verdict_badge", "verdict_dot", "verdict_map", "write_report"]

#: Per class verdict: the mark it is drawn with, and its words in the badge and the legend.
_VERDICT = {
    "accept": ("holds", "class accepts", "class accepts (more than half)"),
    "split": ("split", "class split", "class split (no majority)"),
    "reject": ("falls", "class rejects", "class rejects (more than half)"),
    "not rated": ("faded", "", "not rated"),
}
#: Per grounded outcome: the mark it is drawn with, and its words in the legend.
_OUTCOME = {
    "stands": ("holds", "stands"),
    "undecided": ("split", "undecided (attacks in a cycle)"),
    "falls": ("falls", "falls (the badge says\nwhat defeats it)"),
    "left out": ("faded", "left out: an objection\nthe class did not accept"),
}
_BADGE_WIDTH = 34


def _num(table: pd.DataFrame, row: str, column: str) -> float:
    """One cell of the aggregate table as a float (NaN when empty)."""
    value: Any = table.at[row, column]
    return float("nan") if value is None or (isinstance(value, float) and isnan(value)) else float(value)


def common_root(amap: ArgumentMap, ids: Sequence[str]) -> str | None:
    """The nearest row that has every one of ``ids`` in its branch, or None when they lie under different roots.

    >>> m = ArgumentMap([{"id": "T", "parent": ""}, {"id": "A", "parent": "T"}, {"id": "B", "parent": "A"}, {"id": "C", "parent": "A"}])
    >>> common_root(m, ["B", "C"]), common_root(m, ["B", "T"]), common_root(m, [])
    ('A', 'T', None)
    """
    if not ids:
        return None
    chains = [[i, *amap.ancestors(i)] for i in ids]
    shared = set(chains[0]).intersection(*chains[1:])
    return next((i for i in chains[0] if i in shared), None)


def verdict_badge(accept: int, reject: int, unsure: int, verdict: str) -> str:
    """The badge line of a rated row: the class verdict in words and the raters' counts.

    >>> verdict_badge(18, 3, 4, "accept")
    'class accepts: ✓ 18 · ✗ 3 · ? 4'
    """
    return f"{_VERDICT[verdict][1]}: ✓ {accept} · ✗ {reject} · ? {unsure}"


def _marked(
    amap: ArgumentMap, root: str | None, looks: Mapping[str, Mapping[str, str]], badges: Mapping[str, str], key: Mapping[str, Mapping[str, str]]
) -> str:
    """DOT of the map (or the branch under ``root``) with each row's mark and badge given to the DOT builder."""
    return to_dot(amap, root, key=key, node_attrs=looks, badges=badges)


def verdict_dot(amap: ArgumentMap, table: pd.DataFrame, root: str | None = None, top: int = 5) -> str:
    """The map (or the branch under ``root``) marked with the class verdict: each rated row's fill and badge (its verdict
    and counts), unrated rows faded, and the ``top`` most contested rows drawn with a thick black border."""
    shown = amap.subtree(root) if root else amap.ids
    contested = set(most_contested(table, top))
    looks: dict[str, dict[str, str]] = {}
    badges: dict[str, str] = {}
    used: set[str] = set()
    marked = 0
    for i in shown:
        s = amap.statement_of(i)  # a restatement shows its statement's verdict
        verdict = str(table.at[s, "class verdict"]) if s in table.index else "not rated"
        used.add(verdict)
        looks[i] = dict(MARKS[_VERDICT[verdict][0]])
        if verdict != "not rated":
            accept, reject, unsure = (int(_num(table, s, v)) for v in ("accept", "reject", "unsure"))
            badges[i] = verdict_badge(accept, reject, unsure, verdict)
        if s in contested:
            looks[i].update(CONTESTED)
            marked += not amap.is_restatement(i)
    key: dict[str, Mapping[str, str]] = {_VERDICT[v][2]: MARKS[_VERDICT[v][0]] for v in _VERDICT if v in used}
    if marked:
        key[f"thick border: the {marked} most contested"] = {**MARKS["holds"], **CONTESTED}
    if badges:
        key["✓ accept · ✗ reject · ? unsure:\nhow many raters"] = {"shape": "plaintext", "style": ""}
    return _marked(amap, root, looks, badges, key)


def outcome_dot(amap: ArgumentMap, table: pd.DataFrame, root: str | None = None) -> str:
    """The map (or a branch) marked with each row's grounded outcome when the objections the class accepted hold: its
    fill and a badge saying whether it stands or falls, what defeats a row that falls, and what it was without the class's
    objections when that differs; other objections are left out (faded)."""
    result = outcome(amap, table)
    shown = amap.subtree(root) if root else amap.ids
    looks: dict[str, dict[str, str]] = {}
    badges: dict[str, str] = {}
    used: set[str] = set()
    for i in shown:
        status, why, was = (str(result.at[i, c]) for c in ("with accepted objections", "why", "without class objections"))
        used.add(status)
        looks[i] = dict(MARKS[_OUTCOME[status][0]])
        badge = f"{status}: {why}" if why else status
        if was != status and "left out" not in (was, status):
            badge += f" (was:\u00a0{was})"  # kept on one line
        badges[i] = "\n".join(textwrap.wrap(badge, _BADGE_WIDTH, break_on_hyphens=False))
    key: dict[str, Mapping[str, str]] = {_OUTCOME[s][1]: MARKS[_OUTCOME[s][0]] for s in OUTCOMES if s in used}
    return _marked(amap, root, looks, badges, key)


def verdict_map(amap: ArgumentMap, table: pd.DataFrame, root: str | None = None, top: int = 5) -> SVG:
    """:func:`verdict_dot` drawn, for a notebook cell."""
    return SVG(render_dot(verdict_dot(amap, table, root, top), ["svg"])["svg"].decode("utf-8"))


def outcome_map(amap: ArgumentMap, table: pd.DataFrame, root: str | None = None) -> SVG:
    """:func:`outcome_dot` drawn, for a notebook cell."""
    return SVG(render_dot(outcome_dot(amap, table, root), ["svg"])["svg"].decode("utf-8"))


def _short(text: str, width: int) -> str:
    from argmap.draw.mpl import plain

    return plain(textwrap.shorten(" ".join(text.split()), width, placeholder="…"))


def contested_chart(table: pd.DataFrame, n: int = 8) -> Figure:
    """Horizontal stacked bars of accept / unsure / reject shares for the ``n`` most contested rows, most contested on top."""
    from argmap.draw.mpl import settings

    with settings({"hatch.linewidth": 0.8}):
        return _bars(table, most_contested(table, n))


def _bars(table: pd.DataFrame, ids: list[str]) -> Figure:
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(7.6, 1.6 + 0.42 * max(len(ids), 1)), layout="constrained")
    ax = fig.add_subplot()
    for y, rid in enumerate(ids):
        left = 0.0
        for v in ("accept", "unsure", "reject"):
            share = _num(table, rid, v) / _num(table, rid, "raters")
            colour, hatch = VERDICT_BARS[v]
            ax.barh(y, share, left=left, color=colour, hatch=hatch, edgecolor="white", linewidth=0.6)
            if share >= 0.06:
                ax.text(
                    left + share / 2,
                    y,
                    str(int(_num(table, rid, v))),
                    ha="center",
                    va="center",
                    fontsize=8,
                    color="white" if v != "unsure" else "black",
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": colour, "edgecolor": "none"},
                )
            left += share
    ax.set_yticks(range(len(ids)), [f"{i} · {_short(str(table.at[i, 'text']), 42)}" for i in ids], fontsize=8)
    ax.set_ylim(max(len(ids), 1) - 0.5, -0.5)  # one empty band when no row is contested (equal limits are singular)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.set_xlabel("share of the row's raters (numbers in the bars: how many raters)")
    right = ax.twinx()
    right.set_ylim(ax.get_ylim())
    right.set_yticks(range(len(ids)), [f"{_num(table, i, 'disagreement'):.2f} · {_num(table, i, 'mean strength'):.1f}" for i in ids], fontsize=8)
    right.set_ylabel("disagreement · mean strength (1–5)", fontsize=8)
    for a in (ax, right):
        a.spines["top"].set_visible(False)
        a.tick_params(axis="y", length=0)
    if not ids:
        ax.text(0.5, 0, "no row is contested: no rated row has dissent between accept and reject", ha="center", va="center")
    ax.set_title("The most contested rows", fontsize=11, loc="left")
    handles = [Patch(facecolor=c, hatch=h, edgecolor="white", label=v) for v, (c, h) in VERDICT_BARS.items()]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, frameon=False, fontsize=8)
    return fig


def _csv(df: pd.DataFrame, index: bool = True) -> bytes:
    """The table as CSV for a teacher's spreadsheet: text cells that would start a formula are neutralised (see spreadsheet_safe)."""
    from pandas.api.types import is_numeric_dtype

    df = df.copy()
    for col in df.columns:
        if not is_numeric_dtype(df[col]):
            df[col] = df[col].map(spreadsheet_safe)
    if not is_numeric_dtype(df.index):
        df.index = df.index.map(spreadsheet_safe)
    df.columns = [spreadsheet_safe(c) for c in df.columns]
    buf = io.StringIO()
    df.to_csv(buf, index=index, float_format="%.3f", lineterminator="\n")
    return buf.getvalue().encode("utf-8")


def write_report(
    amap: ArgumentMap,
    ratings: pd.DataFrame,
    folder: str | Path,
    formats: Sequence[str] = ("svg", "png"),
    *,
    top: int = 5,
    root: str | None = None,
    show_raters: bool = False,
) -> dict[Path, bool]:
    """Write every output into ``folder``; returns each path and whether it changed. Names no rater unless ``show_raters``."""
    from argmap.draw.chart_files import figure_bytes

    folder = Path(folder)
    table = aggregate(ratings, amap)
    root = root or common_root(amap, list(table.index))
    files: dict[Path, bytes] = {
        folder / "rows.csv": _csv(table),
        folder / "outcome.csv": _csv(outcome(amap, table)),
        folder / "comments.csv": _csv(comments(ratings, amap, show_raters=show_raters), index=False),
    }
    if show_raters:
        files[folder / "raters.csv"] = _csv(by_rater(ratings))
    for name, dot in (("verdict-map", verdict_dot(amap, table, root, top)), ("outcome-map", outcome_dot(amap, table, root))):
        for fmt, data in render_dot(dot, formats).items():
            files[folder / f"{name}.{fmt}"] = data
    chart = contested_chart(table, max(top, 8))
    for fmt in formats:
        files[folder / f"contested.{fmt}"] = figure_bytes(chart, fmt)
    with folder_lock(folder, command="argmap ratings"):
        return write_all(files)
