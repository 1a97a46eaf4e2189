"""Reading an AIF map (AIFdb, OVA3, OVA, arguebuf, or argmap's own export) into claims rows.

Each I-node is one statement: its original row, plus one restatement row (``same_as``) for every further
inference it is a premise of, or where a parent link would close a cycle (two statements attacking each other).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from argmap.core.schema import schema
from argmap.formats.aif_read import Graph, read_graph
from argmap.formats.export_aif import EXTRA, SCHEME_NAMES
from argmap.formats.imported import Imported
from argmap.formats.jsonin import Fields, read_json
from argmap.formats.statements import ID, Use, place, unique_id

__all__ = ["ID", "from_aif", "read_json", "rows_from_graph", "unique_id"]

_SCHEMES = {name: key for key, name in SCHEME_NAMES.items()}
_STRUCTURE = ("id", "text", "parent", "relation", "same_as")
_OWN = ("type", "text", "quote", "paragraph")  # a restatement's are its original's


def _columns(extra: dict[str, Any], file: str, where: str) -> dict[str, str]:
    """The claims columns kept under ``argmap`` by argmap's export (and ``row``), each checked to be text."""
    if not extra:
        return {}
    f = Fields(extra, file, where)
    names = set(schema("claims").names) | {"row"}
    return {k: f.text(k) for k in extra if k in names}


def rows_from_graph(g: Graph, file: str) -> Imported:
    """Claims rows from a checked AIF graph, with counts of what came in and what was left out."""
    atoms = [n for n in g.nodes if g.kind(n) == "I"]
    taken: set[str] = set()
    originals: dict[str, dict[str, str]] = {}
    for a in atoms:
        node = g.nodes[a]
        kept = _columns(node["extra"], file, f"node {a}: '{EXTRA}'")
        row = {k: v for k, v in kept.items() if k not in _STRUCTURE and k != "row"}
        row.update(id=unique_id([kept.get("id", ""), a, "I" + a], "N", taken), text=node["text"])
        row.setdefault("type", "claim")
        row.setdefault("origin", "analyst")
        if not row.get("actor") and g.speaker.get(a):
            row["actor"] = g.speaker[a]
        originals[a] = row
    uses: dict[str, list[Use]] = {}  # scheme node → its premise uses
    order: list[Use] = []
    for u in g.uses:
        want = _columns(u.extra, file, f"the edge from node {u.atom}: '{EXTRA}'")
        if "parent" not in want and "parent" in g.nodes[u.atom]["extra"]:  # argmap before restatements kept it on the I-node
            want["parent"] = Fields(g.nodes[u.atom]["extra"], file, f"node {u.atom}").text("parent")
        scheme = g.nodes[u.scheme]["scheme"] or g.nodes[u.scheme]["text"]
        use = Use(u.atom, "", "", want=want, scheme=_SCHEMES.get(scheme, ""))
        uses.setdefault(u.scheme, []).append(use)
        order.append(use)
    for s, members in uses.items():
        target = g.conclusion[s]
        for use in members:
            if g.kind(target) == "I":
                use.target, use.relation = target, "supports" if g.kind(s) == "RA" else "attacks"
            else:
                use.target, use.relation = uses[target], "undercuts"
            if len(members) > 1 and not use.want.get("group"):
                use.group = "\0" + s  # named below
    rows, lost = place(originals, order, taken, _OWN)
    g.left_out["inference (from a statement to itself, or in a loop of undercuts)"] += len(lost)
    _name_groups(uses)
    return Imported(rows, g.came_in, g.left_out, g.text, [f"read as {g.form}"] if g.form != "AIF" else [])


def _name_groups(uses: dict[str, list[Use]]) -> None:
    """Co-premises (several uses of one scheme node) share a group: their own if they agree, else a new one."""
    placed = [u.row for members in uses.values() for u in members if u.row is not None]
    taken = {r.get("group", "") for r in placed} - {""}
    for members in uses.values():
        rows = [u.row for u in members if u.row is not None]
        if len(rows) < 2:
            continue
        names = {r.get("group", "") for r in rows}
        name = names.pop() if len(names) == 1 else ""
        if not name or name.startswith("\0"):
            name = next(f"g{n}" for n in range(1, len(taken) + 2) if f"g{n}" not in taken)
            taken.add(name)
        for r in rows:
            r["group"] = name


def from_aif(path: str | Path) -> Imported:
    """Rows (claims columns, as strings) from the AIF file ``path``, with what came in and what was left out.

    Columns kept in argmap's own export (the ``argmap`` key of I-nodes and edges) come back as they were;
    a map from elsewhere gets ids from its node ids, type ``claim``, origin ``analyst`` and, where the
    dialogue layer names who asserted a statement, that speaker as ``actor``.
    """
    file = str(path)
    return rows_from_graph(read_graph(read_json(path), file), file)
