"""The AIF graph in a file: plain AIF (AIFdb, arguebuf, argmap), OVA3's wrapped form, or OVA's own save format.

:func:`read_graph` checks every field's type, refuses what cannot be a map (duplicate ids, dangling edges) in one
line each, and sets aside, counted by kind, what claims rows cannot hold: the dialogue layer (L, YA, TA nodes,
whose speakers are kept), rephrase (MA) and preference (PA) nodes, and scheme nodes without premise or conclusion.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from argmap.core.errors import ArgmapError, InvalidMap, Problem
from argmap.formats.jsonin import Fields

__all__ = ["DIALOGUE", "Graph", "Use", "read_graph"]

DIALOGUE = {"L": "dialogue", "YA": "dialogue", "TA": "dialogue"}
_DROPPED = DIALOGUE | {"MA": "rephrase", "PA": "preference"}
_SCHEME = {"RA", "CA"}
_TAG = re.compile(r"<br\s*/?>|</(?:p|div)>", re.I)
_SPEAKER = re.compile(r"^\s*([^:\n]{1,60}?)\s*:\s+\S")


@dataclass
class Use:
    """One edge from an I-node into a scheme node: one inference the statement is a premise of."""

    atom: str
    scheme: str
    extra: dict[str, Any]


@dataclass
class Graph:
    """The usable part of an AIF file: I-nodes, RA/CA nodes, premise uses and each scheme node's conclusion."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)  # I, RA and CA nodes by id, in file order
    uses: list[Use] = field(default_factory=list)
    conclusion: dict[str, str] = field(default_factory=dict)  # scheme node → the node it points at
    speaker: dict[str, str] = field(default_factory=dict)  # I-node → who asserted it (from the dialogue layer)
    came_in: Counter[str] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)
    text: str | None = None
    form: str = "AIF"

    def kind(self, n: str) -> str:
        return str(self.nodes[n]["type"])

    def premises(self, s: str) -> list[Use]:
        return [u for u in self.uses if u.scheme == s]


def _plain(text: str) -> str:
    """OVA's analysed text (HTML with spans) as plain paragraphs separated by blank lines."""
    text = _TAG.sub("\n\n", text)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", text)]
    return "\n\n".join(b for b in blocks if b)


def _unwrap(data: Any, file: str) -> tuple[dict[str, Any], str | None, str]:
    """The AIF object inside ``data``, the analysed text if the file has one, and the form's name."""
    if not isinstance(data, dict):
        raise ArgmapError(f"{file}: an AIF file is a JSON object with 'nodes' and 'edges' (or OVA3's 'AIF'), not {Fields.name(data)}")
    top = Fields(data, file, "the file")
    if "AIF" in top.obj:  # OVA3 and ARG-tech's pipeline: {"AIF": {...}, "OVA": {...}, "text": ...}
        raw = top.obj.get("text")
        text = raw if isinstance(raw, str) else (Fields(raw, file, "'text'").text("txt") if isinstance(raw, dict) else None)
        return top.sub("AIF", "'AIF'").obj, (_plain(text) or None) if text else None, "OVA3 (wrapped AIF)"
    nodes = top.obj.get("nodes")
    if isinstance(nodes, list) and nodes and isinstance(nodes[0], dict) and "nodeID" not in nodes[0] and {"id", "x", "y"} <= nodes[0].keys():
        return _from_ova(top, file), _plain(top.sub("analysis").text("txt")) or None, "OVA's own save format"
    return top.obj, None, "AIF"


def _from_ova(top: Fields, file: str) -> dict[str, Any]:
    """OVA's own save format (nodes with id, x, y; edges naming whole nodes) as AIF nodes, edges and participants."""
    nodes = []
    for i, raw in enumerate(top.array("nodes"), 1):
        n = Fields(raw, file, f"node #{i}")
        nodes.append(
            {"nodeID": n.text("id"), "type": n.text("type"), "text": n.text("text"), "scheme": n.text("scheme"), "participantID": n.text("participantID")}
        )
    edges = []
    for i, raw in enumerate(top.array("edges"), 1):
        e = Fields(raw, file, f"edge #{i}")
        edges.append({"edgeID": str(i), "fromID": e.sub("from").text("id"), "toID": e.sub("to").text("id")})
    people = []
    for i, raw in enumerate(top.array("participants"), 1):
        p = Fields(raw, file, f"participant #{i}")
        people.append({"participantID": p.text("id"), "firstname": p.text("firstname"), "surname": p.text("surname")})
    return {"nodes": nodes, "edges": edges, "participants": people, "ova_people": True}


def _speakers(aif: Fields, nodes: dict[str, dict[str, Any]], file: str) -> dict[str, str]:
    """Each L-node's speaker: from the locutions and participants lists, else from a ``Name: text`` locution."""
    people = {}
    for i, raw in enumerate(aif.array("participants"), 1):
        p = Fields(raw, file, f"participant #{i}")
        people[p.text("participantID")] = " ".join(x for x in (p.text("firstname"), p.text("surname")) if x)
    person = {}
    for i, raw in enumerate(aif.array("locutions"), 1):
        loc = Fields(raw, file, f"locution #{i}")
        person[loc.text("nodeID")] = loc.text("personID")
    out = {}
    for nid, node in nodes.items():
        if node["type"] != "L":
            continue
        pid = person.get(nid) or str(node.get("participantID") or "")
        if people.get(pid):
            out[nid] = people[pid]
        elif m := _SPEAKER.match(str(node.get("text", ""))):
            out[nid] = m.group(1)
    return out


def read_graph(data: Any, file: str) -> Graph:
    """The usable AIF graph in ``data``; :class:`InvalidMap` for duplicate ids and dangling edges, one line each."""
    raw, text, form = _unwrap(data, file)
    aif = Fields(raw, file, "the AIF")
    bad: list[Problem] = []
    for key in ("nodes", "edges"):
        if key not in aif.obj:
            bad.append(Problem(file, None, None, None, f"missing key '{key}' (a list); is this an AIF file?"))
    if bad:
        raise InvalidMap(bad)
    g = Graph(text=text, form=form)
    every: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(aif.array("nodes"), 1):
        n = Fields(item, file, f"node #{i}")
        missing = [k for k in ("nodeID", "type") if not n.has(k)]
        if missing:
            bad.append(Problem(file, None, None, None, f"node #{i} has no {' or '.join(repr(k) for k in missing)}"))
            continue
        nid, kind = n.text("nodeID"), n.text("type")
        node = {"type": kind, "text": n.text("text"), "scheme": n.text("scheme"), "participantID": n.text("participantID"), "extra": n.mapping("argmap")}
        if nid in every:
            bad.append(Problem(file, None, None, None, f"node {nid} appears twice"))
            continue
        every[nid] = node
        if kind == "I" or kind in _SCHEME:
            g.nodes[nid] = node
        else:
            g.left_out[f"{kind or 'untyped'} node ({_DROPPED.get(kind, 'not an AIF node type')})"] += 1
    edges: list[tuple[str, str, dict[str, Any]]] = []
    for i, item in enumerate(aif.array("edges"), 1):
        e = Fields(item, file, f"edge #{i}")
        if not e.has("fromID") or not e.has("toID"):
            bad.append(Problem(file, None, None, None, f"edge #{i} has no 'fromID' or 'toID'"))
            continue
        a, b = e.text("fromID"), e.text("toID")
        missing = [n for n in (a, b) if n not in every]
        if missing:
            bad.append(Problem(file, None, None, None, f"edge {e.text('edgeID', '#' + str(i))} ({a} → {b}) points at node {missing[0]}, which does not exist"))
            continue
        edges.append((a, b, e.mapping("argmap")))
    if bad:
        raise InvalidMap(bad)
    speaker_of_l = _speakers(aif, every, file)
    _link(g, every, edges, speaker_of_l)
    if not any(g.kind(n) == "I" for n in g.nodes):
        raise ArgmapError(f"{file}: no I-nodes (statements): nothing to import" + (f"; left out {sum(g.left_out.values())} other nodes" if g.left_out else ""))
    return g


def _link(g: Graph, every: dict[str, dict[str, Any]], edges: list[tuple[str, str, dict[str, Any]]], speaker_of_l: dict[str, str]) -> None:
    """Premise uses and conclusions among the kept nodes; speakers through L → YA → I; odd edges counted and set aside."""
    ya_from: dict[str, list[str]] = {}
    for a, b, _ in edges:
        if every[a]["type"] == "L" and every[b]["type"] == "YA":
            ya_from.setdefault(b, []).append(a)
    conclusions: dict[str, list[str]] = {}
    for a, b, extra in edges:
        if every[a]["type"] == "YA" and every[b]["type"] == "I":
            for loc in ya_from.get(a, []):
                if loc in speaker_of_l:
                    g.speaker.setdefault(b, speaker_of_l[loc])
        if a not in g.nodes or b not in g.nodes:
            continue
        ka, kb = g.kind(a), g.kind(b)
        if ka == "I" and kb == "I":
            g.left_out["edge joining two I-nodes (no RA or CA node between)"] += 1
        elif ka == "I":
            g.uses.append(Use(a, b, extra))
        elif ka == "RA" and kb != "I":
            g.left_out["edge from an RA node to a scheme node"] += 1
        else:
            conclusions.setdefault(a, []).append(b)
    # a scheme node is usable when it has a premise and one conclusion that is an I-node or a usable scheme node
    with_premise = {u.scheme for u in g.uses}
    usable = {s for s in g.nodes if g.kind(s) in _SCHEME and s in with_premise and len(conclusions.get(s, [])) == 1}
    pointed_at: dict[str, list[str]] = {}  # scheme node → the CA nodes undercutting it
    for s in usable:
        pointed_at.setdefault(conclusions[s][0], []).append(s)
    bad = [s for s in usable if conclusions[s][0] == s or (g.kind(conclusions[s][0]) != "I" and conclusions[s][0] not in usable)]
    while bad:  # an undercut of an unusable scheme node is unusable too
        s = bad.pop()
        if s in usable:
            usable.discard(s)
            bad += pointed_at.get(s, [])
    for s in [n for n in g.nodes if g.kind(n) in _SCHEME]:
        if s in usable:
            g.conclusion[s] = conclusions[s][0]
        else:
            why = "no premise" if s not in with_premise else "no single conclusion"
            g.left_out[f"{g.kind(s)} node ({why})"] += 1
            del g.nodes[s]
    g.uses = [u for u in g.uses if u.scheme in g.nodes]
    g.came_in.update({"I-node": sum(1 for n in g.nodes if g.kind(n) == "I")})
    g.came_in.update({"RA node": sum(1 for n in g.nodes if g.kind(n) == "RA"), "CA node": sum(1 for n in g.nodes if g.kind(n) == "CA")})
