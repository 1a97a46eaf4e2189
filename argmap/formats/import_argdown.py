"""Reading Argdown (an ``.argdown`` file through the Argdown CLI, or the JSON of ``argdown json``) into claims rows.

- Each statement (equivalence class: every statement with the same title) is one statement: an original row,
  and a restatement (``same_as``) for each further inference it is a premise of.
- An argument with a premise–conclusion structure (PCS) is its premises as one linked reason under its
  conclusion (the group is named after the argument); an argument without one is a row of its own.
- Contradictions (``><``) are two attacks; an attack on a reconstructed argument undercuts its inference.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError, read_input
from argmap.core.schema import schema
from argmap.formats.argdown_cli import is_argdown_text, parse_argdown
from argmap.formats.imported import Imported
from argmap.formats.jsonin import Fields, parse_json
from argmap.formats.statements import Use, place, unique_id

__all__ = ["RELATIONS", "from_argdown", "rows_from_argdown", "statement_text"]

#: Argdown relation types → the claims relation of the statement they start from.
RELATIONS = {"support": "supports", "entails": "supports", "attack": "attacks", "contrary": "attacks", "contradictory": "attacks", "undercut": "undercuts"}
_ORIGIN = re.compile(r"[a-z][a-z0-9-]{0,31}")
_OWN = ("type", "text", "quote", "paragraph")
_CONCLUSION = ("intermediary-conclusion", "main-conclusion")


def statement_text(member: Fields) -> str:
    """A statement's text without its tags (Argdown leaves them in the text and marks them as ranges).

    >>> statement_text(Fields({"text": "Trees 🌳 cool #claim streets #analyst ", "ranges": [
    ...     {"type": "tag", "start": 14, "stop": 20}, {"type": "tag", "start": 29, "stop": 37}]}, "f", "s"))
    'Trees 🌳 cool streets'
    """
    units = member.text("text").encode("utf-16-le", "surrogatepass")  # ranges count UTF-16 code units, as JavaScript does
    tags = []
    for i, r in enumerate(member.array("ranges"), 1):
        f = Fields(r, member.file, f"{member.where}: range #{i}")
        if f.text("type") == "tag":
            tags.append((f.number("start"), f.number("stop")))
    for start, stop in sorted(tags, reverse=True):  # "stop" is the last unit of the tag
        if 0 <= start <= stop < len(units) // 2:
            units = units[: 2 * start] + units[2 * (stop + 1) :]
    return re.sub(" {2,}", " ", units.decode("utf-16-le", "surrogatepass")).strip()


class _Reader:
    """The state of one import: rows by key (``s:TITLE`` for statements, ``a:TITLE`` for arguments without a PCS)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.names = schema("claims").names
        self.types = schema("claims").field("type").enum or ()
        self.taken: set[str] = set()
        self.rows: dict[str, dict[str, str]] = {}
        self.restated: dict[str, list[dict[str, str]]] = {}
        self.parent: dict[str, str] = {}
        self.uses: list[Use] = []
        self.later: list[tuple[Use, str]] = []
        self.restated_ids: dict[str, list[str]] = {}
        self.parent_used: set[str] = set()
        self.came_in: Counter[str] = Counter()
        self.left_out: Counter[str] = Counter()

    def row(self, key: str, title: str, item: Fields, text: str, data: dict[str, Any]) -> None:
        """An original row from a statement or an argument: type and origin from tags, columns from the data block."""
        d = Fields(data, self.file, f"{item.where}: data")
        tags = [Fields({"t": t}, self.file, f"{item.where}: 'tags'").text("t") for t in item.array("tags")]
        kind = next((t for t in tags if t in self.types), d.text("type") if d.text("type") in self.types else "claim")
        origin = d.text("origin") or next((t for t in tags if t not in self.types and _ORIGIN.fullmatch(t)), "analyst")
        self.left_out["tag (no claims column)"] += sum(1 for t in tags if t != kind and t != origin)
        row = {k: d.text(k) for k in data if k in self.names and k not in ("id", "parent", "relation", "same_as", "text")}
        self.left_out["data field (no claims column)"] += sum(1 for k in data if k not in self.names and k != "restated")
        rid = unique_id([d.text("id"), title], "S" if key.startswith("s:") else "A", self.taken)
        row.update(id=rid, type=kind, origin=origin, text=d.text("text") or text or title)
        if title != rid and not title.startswith("Untitled ") and row["text"] != title:
            self.left_out["title (not a valid id; the row got a new one)"] += 1
        self.rows[key] = row
        if d.text("parent"):
            self.parent[key] = d.text("parent")
        self.restated[key] = [_entry(e, Fields(data, self.file, item.where)) for e in d.array("restated")]
        self.restated_ids[key] = [e.get("id", "") for e in self.restated[key]]

    def use(self, premise: str, target: str | list[Use], relation: str, group: str = "") -> Use:
        want = {}
        entries = self.restated.get(premise, [])
        target_id = self.rows[target]["id"] if isinstance(target, str) else None
        for e in entries:
            if e.get("relation") == relation and (target_id is None or e.get("parent") in (target_id, *self._restatement_ids(str(target)))):
                want = e
                entries.remove(e)
                break
        else:
            if premise in self.parent and premise not in self.parent_used:
                self.parent_used.add(premise)
                want = {"parent": self.parent[premise]}
        u = Use(premise, target, relation, group, want)
        self.uses.append(u)
        return u

    def _restatement_ids(self, key: str | None) -> list[str]:
        return self.restated_ids.get(key or "", [])


def _entry(raw: Any, data: Fields) -> dict[str, str]:
    e = Fields(raw, data.file, f"{data.where}: 'restated'")
    return {k: e.text(k) for k in e.obj}


def rows_from_argdown(data: Any, file: str) -> Imported:
    """Claims rows from the JSON of the Argdown CLI, with counts of what came in and what was left out."""
    if not isinstance(data, dict):
        raise ArgmapError(f"{file}: an Argdown JSON export is an object with 'statements' and 'relations', not {Fields.name(data)}")
    top = Fields(data, file, "the file")
    for key in ("statements", "relations"):
        if key not in data:
            raise ArgmapError(f"{file}: missing key '{key}'; is this the output of 'argdown json'?")
    r = _Reader(file)
    for title, raw in top.mapping("statements").items():
        ec = Fields(raw, file, f"statement '{title}'")
        members = [Fields(m, file, f"statement '{title}': member #{i}") for i, m in enumerate(ec.array("members"), 1)]
        merged: dict[str, Any] = {}
        for m in members:
            merged |= m.mapping("data")
        text = next((t for m in members if (t := statement_text(m))), "")
        r.row("s:" + title, title, ec, text, merged | ec.mapping("data"))
        r.came_in["statement"] += 1
    pcs: dict[str, tuple[list[list[str]], dict[int, int]]] = {}  # argument → its inferences ([premises…, conclusion]), by PCS index
    for title, raw in top.mapping("arguments").items():
        arg = Fields(raw, file, f"argument '{title}'")
        members = [Fields(m, file, f"argument '{title}': member #{i}") for i, m in enumerate(arg.array("members"), 1)]
        merged = {}
        for m in members:
            merged |= m.mapping("data")
        steps, at = _inferences(arg, r)
        if steps:
            pcs[title] = steps, at
            r.came_in["argument (premise–conclusion structure)"] += 1
            r.left_out["argument description (of a reconstructed argument)"] += any(statement_text(m) for m in members)
        else:
            text = next((t for m in members if m.text("role") == "argument-description" and (t := statement_text(m))), "")
            r.row("a:" + title, title, arg, text, merged | arg.mapping("data"))
            r.came_in["argument (as a row)"] += 1
    inference: dict[tuple[str, int], list[Use]] = {}
    for title, (steps, _) in pcs.items():
        for k, (*premises, conclusion) in enumerate(steps):
            name = title if k == len(steps) - 1 else f"{title} ({k + 1})"
            if len(steps) == 1 and len(premises) == 1 and title == f"{premises[0][2:]} → {conclusion[2:]}":
                name = ""  # argmap's name for a single premise's inference (written as a PCS so it can be undercut)
            inference[(title, k)] = [r.use(p, conclusion, "supports", name) for p in premises]
    for i, raw in enumerate(top.array("relations"), 1):
        _relation(r, Fields(raw, file, f"relation #{i}"), pcs, inference)
    for u, key in r.later:  # an undercut of a statement or of an argument without a PCS: of its own inference, if it has one
        u.target = [t for t in r.uses if t.premise == key and t is not u]
        if not u.target:
            u.target, u.relation = key, "attacks"
    if not r.rows:
        raise ArgmapError(f"{file}: no statements or arguments: nothing to import")
    rows, lost = place(r.rows, r.uses, r.taken, _OWN)
    r.left_out["relation (from a statement to itself, or an undercut of no inference)"] += len(lost)
    return Imported(rows, r.came_in, r.left_out)


def _inferences(arg: Fields, r: _Reader) -> tuple[list[list[str]], dict[int, int]]:
    """The inferences of an argument's PCS (premises since the last conclusion, and that conclusion, then the
    conclusion), and which inference ends at each PCS index."""
    steps: list[list[str]] = []
    at: dict[int, int] = {}
    since: list[str] = []
    for i, raw in enumerate(arg.array("pcs")):
        st = Fields(raw, arg.file, f"{arg.where}: pcs #{i + 1}")
        key = "s:" + st.text("title")
        if key not in r.rows:
            r.left_out["PCS statement (unknown title)"] += 1
            continue
        if st.text("role") in _CONCLUSION:
            if since:
                at[i] = len(steps)
                steps.append([*since, key])
            since = [key]
        else:
            since.append(key)
    return steps, at


def _relation(r: _Reader, rel: Fields, pcs: dict[str, tuple[list[list[str]], dict[int, int]]], inference: dict[tuple[str, int], list[Use]]) -> None:
    kind, a, b = rel.text("relationType"), rel.text("from"), rel.text("to")
    a_type, b_type = rel.text("fromType", "equivalence-class"), rel.text("toType", "equivalence-class")
    if kind not in RELATIONS:
        r.left_out[f"relation ({kind or 'untyped'})"] += 1
        return
    relation = RELATIONS[kind]
    source = "s:" + a if a_type == "equivalence-class" else (pcs[a][0][-1][-1] if a in pcs else "a:" + a)
    target: str | list[Use]
    if b_type in ("inference", "argument") and b in pcs:
        steps, at = pcs[b]
        last = len(steps) - 1
        if b_type == "inference":
            target, relation = inference[(b, at.get(rel.number("conclusionIndex"), last) if rel.has("conclusionIndex") else last)], "undercuts"
        elif relation == "supports":
            if source == steps[-1][-1]:
                return  # an argument supporting its own conclusion: the PCS says it already
            target = steps[-1][-1]
        else:
            target, relation = inference[(b, last)], "undercuts"
    else:
        target = ("a:" if b_type == "argument" else "s:") + b
    if source not in r.rows or (isinstance(target, str) and target not in r.rows):
        r.left_out["relation (unknown end)"] += 1
        return
    r.came_in["relation"] += 1
    if relation == "undercuts" and isinstance(target, str):  # statement on statement: the target's own inference, filled in at the end
        r.later.append((r.use(source, [], relation), target))
        return
    if kind == "contradictory" and isinstance(target, str):  # two attacks; the outer statement keeps its own place
        r.use(target, source, "attacks")
        r.use(source, target, "attacks").want.setdefault("restate", "yes")
        return
    r.use(source, target, relation)


def from_argdown(path: str | Path) -> Imported:
    """Rows from an Argdown file (through the pinned Argdown CLI) or from the JSON the CLI makes of one."""
    file = str(path)
    raw = read_input(path, "file")
    if is_argdown_text(raw, path):
        return rows_from_argdown(parse_argdown(path), file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ArgmapError(f"{file}: not UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})") from None
    return rows_from_argdown(parse_json(text, file), file)
