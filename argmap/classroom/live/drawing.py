"""What the pages show: the branch as the figures draw it (approved class rows in their group styles), the round's tally
as a bar chart, and the grounded outcome with the objections the class accepted.

All text reaching SVG or HTML here is escaped: Graphviz escapes the labels it writes, and the chart escapes its own.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from concurrent.futures import ProcessPoolExecutor
from html import escape

from argmap.classroom.live.session import Session
from argmap.classroom.ratings import VERDICTS, aggregate, outcome
from argmap.classroom.ratings_report import outcome_dot
from argmap.core.workers import exit_with_parent
from argmap.draw.drawing import to_dot
from argmap.draw.render import render_dot
from argmap.draw.style import VERDICT_BARS

__all__ = ["branch_svg", "inline", "outcome_view", "tally", "tally_svg"]

_PROLOG = re.compile(r"^.*?(?=<svg)", re.S)
#: Accept, unsure, reject as the class's charts colour them; each bar also carries its count as text.
BAR = {v: colour for v, (colour, _) in VERDICT_BARS.items()}


def inline(svg: bytes | str) -> str:
    """An SVG document as an element to put inside an HTML page (no XML prolog or doctype)."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    return _PROLOG.sub("", text, count=1)


_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


def render_svg(dot: str) -> bytes:
    """Graphviz's SVG of ``dot``, laid out in a worker process: a big branch takes seconds, and the server keeps
    answering students meanwhile (Graphviz holds the interpreter while it works)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=exit_with_parent, initargs=(os.getpid(),))
    return _POOL.submit(render_dot, dot, ("svg",)).result()["svg"]


def branch_svg(session: Session) -> str:
    """The branch under discussion with the approved class rows, drawn as ``argmap render --root`` draws it."""

    def make() -> str:
        amap = session.current_map()
        root = session.branch if session.branch in amap else None
        return inline(render_svg(to_dot(amap, root)))

    return session.cached("branch_svg", make)


def tally(session: Session) -> dict:
    """The current round: its rows and, per row, how many raters accept, are unsure, reject."""
    rnd = session.store.current_round()
    if rnd is None:
        return {"round": None, "open": False, "rows": []}
    import json

    amap = session.current_map()
    counts = {rid: dict.fromkeys(VERDICTS, 0) for rid in json.loads(rnd["rows"]) if rid in amap}
    raters = set()
    for r in session.store.ratings(rnd["seq"]):
        if r["row_id"] in counts:
            counts[r["row_id"]][r["verdict"]] += 1
            raters.add(r["student"])
    rows = [{"id": rid, "text": amap[rid].get("text", ""), **c} for rid, c in counts.items()]
    return {"round": rnd["seq"], "open": rnd["closed"] is None, "rows": rows, "raters": len(raters)}


def tally_svg(data: dict) -> str:
    """Horizontal stacked bars, one per row of the round: accept, unsure, reject, each with its count."""
    rows = data["rows"]
    if not rows:
        return '<p class="muted">No rating round yet.</p>'
    width, label, bar_h, gap = 640, 210, 22, 8
    height = 30 + len(rows) * (bar_h + gap)
    most = max([sum(r[v] for v in BAR) for r in rows] + [1])
    scale = (width - label - 10) / most
    state = "open" if data["open"] else "closed"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" class="tally" '
        f'aria-label="Round {data["round"]} ({state}): ratings per row">',
        f'<text x="0" y="16" font-size="14">Round {data["round"]} ({state}), {data.get("raters", 0)} raters: '
        f'<tspan fill="{BAR["accept"]}">■ accept</tspan> <tspan fill="{BAR["unsure"]}">■ unsure</tspan> <tspan fill="{BAR["reject"]}">■ reject</tspan></text>',
    ]
    for i, r in enumerate(rows):
        y = 28 + i * (bar_h + gap)
        text = r["text"] if len(r["text"]) <= 24 else r["text"][:23] + "…"
        out.append(f'<g class="bar" data-id="{escape(r["id"])}"><title>{escape(r["id"])}: {escape(r["text"])}</title>')
        out.append(f'<text x="0" y="{y + 15}" font-size="12"><tspan font-weight="bold">{escape(r["id"])}</tspan> {escape(text)}</text>')
        x = float(label)
        for verdict, colour in BAR.items():
            n = r[verdict]
            if n:
                w = n * scale
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}"><title>{verdict}: {n}</title></rect>')
                if w >= 16:
                    ink = "#000" if verdict == "unsure" else "#fff"  # the light grey bar takes dark text
                    out.append(f'<text x="{x + w / 2:.1f}" y="{y + 15}" font-size="12" fill="{ink}" text-anchor="middle" class="{verdict}">{n}</text>')
                x += w
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


def outcome_view(session: Session) -> dict:
    """The grounded outcome of the map with the class's rows: which class objections the class accepted in the current
    round, and the statements of the branch whose outcome then changes (one box each) (stands, falls: with what defeats it), with the branch
    drawn in those outcomes."""
    import pandas as pd

    amap = session.current_map()
    rnd = session.store.current_round()
    records = [
        {"rater": r["pseudonym"], "id": r["row_id"], "verdict": r["verdict"], "strength": r["strength"], "comment": r["comment"]}
        for r in (session.store.ratings(rnd["seq"]) if rnd is not None else [])
        if r["row_id"] in amap
    ]
    ratings = pd.DataFrame.from_records(records, columns=["rater", "id", "verdict", "strength", "comment"])
    ratings["strength"] = pd.to_numeric(ratings["strength"]).astype(float)
    table = aggregate(ratings, amap)
    df = outcome(amap, table)
    accepted = [
        i for i in table.index if table.at[i, "class verdict"] == "accept" and amap[i].get("type") == "objection" and amap[i].get("origin") != "article"
    ]
    shown = set(session.boxes())
    changed = [
        {
            "id": i,
            "text": amap[i].get("text", ""),
            "before": df.at[i, "without class objections"],
            "after": df.at[i, "with accepted objections"],
            "why": df.at[i, "why"],
        }
        for i in amap.one_per_statement(i for i in df.index if df.at[i, "changed"] and i in shown)
    ]
    root = session.branch if session.branch in amap else None
    svg = inline(render_svg(outcome_dot(amap, table, root)))
    return {"accepted": accepted, "changed": changed, "svg": svg}
