"""Support chains: the paths of ``supports`` from a statement down to evidence, walked or counted.

A chain goes on beneath every place its statement is drawn (reasons under a restatement count for the original,
and the other way round) and never passes the same statement twice. Counting every chain of every claim by
walking them is quadratic in depth (a 3,000-row chain took minutes), so when supports do not loop the counts
come from one pass over the map, supporters first (:func:`support_summary`); the walk stays for listing the
chains themselves and for maps whose supports loop, where the memo would count a statement twice.
This module may import nothing above ``argmap.core``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["count_paths_to_evidence", "evidence_beneath", "paths_to_evidence", "support_summary"]


def paths_to_evidence(amap: ArgumentMap, id_: str) -> list[list[str]]:
    """Every chain of supporting rows from ``id_`` down to a row of type evidence.

    >>> from argmap.core.model import ArgumentMap
    >>> m = ArgumentMap([{"id": "T", "type": "thesis", "parent": ""}, {"id": "C", "type": "claim", "parent": "T", "relation": "supports"},
    ...                  {"id": "E", "type": "evidence", "parent": "C", "relation": "supports"}])
    >>> paths_to_evidence(m, "T")
    [['T', 'C', 'E']]
    """
    paths: list[list[str]] = []
    path, on_path = [id_], {amap.statement_of(id_)}  # one path, grown and cut back: each step costs O(1), not O(depth)
    below = [iter(amap.supporters(id_))]
    while below:
        c = next(below[-1], None)
        if c is None:
            below.pop()
            on_path.discard(amap.statement_of(path.pop()))
            continue
        statement = amap.statement_of(c)
        if statement in on_path:
            continue
        if amap[c]["type"] == "evidence":
            paths.append([*path, c])
            continue
        path.append(c)
        on_path.add(statement)
        below.append(iter(amap.supporters(c)))
    return paths


def support_summary(amap: ArgumentMap) -> dict[str, tuple[frozenset[str], int]] | None:
    """For every statement, the evidence statements its support chains reach and how many chains there are;
    None when supports loop (through restatements), where only the walk is exact.

    >>> from argmap.core.model import ArgumentMap
    >>> m = ArgumentMap([{"id": "T", "type": "thesis", "parent": ""}, {"id": "C", "type": "claim", "parent": "T", "relation": "supports"},
    ...                  {"id": "E", "type": "evidence", "parent": "C", "relation": "supports"},
    ...                  {"id": "E2", "type": "evidence", "parent": "T", "relation": "supports"}])
    >>> sorted(support_summary(m)["T"][0]), support_summary(m)["T"][1]
    (['E', 'E2'], 2)
    """
    order: list[str] = []  # statements, each after every statement beneath it
    state: dict[str, int] = {}  # 1: on the walk's stack, 2: done
    for start in amap.statements():
        if start in state:
            continue
        state[start] = 1
        stack = [(start, iter(amap.supporters(start)))]
        while stack:
            s, below = stack[-1]
            c = next(below, None)
            if c is None:
                stack.pop()
                state[s] = 2
                order.append(s)
                continue
            cs = amap.statement_of(c)
            seen = state.get(cs)
            if seen == 1:
                return None  # a loop: a chain would come back to a statement it passed
            if seen is None:
                state[cs] = 1
                stack.append((cs, iter(amap.supporters(cs))))
    out: dict[str, tuple[frozenset[str], int]] = {}
    for s in order:
        found: set[str] = set()
        count = 0
        for c in amap.supporters(s):
            cs = amap.statement_of(c)
            if amap[c]["type"] == "evidence":
                found.add(cs)
                count += 1
            else:
                found |= out[cs][0]
                count += out[cs][1]
        out[s] = (frozenset(found), count)
    return out


def evidence_beneath(amap: ArgumentMap, id_: str) -> list[str]:
    """The distinct evidence statements reached from ``id_`` through supports only, in file order."""
    memo = amap.support_summary
    if memo is not None:
        found = memo[amap.statement_of(id_)][0]
    else:
        found = frozenset(amap.statement_of(p[-1]) for p in paths_to_evidence(amap, id_))
    return sorted(found, key=amap.statement_index.__getitem__)


def count_paths_to_evidence(amap: ArgumentMap, id_: str) -> int:
    """``len(paths_to_evidence(amap, id_))``, from the memo when supports do not loop."""
    memo = amap.support_summary
    return memo[amap.statement_of(id_)][1] if memo is not None else len(paths_to_evidence(amap, id_))
