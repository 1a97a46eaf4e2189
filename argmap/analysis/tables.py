"""Tables of a map for notebooks: rows per paragraph, recommendations, their chains of reasons and their unstated assumptions."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from argmap.analysis.reading import quote_spans
from argmap.draw.style import NODE

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["assumptions_for", "recommendation_paths", "recommendation_summary", "recommendations", "rows_per_paragraph", "support_chains", "unquoted_sentences"]

_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|(?<=[.?!][”\"’])\s+")


def _example() -> ArgumentMap:
    """A five-row map with a source, for the doctests here."""
    from pathlib import Path

    from argmap.core.model import ArgumentMap
    from argmap.core.source import Source

    src = Source(path=Path("op-ed.txt"), paragraphs=("Build lanes now. They are cheap.", "Injuries fell by a third. Trust me."))
    rows = [
        {
            "id": "R1",
            "type": "recommendation",
            "text": "Build lanes",
            "quote": "Build lanes now",
            "paragraph": "1",
            "parent": "",
            "relation": "",
            "group": "",
            "origin": "article",
            "certainty": "",
        },
        {
            "id": "C1",
            "type": "claim",
            "text": "Lanes are cheap",
            "quote": "They are cheap.",
            "paragraph": "1",
            "parent": "R1",
            "relation": "supports",
            "group": "g1",
            "origin": "article",
            "certainty": "",
        },
        {
            "id": "A1",
            "type": "assumption",
            "text": "Cheap things are worth doing",
            "quote": "",
            "paragraph": "",
            "parent": "R1",
            "relation": "supports",
            "group": "g1",
            "origin": "analyst",
            "certainty": "",
        },
        {
            "id": "C2",
            "type": "claim",
            "text": "Lanes are safe",
            "quote": "",
            "paragraph": "",
            "parent": "R1",
            "relation": "supports",
            "group": "",
            "origin": "analyst",
            "certainty": "",
        },
        {
            "id": "E1",
            "type": "evidence",
            "text": "Injuries fell",
            "quote": "Injuries fell by a third.",
            "paragraph": "2",
            "parent": "C2",
            "relation": "supports",
            "group": "",
            "origin": "article",
            "certainty": "",
        },
    ]
    return ArgumentMap(rows, source=src)


def rows_per_paragraph(amap: ArgumentMap) -> pd.DataFrame:
    """How many rows quote each body paragraph, by type, with a total; paragraphs with no row show zeros.

    >>> t = rows_per_paragraph(_example())
    >>> list(t.columns), t.to_dict("index")
    (['claim', 'evidence', 'recommendation', 'total'], {1: {'claim': 1, 'evidence': 0, 'recommendation': 1, 'total': 2}, 2: {'claim': 0, 'evidence': 1, 'recommendation': 0, 'total': 1}})
    """
    df = amap.frame
    quoted = df[df["paragraph"].notna()] if "paragraph" in df else df.iloc[0:0]
    n = len(amap.source.paragraphs) if amap.source is not None else (int(quoted["paragraph"].max()) if len(quoted) else 0)
    types = [t for t in NODE if t in set(quoted["type"])] + sorted(set(quoted["type"]) - set(NODE))
    table = pd.crosstab(quoted["paragraph"].astype(int), quoted["type"]).reindex(index=range(1, n + 1), columns=types, fill_value=0)
    table["total"] = table.sum(axis=1)
    table.index.name, table.columns.name = "¶", None
    return table.astype(int)


def _step(amap: ArgumentMap, id_: str) -> str:
    return f"{id_}: {amap[id_].get('text', '')}"


def support_chains(amap: ArgumentMap, id_: str) -> list[list[str]]:
    """Every chain of supporting rows from ``id_`` down to a row with no supporting row beneath it.

    A restated row's chain goes on beneath its original (and the other way round), never passing a statement twice.

    >>> support_chains(_example(), "R1")
    [['R1', 'C1'], ['R1', 'A1'], ['R1', 'C2', 'E1']]
    """
    chains: list[list[str]] = []
    stack = [[id_]]
    while stack:
        path = stack.pop()
        seen = {amap.statement_of(p) for p in path}
        under = [c for r in amap.rows_of(amap.statement_of(path[-1])) for c in amap.children(r)]
        below = [c for c in under if amap[c].get("relation") == "supports" and amap.statement_of(c) not in seen]
        if not below and len(path) > 1:
            chains.append(path)
        stack.extend(path + [c] for c in reversed(below))
    return chains


def recommendation_paths(amap: ArgumentMap, rec_id: str, *, leaves: bool = False) -> pd.DataFrame:
    """The chains of reasons beneath ``rec_id``, one row per chain: ``step1`` is the reason right under it.

    By default only the chains that reach evidence (``amap.paths_to_evidence``); with ``leaves=True``
    every chain of supporting rows down to its last row, whatever its type, and ``ends in`` says which.

    >>> recommendation_paths(_example(), "R1").to_dict("records")
    [{'step1': 'C2: Lanes are safe', 'step2': 'E1: Injuries fell', 'ends in': 'evidence'}]
    >>> recommendation_paths(_example(), "R1", leaves=True)["ends in"].tolist()
    ['claim', 'assumption', 'evidence']
    """
    paths = support_chains(amap, rec_id) if leaves else amap.paths_to_evidence(rec_id)
    width = max((len(p) - 1 for p in paths), default=1)
    columns = [f"step{i}" for i in range(1, width + 1)]
    data = [[_step(amap, i) for i in p[1:]] + [""] * (width - len(p) + 1) + [amap[p[-1]].get("type", "")] for p in paths]
    return pd.DataFrame(data, columns=columns + ["ends in"], index=pd.RangeIndex(1, len(paths) + 1, name="path"))


def _linked(amap: ArgumentMap, id_: str) -> list[str]:
    """The other co-premises of ``id_``: rows with its group under the same parent."""
    row = amap[id_]
    group = row.get("group", "")
    if not group:
        return []
    return [r["id"] for r in amap.rows if r["id"] != id_ and r.get("group") == group and r.get("parent") == row.get("parent")]


def assumptions_for(amap: ArgumentMap, rec_id: str) -> pd.DataFrame:
    """The unstated assumptions (type assumption, not from the article) that ``rec_id`` relies on.

    They are the assumption rows in its subtree and in its own co-premise group, each with the row it
    bears on and the reasons it is linked with (the co-premises it only works together with).

    >>> assumptions_for(_example(), "R1").to_dict("index")
    {'A1': {'assumption': 'Cheap things are worth doing', 'origin': 'analyst', 'bears on': 'R1: Build lanes', 'linked with': 'C1: Lanes are cheap'}}
    """
    ids = amap.subtree(rec_id)
    ids += [i for i in _linked(amap, rec_id) if i not in ids]
    rows = []
    for i in ids:
        r = amap[i]
        if r.get("type") != "assumption" or r.get("origin") == "article":
            continue
        parent = r.get("parent", "")
        rows.append(
            {
                "id": i,
                "assumption": r.get("text", ""),
                "origin": r.get("origin", ""),
                "bears on": _step(amap, parent) if parent in amap else "",
                "linked with": "; ".join(_step(amap, j) for j in _linked(amap, i)),
            }
        )
    table = pd.DataFrame(rows, columns=["id", "assumption", "origin", "bears on", "linked with"]).set_index("id")
    table.index.name = None
    return table


def recommendations(amap: ArgumentMap) -> pd.DataFrame:
    """The recommendation rows, in file order: paraphrase, verbatim quote, paragraph and the author's certainty word.

    >>> recommendations(_example())[["text", "¶"]]
               text  ¶
    R1  Build lanes  1
    """
    df = amap.frame.loc[amap.statements()]
    recs = df[df["type"] == "recommendation"]
    return pd.DataFrame(
        {"text": recs["text"], "quote": recs.get("quote", ""), "¶": recs.get("paragraph", pd.NA), "certainty": recs.get("certainty", "")}, index=recs.index
    )


def recommendation_summary(amap: ArgumentMap) -> pd.DataFrame:
    """Per recommendation: its direct reasons, chains of support, how many reach evidence, its assumptions, and what argues against it.

    >>> recommendation_summary(_example()).loc["R1"].to_dict()
    {'reasons': 3, 'chains': 3, 'reach evidence': 1, 'assumptions': 1, 'against (in its branch)': ''}
    """
    out = []
    for rec in recommendations(amap).index:
        against = [i for i in amap.subtree(rec)[1:] if amap[i].get("relation") in ("attacks", "undercuts")]
        out.append(
            {
                "reasons": sum(amap[c].get("relation") == "supports" for r in amap.rows_of(rec) for c in amap.children(r)),
                "chains": len(support_chains(amap, rec)),
                "reach evidence": len(amap.paths_to_evidence(rec)),
                "assumptions": len(assumptions_for(amap, rec)),
                "against (in its branch)": ", ".join(against),
            }
        )
    return pd.DataFrame(out, index=recommendations(amap).index, columns=["reasons", "chains", "reach evidence", "assumptions", "against (in its branch)"])


def unquoted_sentences(amap: ArgumentMap) -> pd.DataFrame:
    """The source's sentences that no row quotes any part of, with their paragraph.

    >>> unquoted_sentences(_example())
       ¶   sentence
    0  2  Trust me.
    """
    spans, _ = quote_spans(amap)
    out = []
    for n, text in enumerate(amap.source.paragraphs, 1):  # type: ignore[union-attr]
        covered = [(s.start, s.end) for s in spans if s.paragraph == n]
        start = 0
        for piece in _SENTENCE_END.split(text):
            at = text.index(piece, start)
            start = at + len(piece)
            if piece and not any(a < start and at < b for a, b in covered):
                out.append({"¶": n, "sentence": piece})
    return pd.DataFrame(out, columns=["¶", "sentence"])
