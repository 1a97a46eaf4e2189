"""From a graph of statements and inferences (AIF, Argdown) to claims rows: one original row per statement, and a
restatement row (``same_as``) for every further inference the statement is a premise of.

A statement's first use goes to its original row unless that parent link would close a cycle (two statements
that attack each other, or a circle of support); then, and for every later use, a restatement row draws it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["ID", "Use", "place", "unique_id"]

#: A valid row id (the claims schema's pattern).
ID = re.compile(r"(?!(?:node|edge|graph|clust)[0-9]+$)(?!a_)[A-Za-z][A-Za-z0-9_.-]{0,31}")


def unique_id(wanted: list[str], fallback: str, taken: set[str]) -> str:
    """The first of ``wanted`` that is a valid row id not in use, else ``fallback`` + a number; marks it taken.

    ``taken`` holds the ids in use in lower case: ids that differ only in case are refused (figure files are named by id).

    >>> taken = {"n1"}
    >>> unique_id(["1", "I1"], "N", taken), unique_id(["i1"], "N", taken), unique_id([], "N", taken), unique_id(["s2"], "S", taken)
    ('I1', 'N2', 'N3', 's2')
    >>> unique_id([], "S", taken)
    'S1'
    """
    for w in wanted:
        if ID.fullmatch(w) and w.lower() not in taken:
            taken.add(w.lower())
            return w
    n = 1
    while f"{fallback}{n}".lower() in taken:
        n += 1
    taken.add(f"{fallback}{n}".lower())
    return f"{fallback}{n}"


@dataclass(eq=False)
class Use:
    """One inference a statement is a premise of.

    ``target`` is the key of the conclusion statement, or, for an undercut, the uses whose inference is attacked
    (the first placed one is the parent row unless ``want`` names another). ``want`` holds what argmap's own
    exports kept of the row that drew it: ``id``, ``parent``, ``row`` (its place in the file) and own columns.
    """

    premise: str
    target: str | list[Use]
    relation: str
    group: str = ""
    want: dict[str, str] = field(default_factory=dict)
    scheme: str = ""
    row: dict[str, str] | None = None


class _Forest:
    """Parent links among rows with the root of each tree (union-find), so a link that closes a cycle is seen."""

    def __init__(self) -> None:
        self.up: dict[str, str] = {}

    def root(self, x: str) -> str:
        path = []
        while x in self.up:
            path.append(x)
            x = self.up[x]
        for p in path:
            self.up[p] = x
        return x

    def link(self, child: str, parent: str, force: bool = False) -> bool:
        """Hang ``child`` (a root) under ``parent``; False, and nothing done, when that would close a cycle."""
        top = self.root(parent)
        if top == child and not force:
            return False
        if top != child:
            self.up[child] = top
        return True


def place(originals: dict[str, dict[str, str]], uses: list[Use], taken: set[str], own: tuple[str, ...]) -> tuple[list[dict[str, str]], list[Use]]:
    """Rows for ``originals`` (statement key → its row, parent still empty) and every use, in file order.

    Returns the rows and the uses that could not be placed: a statement bearing on itself or undercutting its own
    inference, and undercuts of inferences that never got a row.
    ``own`` are the columns a restatement leaves to its original. ``taken`` holds the ids in use.

    >>> rows = {"A": {"id": "A", "origin": "analyst"}, "B": {"id": "B", "origin": "analyst"}}
    >>> out, lost = place(rows, [Use("A", "B", "attacks"), Use("B", "A", "attacks")], {"A", "B"}, ("type", "text"))
    >>> [(r["id"], r["parent"], r["relation"], r.get("same_as", "")) for r in out]
    [('A', 'B', 'attacks', ''), ('B', '', '', ''), ('B.r1', 'A', 'attacks', 'B')]
    """
    for row in originals.values():
        row.setdefault("parent", "")
        row.setdefault("relation", "")
    forest = _Forest()
    used: set[str] = set()
    restated: list[tuple[Use, dict[str, str]]] = []
    count: dict[str, int] = {}

    def assign(u: Use, parent: str) -> None:
        orig = originals[u.premise]
        if parent == orig["id"]:  # a statement bearing on itself, or undercutting its own inference: no row can draw it
            lost.append(u)
            return
        want = u.want.get("id", "")
        first = u.premise not in used and not u.want.get("restate")
        if (want == orig["id"] if want else first) and forest.link(orig["id"], parent, force=bool(want)):
            used.add(u.premise)
            row = orig
        else:
            extra = {k: v for k, v in u.want.items() if k not in ("id", "parent", "relation", "row", "same_as", "restate", *own)}
            count[orig["id"]] = count.get(orig["id"], 0) + 1
            rid = unique_id([want, f"{orig['id']}.r{count[orig['id']]}"], orig["id"][:24] + ".r", taken)
            row = {"origin": orig.get("origin", "analyst")} | extra | {"id": rid, "same_as": orig["id"]}
            restated.append((u, row))
            forest.link(rid, parent)
        row["parent"], row["relation"] = parent, u.relation
        if u.group and not row.get("group"):
            row["group"] = u.group
        if u.scheme and not row.get("scheme"):
            row["scheme"] = u.scheme
        u.row = row

    lost: list[Use] = []
    pending = []
    for u in uses:
        if isinstance(u.target, str):
            assign(u, u.want.get("parent") or originals[u.target]["id"])
        else:
            pending.append(u)
    while pending:
        later = []
        for u in pending:
            assert not isinstance(u.target, str)
            options = [t.row["id"] for t in u.target if t.row is not None]
            if not options:
                later.append(u)
                continue
            named = u.want.get("parent", "")
            assign(u, named if named in options else options[0])
        if len(later) == len(pending):
            lost += later
            break
        pending = later
    return _ordered(list(originals.values()), restated), lost


def _ordered(originals: list[dict[str, str]], restated: list[tuple[Use, dict[str, str]]]) -> list[dict[str, str]]:
    """Originals in order; a restatement at the row number argmap's export gave it, else after the rest."""
    out = list(originals)
    end = len(originals) + len(restated) + 1
    placed: list[tuple[int, dict[str, str]]] = []
    for u, row in restated:
        want = u.want.get("row", "")
        placed.append((int(want) if want.isdigit() and len(want) < 9 else end, row))
    for at, row in sorted(placed, key=lambda p: p[0]):
        out.insert(min(at - 1, len(out)), row)
    return out
