"""Reading an AIF JSON map (AIFdb, OVA, arguebuf, or argmap's own export) into claims rows."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError, InvalidMap, Problem, read_input
from argmap.formats.export_aif import EXTRA, SCHEME_NAMES

__all__ = ["ID", "from_aif", "read_json", "unique_id"]

ID = re.compile(r"(?!(?:node|edge|graph|clust)[0-9]+$)(?!a_)[A-Za-z][A-Za-z0-9_.-]{0,31}")
_DIALOGUE = {"L", "TA", "YA"}  # the locution layer: skipped, it says who said what, not what supports what
_UNSUPPORTED = {"MA": "rephrase", "PA": "preference"}
_KNOWN = {"I", "RA", "CA"} | _DIALOGUE | set(_UNSUPPORTED)
_SCHEMES = {name: key for key, name in SCHEME_NAMES.items()}


def read_json(path: str | Path) -> Any:
    """The parsed JSON of ``path``; an :class:`ArgmapError` naming the file when it is missing or not JSON."""
    file = str(path)
    raw = read_input(path, "file")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        raise ArgmapError(f"{file}: not UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})") from None
    except json.JSONDecodeError as e:
        raise ArgmapError(f"{file}:{e.lineno}: not valid JSON ({e.msg}, column {e.colno})") from None


def unique_id(wanted: list[str], fallback: str, taken: set[str]) -> str:
    """The first of ``wanted`` that is a valid, unused row id, else ``fallback`` + a number; marks it taken.

    >>> taken = {"N1"}
    >>> unique_id(["1", "I1"], "N", taken), unique_id(["I1"], "N", taken), unique_id([], "N", taken)
    ('I1', 'N2', 'N3')
    """
    for w in wanted:
        if ID.fullmatch(w) and w not in taken:
            taken.add(w)
            return w
    n = 1
    while f"{fallback}{n}" in taken:
        n += 1
    taken.add(f"{fallback}{n}")
    return f"{fallback}{n}"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _check(data: Any, file: str) -> tuple[dict[str, dict], list[dict], list[Problem]]:
    """The usable nodes by id and the edges between them, or the problems that stop the import."""
    bad = []

    def problem(msg: str) -> None:
        bad.append(Problem(file, None, None, None, msg))

    if not isinstance(data, dict):
        raise InvalidMap([Problem(file, None, None, None, f"an AIF file is a JSON object with 'nodes' and 'edges', not a {type(data).__name__}")])
    for key in ("nodes", "edges"):
        if not isinstance(data.get(key), list):
            problem(f"missing key '{key}' (a list)" if key not in data else f"'{key}' must be a list")
    if bad:
        raise InvalidMap(bad)
    nodes: dict[str, dict] = {}
    for i, node in enumerate(data["nodes"], 1):
        missing = [k for k in ("nodeID", "type") if not isinstance(node, dict) or k not in node]
        if isinstance(node, dict) and node.get("type") == "I" and "text" not in node:
            missing.append("text")
        if missing:
            problem(f"node #{i} has no {' or '.join(repr(k) for k in missing)}")
            continue
        nid, kind = _text(node["nodeID"]), _text(node["type"])
        if nid in nodes:
            problem(f"node {nid} appears twice")
        elif kind not in _KNOWN:
            problem(f"node {nid} has unknown type '{kind}'; AIF node types are {', '.join(sorted(_KNOWN))}")
        elif kind in _UNSUPPORTED:
            problem(f"node {nid} is an {kind} node ({_UNSUPPORTED[kind]}), which claims rows cannot express")
        nodes[nid] = node
    edges = []
    for i, edge in enumerate(data["edges"], 1):
        if not isinstance(edge, dict) or "fromID" not in edge or "toID" not in edge:
            problem(f"edge #{i} has no 'fromID' or 'toID'")
            continue
        a, b = _text(edge["fromID"]), _text(edge["toID"])
        name = f"edge {_text(edge.get('edgeID', '#' + str(i)))} ({a} → {b})"
        missing = [n for n in (a, b) if n not in nodes]
        if missing:
            problem(f"{name} points at node {missing[0]}, which does not exist")
            continue
        ka, kb = _text(nodes[a]["type"]), _text(nodes[b]["type"])
        if ka in _DIALOGUE or kb in _DIALOGUE:
            continue
        if ka == "I" and kb == "I":
            problem(f"{name} joins two I-nodes; a support or attack goes through an RA or CA node")
        elif ka == "RA" and kb != "I":
            problem(f"{name} leads from an RA node to a {kb} node; only a CA node may point at a scheme node (an undercut)")
        else:
            edges.append({"from": a, "to": b})
    return nodes, edges, bad


@dataclass
class _Links:
    """Who points at whom, among the nodes kept: I-nodes and the RA/CA scheme nodes."""

    nodes: dict[str, dict]
    premises: dict[str, list[str]] = field(default_factory=dict)  # scheme node → its I-node premises
    conclusion: dict[str, list[str]] = field(default_factory=dict)  # scheme node → the node it points at
    premise_of: dict[str, list[str]] = field(default_factory=dict)  # I-node → the scheme nodes it is a premise of

    def kind(self, n: str) -> str:
        return _text(self.nodes[n]["type"])


def from_aif(path: str | Path) -> list[dict[str, str]]:
    """Rows (claims columns, as strings) from the AIF file ``path``; :class:`InvalidMap` lists what stops it.

    Columns kept in the I-nodes' ``argmap`` key by :func:`argmap.export_aif.to_aif` come back as
    they were; a map from elsewhere gets ids from its node ids, type ``claim`` and origin ``analyst``.
    """
    file = str(path)
    nodes, edges, bad = _check(read_json(path), file)
    g = _Links(nodes)
    for e in edges:
        a, b = e["from"], e["to"]
        if g.kind(a) == "I":
            g.premises.setdefault(b, []).append(a)
            g.premise_of.setdefault(a, []).append(b)
        else:
            g.conclusion.setdefault(a, []).append(b)
    atoms = [n for n in nodes if g.kind(n) == "I"]
    for s in (n for n in nodes if g.kind(n) in ("RA", "CA")):
        if not g.premises.get(s):
            bad.append(Problem(file, None, None, None, f"{g.kind(s)} node {s} has no premise (no edge from an I-node)"))
        if len(g.conclusion.get(s, [])) != 1:
            bad.append(Problem(file, None, None, None, f"{g.kind(s)} node {s} has {len(g.conclusion.get(s, []))} conclusions; it needs exactly one"))
    for a in atoms:
        if len(g.premise_of.get(a, [])) > 1:
            bad.append(
                Problem(
                    file,
                    None,
                    None,
                    None,
                    f"I-node {a} is a premise of {len(g.premise_of[a])} scheme nodes ({', '.join(g.premise_of[a])}); a row bears on one parent",
                )
            )
    if bad:
        raise InvalidMap(bad)
    return _rows(g, atoms)


def _rows(g: _Links, atoms: list[str]) -> list[dict[str, str]]:
    extras = {a: x if isinstance(x := g.nodes[a].get(EXTRA), dict) else {} for a in atoms}
    taken: set[str] = set()
    row_id = {a: unique_id([_text(extras[a].get("id")), a, "I" + a], "N", taken) for a in atoms}
    rows = {}
    for a in atoms:
        x = extras[a]
        row = {k: _text(v) for k, v in x.items() if k not in ("id", "text", "parent", "relation")}
        row.update(id=row_id[a], text=_text(g.nodes[a]["text"]), parent="", relation="")
        row.setdefault("type", "claim")
        row.setdefault("origin", "analyst")
        if a in g.premise_of:
            s = g.premise_of[a][0]
            target = g.conclusion[s][0]
            if g.kind(target) == "I":
                row["parent"], row["relation"] = row_id[target], "supports" if g.kind(s) == "RA" else "attacks"
            else:  # an undercut: the parent is the premise whose inference the CA attacks (the one named, if any)
                options = [row_id[p] for p in g.premises[target]]
                row["parent"] = _text(x.get("parent")) if _text(x.get("parent")) in options else options[0]
                row["relation"] = "undercuts"
            scheme = _text(g.nodes[s].get("scheme", g.nodes[s].get("text")))
            if "scheme" not in row and scheme in _SCHEMES:
                row["scheme"] = _SCHEMES[scheme]
        rows[a] = row
    _name_groups(g, rows, extras)
    return list(rows.values())


def _name_groups(g: _Links, rows: dict[str, dict[str, str]], extras: dict[str, dict]) -> None:
    """Co-premises (several I-nodes into one scheme node) share a group: their own if they agree, else a new one."""
    taken = {_text(x.get("group")) for x in extras.values()} - {""}
    for premises in g.premises.values():
        if len(premises) < 2:
            continue
        names = {_text(extras[p].get("group")) for p in premises}
        name = names.pop() if len(names) == 1 and "" not in names else ""
        if not name:
            name = next(f"g{n}" for n in range(1, len(taken) + 2) if f"g{n}" not in taken)
            taken.add(name)
        for p in premises:
            rows[p]["group"] = name
