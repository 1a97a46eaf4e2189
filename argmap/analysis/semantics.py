"""Grounded semantics over a map's attacks, undercuts and supports, and what falls when an objection is accepted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from argmap.core.model import ArgumentMap
from argmap.draw.style import PALETTE, WHITE

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["STATUS_COLOURS", "Labelling", "Status", "grounded", "labelling", "objections", "objections_table", "status_fill", "what_falls", "why_out"]

Status = Literal["in", "out", "undecided"]
#: One reason or attack: (the row it bears on, relation, group or the row's own id).
Link = tuple[str, str, str]

#: Okabe & Ito colours, light to dark so that a grey print still orders them: in, undecided, out.
STATUS_COLOURS: dict[str, str] = {"in": PALETTE["blue"][1], "undecided": PALETTE["orange"][0], "out": PALETTE["vermillion"][0]}
_LEFT_OUT = WHITE


@dataclass(frozen=True)
class Labelling:
    """The grounded labelling: a status per row in the framework (a restatement has its statement's), and per row
    the status of its link to its parent."""

    rows: dict[str, Status]
    inferences: dict[str, Status]
    left_out: tuple[str, ...]
    #: The status of each statement (original row id) in the framework: what :func:`grounded` returns.
    statements: dict[str, Status]


def objections(amap: ArgumentMap) -> list[str]:
    """Ids of the objections not from the article (analyst or class rows): left out of the framework unless accepted."""
    return [r["id"] for r in amap.rows if r.get("type") == "objection" and r.get("origin", "article") != "article"]


def labelling(amap: ArgumentMap, accepted_objections: Iterable[str] | None = None) -> Labelling:
    """Grounded labelling of ``amap`` as the least fixpoint of a monotone update; see :func:`grounded`.

    The arguments are statements: an original row and its restatements (``same_as``) are one argument, attacked
    and supported through every place it is drawn. ``rows`` gives every row of the framework its statement's status.
    """
    optional = set(objections(amap))
    accepted = set(accepted_objections or ())
    for oid in sorted(accepted):
        if oid not in amap:
            raise KeyError(f"no row has id {oid!r}")
        if oid not in optional:
            raise ValueError(f"{oid} is not an objection added outside the article; only those can be accepted")
    out_of = optional - accepted
    left = {i for r in amap.ids if amap.statement_of(r) in out_of for i in amap.subtree(r)}
    ids = [i for i in amap.ids if i not in left]
    stmt = amap.statement_of
    statements = list(dict.fromkeys(stmt(i) for i in ids))
    # A link is one reason: the row, or all co-premises of its group, bearing on one parent row by one relation.
    link_of: dict[str, Link] = {}
    members: dict[Link, list[str]] = {}
    for i in ids:
        row, parent = amap[i], amap.parent(i)
        if parent is None or parent not in amap or parent in left:
            continue
        key = (parent, row.get("relation", ""), row.get("group") or i)
        link_of[i] = key
        members.setdefault(key, []).append(i)
    attacks: dict[str, list[Link]] = {}
    supports: dict[str, list[Link]] = {}
    undercuts: dict[Link, list[Link]] = {}
    for key in members:
        target, rel = key[0], key[1]
        if rel == "undercuts":  # bears on the link from the target row up to its own parent
            if target in link_of:
                undercuts.setdefault(link_of[target], []).append(key)
        elif rel in ("attacks", "supports"):
            (attacks if rel == "attacks" else supports).setdefault(stmt(target), []).append(key)
    status: dict[str, Status] = dict.fromkeys(statements, "undecided")
    inference: dict[Link, Status] = dict.fromkeys(members, "undecided")

    def link(key: Link) -> Status:
        parts = [status[stmt(m)] for m in members[key]] + [inference[key]]
        return "out" if "out" in parts else "in" if all(p == "in" for p in parts) else "undecided"

    def update(attackers: list[Link], reasons: list[Link] | None) -> Status:
        a = [link(k) for k in attackers]
        r = [link(k) for k in reasons] if reasons else None
        if "in" in a or (r is not None and all(s == "out" for s in r)):
            return "out"
        if all(s == "out" for s in a) and (r is None or "in" in r):
            return "in"
        return "undecided"

    order = sorted(statements, key=amap.depth, reverse=True)  # children first: one sweep settles a tree
    changed = True
    while changed:
        changed = False
        for i in order:
            new = update(attacks.get(i, []), supports.get(i))
            if new != status[i]:
                status[i], changed = new, True
        for key in members:
            new = update(undercuts.get(key, []), None)
            if new != inference[key]:
                inference[key], changed = new, True
    return Labelling(
        {i: status[stmt(i)] for i in ids},
        {i: inference[link_of[i]] for i in ids if i in link_of},
        tuple(i for i in amap.ids if i in left),
        status,
    )


def grounded(amap: ArgumentMap, accepted_objections: Iterable[str] | None = None) -> dict[str, Status]:
    """Status of each statement under grounded semantics: ``"in"``, ``"out"`` or ``"undecided"``.

    Modelling choices:

    * Arguments are statements: a row and the rows that restate it (``same_as``) are one argument, keyed by the
      original's id, and each row with a parent is one inference from its statement to its parent's. Objections added outside the article (analyst or class rows) and everything
      beneath them are left out, except those in ``accepted_objections``, which join the framework.
    * A row that ``attacks`` attacks its parent. A row that ``undercuts`` attacks a virtual argument: the
      inference from its parent to the grandparent (for co-premises, the whole linked reason). The parent
      itself is not attacked, but while that inference is out the parent's reason contributes nothing.
    * Supports propagate as in evidential frameworks: a row with no supporting reasons is a premise,
      accepted unless attacked. A row with reasons is in only if at least one reason is in (all its
      co-premises in and its inference in), and out when every reason is out: a claim whose every
      argument fails is not established. Any row is out when an attacker (with its inference) is in.

    The labelling is the least fixpoint of this monotone update, starting from all undecided. A tree has
    no cycles, so there every statement ends in or out; ``undecided`` appears where attacks run in a cycle
    (two statements that attack each other, neither attacked from elsewhere). The result has no
    weights: an attack the author concedes without answering it (e.g. "despite…") defeats its target.

    >>> m = ArgumentMap([
    ...     {"id": "a", "type": "claim", "parent": "", "relation": "", "origin": "article"},
    ...     {"id": "b", "type": "claim", "parent": "a", "relation": "attacks", "origin": "article"},
    ...     {"id": "c", "type": "claim", "parent": "b", "relation": "attacks", "origin": "article"},
    ...     {"id": "O", "type": "objection", "parent": "c", "relation": "attacks", "origin": "analyst"},
    ... ])
    >>> grounded(m)
    {'a': 'in', 'b': 'out', 'c': 'in'}
    >>> grounded(m, ["O"])
    {'a': 'out', 'b': 'in', 'c': 'out', 'O': 'in'}
    >>> m = ArgumentMap([  # a and b attack each other: b is drawn under a, and a again (a.r1) under b
    ...     {"id": "a", "type": "claim", "parent": "", "relation": "", "origin": "article"},
    ...     {"id": "b", "type": "claim", "parent": "a", "relation": "attacks", "origin": "article"},
    ...     {"id": "a.r1", "type": "", "parent": "b", "relation": "attacks", "origin": "article", "same_as": "a"},
    ... ])
    >>> grounded(m)
    {'a': 'undecided', 'b': 'undecided'}
    """
    return labelling(amap, accepted_objections).statements


def status_fill(status: Mapping[str, str], amap: ArgumentMap | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """Fill colours by id and a legend key for ``argmap.show(amap, fill=..., key=...)``.

    With ``amap``, rows left out of the framework are drawn white and explained in the key.

    >>> fill, key = status_fill({"a": "in", "b": "out"})
    >>> fill["b"] == STATUS_COLOURS["out"], list(key)
    (True, ['in (accepted)', 'out (defeated)'])
    """
    fill = {i: STATUS_COLOURS[s] for i, s in status.items()}
    if amap is not None:  # a restatement is drawn in its statement's colour
        fill.update({r: fill[amap.statement_of(r)] for r in amap.ids if amap.is_restatement(r) and amap.statement_of(r) in fill})
    names = {"in": "in (accepted)", "undecided": "undecided", "out": "out (defeated)"}
    key = {names[s]: c for s, c in STATUS_COLOURS.items() if s in set(status.values())}
    if amap is not None:
        rest = [i for i in amap.ids if i not in fill]
        fill.update(dict.fromkeys(rest, _LEFT_OUT))
        if rest:
            key["left out (objection not accepted)"] = _LEFT_OUT
    return fill, key


def what_falls(amap: ArgumentMap, objection_id: str, accepted_objections: Iterable[str] | None = None) -> list[str]:
    """Statements, in file order, that are in without ``objection_id`` and not in once it is accepted as well."""
    base = list(accepted_objections or ())
    before = grounded(amap, base)
    after = grounded(amap, base + [objection_id])
    return [i for i in amap.statements() if before.get(i) == "in" and after.get(i) != "in"]


def objections_table(amap: ArgumentMap) -> pd.DataFrame:
    """Each non-article objection: what it bears on, and which rows fall if it alone is accepted."""
    import pandas as pd

    base = labelling(amap)
    records = []
    for oid in objections(amap):
        row, parent = amap[oid], amap.parent(oid) or ""
        rel = row.get("relation", "")
        target = f"{parent} → {amap.parent(parent)}" if rel == "undercuts" and parent and amap.parent(parent) else parent
        falls = what_falls(amap, oid)
        gone = [i for i, s in labelling(amap, [oid]).inferences.items() if s != "in" and base.inferences.get(i) == "in"]
        records.append(
            {
                "id": oid,
                "origin": row.get("origin", ""),
                "relation": rel,
                "target": target,
                "objection": row.get("text", ""),
                "inference defeated": ", ".join(f"{i} → {amap.parent(i)}" for i in gone) or "—",
                "falls": len(falls),
                "rows that fall": ", ".join(falls) or "none",
            }
        )
    cols = ["id", "origin", "relation", "target", "objection", "inference defeated", "falls", "rows that fall"]
    return pd.DataFrame.from_records(records, columns=cols).set_index("id")


def _members(amap: ArgumentMap, id_: str) -> list[str]:
    """``id_`` and its co-premises: the rows of its group under the same parent by the same relation."""
    row = amap[id_]
    parent = amap.parent(id_)
    if not row.get("group") or parent is None:
        return [id_]
    return [c for c in amap.children(parent) if amap[c].get("group") == row["group"] and amap[c].get("relation") == row.get("relation")]


def why_out(amap: ArgumentMap, accepted_objections: Iterable[str] | None = None) -> pd.DataFrame:
    """Each row of the framework that is not in, with its status and why: an attacker that holds, or reasons that all fail.

    >>> m = ArgumentMap([
    ...     {"id": "T", "type": "thesis", "parent": "", "relation": ""},
    ...     {"id": "C", "type": "claim", "parent": "T", "relation": "supports"},
    ...     {"id": "U", "type": "claim", "parent": "C", "relation": "undercuts"},
    ... ])
    >>> why_out(m).loc["T", "why"]
    'no reason left: the step C → T is undercut by U'
    """
    import pandas as pd

    lab = labelling(amap, accepted_objections)
    st, inf = lab.rows, lab.inferences
    stmt = amap.statement_of

    def holds(c: str) -> bool:
        return all(st.get(m) == "in" for m in _members(amap, c)) and inf.get(c) == "in"

    records = []
    for i, s in lab.statements.items():
        if s == "in":
            continue
        kids = [c for r in amap.rows_of(i) if r in st for c in amap.children(r) if c in st]
        attackers = list(dict.fromkeys(stmt(c) for c in kids if amap[c].get("relation") == "attacks" and holds(c)))
        parts = []
        for c in kids if not attackers else []:
            if amap[c].get("relation") != "supports":
                continue
            if st[c] != "in":
                parts.append(f"{stmt(c)} is {st[c]}")
            elif inf.get(c) != "in":
                by = [u for m in _members(amap, c) for u in amap.children(m) if u in st and amap[u].get("relation") == "undercuts" and st[u] == "in"]
                parts.append(f"the step {stmt(c)} → {i} is undercut by {', '.join(by)}" if by else f"the step {stmt(c)} → {i} is {inf.get(c)}")
        if attackers:
            why = "attacked by " + ", ".join(attackers)
        elif s == "undecided":
            why = "neither accepted nor defeated: attacks or supports run in a cycle"
        else:
            why = "no reason left: " + "; ".join(parts)
        records.append({"id": i, "type": amap[i].get("type", ""), "status": s, "why": why})
    return pd.DataFrame.from_records(records, columns=["id", "type", "status", "why"]).set_index("id")
