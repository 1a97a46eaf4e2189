"""Reading Argdown (an ``.argdown`` file through the Argdown CLI, or the JSON of ``argdown json``) into claims rows.

- Each statement (equivalence class: every statement with the same title) is one statement: an original row,
  and a restatement (``same_as``) for each further inference it is a premise of.
- An argument with a premise–conclusion structure (PCS) is its premises as one linked reason under its
  conclusion (the group is named after the argument); an argument without one is a row of its own.
- Contradictions (``><``) and contraries (strict mode's attacks between statements, symmetric for Argdown) are two
  attacks; an attack on a reconstructed argument undercuts its inference.
- A conclusion argmap's export wrote only to carry an undercut attack (``{argmap: attacks}``) is folded away: the
  argument's premises attack the target, and what undercuts the argument undercuts that attack.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError, read_input
from argmap.core.jsontext import parse_json
from argmap.formats.argdown_cli import is_argdown_text, parse_argdown
from argmap.formats.argdown_reader import Reader
from argmap.formats.imported import Imported
from argmap.formats.jsonin import Fields
from argmap.formats.statements import Use, place

__all__ = ["RELATIONS", "from_argdown", "rows_from_argdown", "statement_text"]

#: Argdown relation types → the claims relation of the statement they start from.
RELATIONS = {"support": "supports", "entails": "supports", "attack": "attacks", "contrary": "attacks", "contradictory": "attacks", "undercut": "undercuts"}
_OWN = ("type", "text", "quote", "paragraph", "title")
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


def rows_from_argdown(data: Any, file: str) -> Imported:
    """Claims rows from the JSON of the Argdown CLI, with counts of what came in and what was left out."""
    if not isinstance(data, dict):
        raise ArgmapError(f"{file}: an Argdown JSON export is an object with 'statements' and 'relations', not {Fields.name(data)}")
    top = Fields(data, file, "the file")
    for key in ("statements", "relations"):
        if key not in data:
            raise ArgmapError(f"{file}: missing key '{key}'; is this the output of 'argdown json'?")
    r = Reader(file)
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
    relations = [Fields(raw, file, f"relation #{i}") for i, raw in enumerate(top.array("relations"), 1)]
    carried = _carried(r, pcs, relations)
    inference: dict[tuple[str, int], list[Use]] = {}
    for title, (steps, _) in pcs.items():
        if title in carried.values():
            inference[(title, 0)] = []  # its premises' uses, made with the relation its conclusion carries
            continue
        for k, (*premises, conclusion) in enumerate(steps):
            name = title if k == len(steps) - 1 else f"{title} ({k + 1})"
            ends = ((premises[0][2:], conclusion[2:]), (r.rows[premises[0]]["id"], r.rows[conclusion]["id"])) if len(premises) == 1 else ()
            if len(steps) == 1 and any(title == f"{a} → {b}" for a, b in ends):
                name = ""  # argmap's name for a single premise's inference (written as a PCS so it can be undercut)
            inference[(title, k)] = [r.use(p, conclusion, "supports", name) for p in premises]
    for rel in relations:
        _relation(r, rel, pcs, inference, carried)
    for u, key in r.later:  # an undercut of a statement or of an argument without a PCS: of its own inference, if it has one
        u.target = [t for t in r.uses if t.premise == key and t is not u]
        if not u.target:
            u.target, u.relation = key, "attacks"
    r.match_undercuts()
    if not r.rows:
        raise ArgmapError(f"{file}: no statements or arguments: nothing to import")
    rows, lost = place(r.rows, r.uses, r.taken, _OWN)
    r.left_out["relation (from a statement to itself, or an undercut of no inference)"] += len(lost)
    return Imported(rows, r.came_in, r.left_out)


def _inferences(arg: Fields, r: Reader) -> tuple[list[list[str]], dict[int, int]]:
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
            r.left_out["inference rule (no claims column)"] += len(st.sub("inference").array("inferenceRules"))
            if since:
                at[i] = len(steps)
                steps.append([*since, key])
            since = [key]
        else:
            since.append(key)
    return steps, at


def _carried(r: Reader, pcs: dict[str, tuple[list[list[str]], dict[int, int]]], relations: list[Fields]) -> dict[str, str]:
    """Conclusions that argmap's export wrote only to carry an attack or undercut whose inference is undercut
    (``{argmap: attacks}`` or ``undercuts`` in the data; the conclusion of one argument's single inference,
    in no other PCS, with one such relation going out and none coming in): conclusion key → argument title.
    Their rows are dropped; the argument's premises bear on the target directly (see :func:`_relation`)."""
    named = Counter(k for steps, _ in pcs.values() for step in steps for k in set(step))
    out: dict[str, str] = {}
    for title, (steps, _) in pcs.items():
        concl = steps[-1][-1]
        kind = r.data[concl].obj.get("argmap") if concl in r.data else None  # any other data is the file's own
        if len(steps) != 1 or kind not in ("attacks", "undercuts") or named[concl] != 1:
            continue
        name = concl[2:]
        going = [
            rel for rel in relations if (rel.text("from"), rel.text("fromType", "equivalence-class")) in ((name, "equivalence-class"), (title, "argument"))
        ]
        coming = [rel for rel in relations if (rel.text("to"), rel.text("toType", "equivalence-class")) == (name, "equivalence-class")]
        if len(going) != 1 or coming or RELATIONS.get(going[0].text("relationType")) != kind:
            continue
        out[concl] = title
        r.taken.discard(r.rows.pop(concl)["id"].lower())
        r.came_in["statement"] -= 1
        r.left_out["data field (no claims column)"] -= 1  # "argmap" said what it was
    return out


def _relation(
    r: Reader,
    rel: Fields,
    pcs: dict[str, tuple[list[list[str]], dict[int, int]]],
    inference: dict[tuple[str, int], list[Use]],
    carried: dict[str, str],
) -> None:
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
    if source in carried:  # the premises of the argument carrying it bear on the target together
        premises = pcs[carried[source]][0][0][:-1]
        sources = [(p, carried[source] if len(premises) > 1 else "") for p in premises]
    else:
        sources = [(source, "")]
    if any(s not in r.rows for s, _ in sources) or (isinstance(target, str) and target not in r.rows):
        r.left_out["relation (unknown end)"] += 1
        return
    r.came_in["relation"] += 1
    made = []
    for s, group in sources:
        if relation == "undercuts" and isinstance(target, str):  # statement on statement: the target's own inference, filled in at the end
            made.append(u := r.use(s, [], relation, group))
            r.later.append((u, target))
        elif kind in ("contradictory", "contrary") and isinstance(target, str):  # symmetric for Argdown: two attacks
            first, second = (target, s) if kind == "contradictory" else (s, target)  # "><": the outer statement keeps its place
            r.use(first, second, "attacks")
            r.use(second, first, "attacks").want.setdefault("restate", "yes")
        else:
            made.append(r.use(s, target, relation, group))
    if source in carried:
        inference[(carried[source], 0)].extend(made)


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
