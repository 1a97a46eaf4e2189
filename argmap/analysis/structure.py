"""Evaluating a map: evidence beneath claims, predictions, hedges, schemes and their critical questions, structure counts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from argmap.analysis.semantics import grounded, objections, objections_table, status_fill, what_falls, why_out
from argmap.core.counts import CLAIM_TYPES, Structure, statements_of_type, structure_counts
from argmap.core.model import ArgumentMap

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLAIM_TYPES",
    "Structure",
    "branch_summary",
    "critical_questions",
    "evidence_beneath",
    "evidence_table",
    "grounded",
    "hedges",
    "objections",
    "objections_table",
    "paragraph_branches",
    "predictions_vs_facts",
    "reasons",
    "schemes_table",
    "single_evidence_claims",
    "status_fill",
    "structure_counts",
    "unsupported_claims",
    "what_falls",
    "why_out",
]


def _pd():  # pandas is imported on first use, not with the package
    import pandas as pd

    return pd


def evidence_beneath(amap: ArgumentMap, id_: str) -> list[str]:
    """The distinct evidence statements reached from ``id_`` through supports only (:meth:`ArgumentMap.evidence_beneath`)."""
    return amap.evidence_beneath(id_)


def _beneath(amap: ArgumentMap, id_: str) -> list[str]:
    """The rows beneath every place the statement of ``id_`` is drawn."""
    return [c for r in amap.rows_of(amap.statement_of(id_)) for c in amap.children(r)]


def _supporters(amap: ArgumentMap, id_: str) -> list[str]:
    return list(dict.fromkeys(amap.statement_of(c) for c in _beneath(amap, id_) if amap[c].get("relation") == "supports"))


def reasons(amap: ArgumentMap, id_: str) -> pd.DataFrame:
    """The rows directly beneath ``id_`` (wherever its statement is drawn): how each bears on it, its co-premise group,
    and the evidence beneath it."""
    ids = _beneath(amap, id_)
    df = amap.frame.loc[ids].reindex(columns=["type", "relation", "group", "origin", "paragraph", "text"]).copy()
    df["evidence beneath"] = [len(evidence_beneath(amap, i)) for i in ids]
    return df


def unsupported_claims(amap: ArgumentMap, types: Iterable[str] = CLAIM_TYPES) -> pd.DataFrame:
    """Rows of ``types`` with no evidence anywhere beneath them through supports, and what they rest on instead."""
    ids = [i for i in statements_of_type(amap, types) if not evidence_beneath(amap, i)]
    df = amap.frame.loc[ids, ["type", "paragraph", "origin", "text"]].copy()
    df["supported by"] = [", ".join(_supporters(amap, i)) or "—" for i in ids]
    return df


def single_evidence_claims(amap: ArgumentMap, types: Iterable[str] = CLAIM_TYPES) -> pd.DataFrame:
    """Rows of ``types`` resting on exactly one piece of evidence, with the chain down to it."""
    records = []
    for i in statements_of_type(amap, types):
        paths = amap.paths_to_evidence(i)
        if len({amap.statement_of(p[-1]) for p in paths}) == 1:
            r = amap[i]
            records.append(
                {
                    "id": i,
                    "type": r["type"],
                    "paragraph": r.get("paragraph", ""),
                    "text": r.get("text", ""),
                    "evidence": paths[0][-1],
                    "chain": " ← ".join(paths[0]),
                }
            )
    return _pd().DataFrame.from_records(records, columns=["id", "type", "paragraph", "text", "evidence", "chain"]).set_index("id")


def predictions_vs_facts(amap: ArgumentMap) -> pd.DataFrame:
    """Predictions set apart from reported facts (evidence), one line per statement (a restatement is not a second
    prediction), with actor, date, hedge and what each bears on (every place the statement is drawn)."""
    df = amap.frame
    df = df.loc[[i for i in amap.statements() if amap[i].get("type") in ("prediction", "evidence")]].copy()
    df["kind"] = df["type"].map({"prediction": "prediction", "evidence": "reported fact"})
    df["bears on"] = ["; ".join(f"{amap[r]['relation']} {amap[r]['parent']}" for r in amap.rows_of(i) if amap[r]["parent"]) for i in df.index]
    cols = ["kind", "paragraph", "actor", "date", "certainty", "bears on", "text"]
    df = df.reindex(columns=cols).fillna("")
    return df.sort_values(["kind", "paragraph"], ascending=[True, True], kind="stable")


def hedges(amap: ArgumentMap) -> pd.DataFrame:
    """The author's certainty words: every row with a ``certainty``, with its quote, in paragraph order."""
    df = amap.frame
    df = df[df["certainty"].fillna("") != ""] if "certainty" in df else df.iloc[0:0]
    return df.reindex(columns=["type", "paragraph", "certainty", "quote"]).sort_values("paragraph", kind="stable")


@lru_cache(maxsize=1)
def _questions() -> dict:
    text = resources.files("argmap").joinpath("schemas", "critical-questions.json").read_text(encoding="utf-8")
    return json.loads(text)


def critical_questions(schemes: Iterable[str] | None = None) -> pd.DataFrame:
    """Walton, Reed & Macagno's critical questions, one per line, for ``schemes`` (default: all).

    >>> critical_questions(["sign"]).loc[("sign", 2), "question"][:33]
    'Are there other events that would'
    """
    data = _questions()["schemes"]
    names = list(data) if schemes is None else list(dict.fromkeys(schemes))
    records = [{"scheme": s, "n": n, "question": q} for s in names for n, q in enumerate(data[s]["questions"], 1)]
    return _pd().DataFrame.from_records(records, columns=["scheme", "n", "question"]).set_index(["scheme", "n"])


def schemes_table(amap: ArgumentMap) -> pd.DataFrame:
    """The schemes the map uses, most used first: name, count, the rows, and how many critical questions each has."""
    data = _questions()["schemes"]
    used: dict[str, list[str]] = {}
    for r in amap.rows:
        if r.get("scheme"):
            used.setdefault(r["scheme"], []).append(r["id"])
    records = [
        {
            "scheme": s,
            "name": data.get(s, {}).get("name", s),
            "uses": len(ids),
            "rows": ", ".join(ids),
            "critical questions": len(data.get(s, {}).get("questions", [])),
        }
        for s, ids in used.items()
    ]
    df = _pd().DataFrame.from_records(records, columns=["scheme", "name", "uses", "rows", "critical questions"])
    return df.sort_values("uses", ascending=False, kind="stable").set_index("scheme")


def evidence_table(amap: ArgumentMap, root: str | None = None) -> pd.DataFrame:
    """What each piece of evidence (under ``root``, or anywhere) is taken to show: its parent, relation, scheme and quote."""
    keep = set(amap.subtree(root)) if root else set(amap.ids)
    records = []
    for r in amap.rows:
        if r.get("type") != "evidence" or r["id"] not in keep or not r.get("parent"):
            continue
        parent = amap[r["parent"]]
        orig = amap[amap.statement_of(r["id"])]  # a restatement's paragraph, date and quote are its original's
        records.append(
            {
                "id": r["id"],
                "¶": orig.get("paragraph", ""),
                "date": orig.get("date", ""),
                "actor": r.get("actor", ""),
                "evidence": r.get("text", ""),
                "relation": r.get("relation", ""),
                "parent": parent["id"],
                "taken to show": parent.get("text", ""),
                "scheme": r.get("scheme", ""),
                "quote": orig.get("quote", ""),
            }
        )
    cols = ["id", "¶", "date", "actor", "evidence", "relation", "parent", "taken to show", "scheme", "quote"]
    return _pd().DataFrame.from_records(records, columns=cols).set_index("id")


def branch_summary(amap: ArgumentMap) -> pd.DataFrame:
    """One line per root: its size, who wrote the rows, the evidence beneath it, the claims without any, attacks and depth."""
    records = []
    for root in amap.roots():
        ids = amap.subtree(root)
        rows = [amap[i] for i in ids]
        claims = list(dict.fromkeys(amap.statement_of(i) for i in ids if amap[i].get("type") in CLAIM_TYPES))
        records.append(
            {
                "root": root,
                "text": amap[root].get("text", ""),
                "rows": len(ids),
                "from the article": sum(r.get("origin") == "article" for r in rows),
                "evidence beneath": len(evidence_beneath(amap, root)),
                "claims without evidence": sum(not evidence_beneath(amap, i) for i in claims),
                "attacks": sum(r.get("relation") == "attacks" for r in rows),
                "undercuts": sum(r.get("relation") == "undercuts" for r in rows),
                "depth": max(amap.depth(i) for i in ids) - amap.depth(root),
            }
        )
    cols = ["root", "text", "rows", "from the article", "evidence beneath", "claims without evidence", "attacks", "undercuts", "depth"]
    return _pd().DataFrame.from_records(records, columns=cols).set_index("root")


def paragraph_branches(amap: ArgumentMap) -> pd.DataFrame:
    """Rows quoting each paragraph, by the root (thesis) whose branch they belong to."""
    pd = _pd()
    art = [r for r in amap.rows if r.get("paragraph")]
    roots = pd.Categorical([amap.root_of(r["id"]) for r in art], categories=amap.roots())
    table = pd.crosstab(pd.Series([int(r["paragraph"]) for r in art], name="paragraph"), pd.Series(roots, name="branch"), dropna=False)
    n = len(amap.source.paragraphs) if amap.source is not None else max(table.index, default=0)
    return table.reindex(range(1, n + 1), fill_value=0)
