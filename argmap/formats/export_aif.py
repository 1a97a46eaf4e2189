"""AIF JSON (AIFdb's node/edge form, as OVA and arguebuf read it): I-nodes for rows, RA/CA nodes for reasons."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from argmap.core.model import ArgumentMap
from argmap.core.schema import schema

__all__ = ["EXTRA", "SCHEME_NAMES", "Reason", "aif_text", "reasons", "to_aif"]

#: The key on each I-node that keeps the row's own columns (id, type, quote, paragraph, origin, …).
EXTRA = "argmap"

#: argmap's scheme names → the AIFdb scheme names that arguebuf and OVA know (Title Case where there is none).
SCHEME_NAMES = {
    "practical-reasoning": "Practical Reasoning",
    "sign": "Sign",
    "cause-to-effect": "Cause To Effect",
    "effect-to-cause": "Effect To Cause",
    "consequences": "Consequences",
    "example": "Example",
    "analogy": "Analogy",
    "position-to-know": "Position To Know",
    "commitment": "Commitment",
    "best-explanation": "Best Explanation",
    "classification": "Verbal Classification",
    "values": "Values",
}
_DEFAULT = {"supports": "Default Inference", "attacks": "Default Conflict", "undercuts": "Default Conflict"}
_STRUCTURE = ("id", "text", "parent", "relation", "same_as")  # carried by the graph itself, not in the extra key
_INHERITED = ("type", "text", "quote", "paragraph")  # a restatement's are its original's


@dataclass(frozen=True)
class Reason:
    """One inference: its premises (co-premises of a group share one) bear on ``target`` by ``relation``."""

    relation: str
    premises: tuple[str, ...]
    target: str


def reasons(amap: ArgumentMap) -> list[Reason]:
    """The map's reasons in row order: a group's co-premises make one reason, every other row its own.

    >>> m = ArgumentMap([
    ...     {"id": "T", "parent": "", "relation": "", "group": ""},
    ...     {"id": "A", "parent": "T", "relation": "supports", "group": "g"},
    ...     {"id": "B", "parent": "T", "relation": "supports", "group": "g"},
    ...     {"id": "O", "parent": "A", "relation": "undercuts", "group": ""},
    ... ])
    >>> [(r.relation, r.premises, r.target) for r in reasons(m)]
    [('supports', ('A', 'B'), 'T'), ('undercuts', ('O',), 'A')]
    """
    found: dict[tuple[str, str, str], list[str]] = {}
    for row in amap.rows:
        if row.get("parent"):
            key = (row["parent"], row["relation"], row.get("group") or "\0" + row["id"])
            found.setdefault(key, []).append(row["id"])
    return [Reason(rel, tuple(ids), parent) for (parent, rel, _), ids in found.items()]


def _scheme_text(amap: ArgumentMap, reason: Reason) -> str:
    names = {amap[p].get("scheme", "") for p in reason.premises}
    if len(names) == 1 and (name := names.pop()) in SCHEME_NAMES:
        return SCHEME_NAMES[name]
    return _DEFAULT[reason.relation]


def to_aif(amap: ArgumentMap) -> dict[str, Any]:
    """The map as an AIF graph: one I-node per statement (in row order), then one S-node per reason.

    A statement's restatements (rows with ``same_as``) are the same I-node, used as a premise of one more
    inference; an undercut is a CA node pointing at the S-node of the inference it attacks. Each edge from an
    I-node keeps, under ``argmap``, the id of the row that draws it (and a restatement's own columns).

    >>> m = ArgumentMap([
    ...     {"id": "T", "type": "thesis", "text": "t", "parent": "", "relation": "", "origin": "analyst"},
    ...     {"id": "C", "type": "claim", "text": "c", "parent": "T", "relation": "supports", "origin": "analyst"},
    ...     {"id": "O", "type": "objection", "text": "o", "parent": "C", "relation": "undercuts", "origin": "analyst"},
    ...     {"id": "T.r1", "type": "", "text": "", "parent": "O", "relation": "attacks", "origin": "analyst", "same_as": "T"},
    ... ])
    >>> g = to_aif(m)
    >>> [(n["nodeID"], n["type"], n["text"]) for n in g["nodes"]]
    [('1', 'I', 't'), ('2', 'I', 'c'), ('3', 'I', 'o'), ('4', 'RA', 'Default Inference'), ('5', 'CA', 'Default Conflict'), ('6', 'CA', 'Default Conflict')]
    >>> [(e["fromID"], e["toID"]) for e in g["edges"]]
    [('2', '4'), ('4', '1'), ('3', '5'), ('5', '4'), ('1', '6'), ('6', '3')]
    >>> g["nodes"][0][EXTRA], g["edges"][4][EXTRA]
    ({'id': 'T', 'type': 'thesis', 'origin': 'analyst'}, {'id': 'T.r1', 'origin': 'analyst', 'row': '4'})
    """
    statements = [r["id"] for r in amap.rows if amap.statement_of(r["id"]) == r["id"]]
    node_id = {s: str(i) for i, s in enumerate(statements, 1)}
    position = {r["id"]: i for i, r in enumerate(amap.rows, 1)}
    nodes: list[dict[str, Any]] = []
    columns = schema("claims").names
    for s in statements:
        row = amap[s]
        extra = {"id": s} | {k: row[k] for k in columns if k not in _STRUCTURE and row.get(k, "") != ""}
        nodes.append({"nodeID": node_id[s], "text": row.get("text", ""), "type": "I", EXTRA: extra})
    found = reasons(amap)
    inference: dict[str, str] = {}  # row id → the S-node of the reason it is a premise of
    for i, reason in enumerate(found, len(nodes) + 1):
        kind = "RA" if reason.relation == "supports" else "CA"
        nodes.append({"nodeID": str(i), "text": _scheme_text(amap, reason), "type": kind})
        inference.update((p, str(i)) for p in reason.premises)
    edges: list[dict[str, Any]] = []

    def edge(a: str, b: str, extra: dict[str, str] | None = None) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": a, "toID": b, "formEdgeID": None} | ({EXTRA: extra} if extra else {}))

    for reason in found:
        s = inference[reason.premises[0]]
        for p in reason.premises:
            row, stmt = amap[p], amap.statement_of(p)
            extra = {"id": p}
            if stmt != p:  # a restatement: its own columns, and where it sits in the file
                extra |= {k: row[k] for k in columns if k not in _STRUCTURE and k not in _INHERITED and row.get(k, "") != ""}
                extra["row"] = str(position[p])
            if reason.relation == "undercuts" or amap.statement_of(reason.target) != reason.target:
                extra["parent"] = reason.target  # which row: the graph shows only the statement or the shared S-node
            edge(node_id[stmt], s, extra)
        edge(s, inference[reason.target] if reason.relation == "undercuts" else node_id[amap.statement_of(reason.target)])
    return {"nodes": nodes, "edges": edges, "locutions": []}


def aif_text(amap: ArgumentMap) -> str:
    """:func:`to_aif` as indented UTF-8 JSON text, ending in a newline."""
    return json.dumps(to_aif(amap), ensure_ascii=False, indent=2) + "\n"
