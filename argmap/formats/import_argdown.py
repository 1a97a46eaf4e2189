"""Reading the JSON that the Argdown CLI makes of a statement map (``argdown json``) into claims rows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from argmap.core.errors import InvalidMap, Problem
from argmap.core.schema import schema
from argmap.formats.import_aif import ID, read_json, unique_id

__all__ = ["RELATIONS", "from_argdown", "statement_text"]

#: Argdown relation types → the claims relation of the statement they start from.
RELATIONS = {"support": "supports", "entails": "supports", "attack": "attacks", "contrary": "attacks", "undercut": "undercuts"}


def statement_text(member: dict[str, Any]) -> str:
    """A statement's text without its tags (Argdown leaves them in the text and marks them as ranges).

    >>> statement_text({"text": "Trees 🌳 cool #claim streets #analyst ", "ranges": [
    ...     {"type": "tag", "start": 14, "stop": 20}, {"type": "tag", "start": 29, "stop": 37}]})
    'Trees 🌳 cool streets'
    """
    units = str(member.get("text") or "").encode("utf-16-le", "surrogatepass")  # ranges count UTF-16 code units, as JavaScript does
    for r in sorted((r for r in member.get("ranges") or [] if r.get("type") == "tag"), key=lambda r: -int(r["start"])):
        units = units[: 2 * int(r["start"])] + units[2 * (int(r["stop"]) + 1) :]  # "stop" is the last unit of the tag
    return re.sub(" {2,}", " ", units.decode("utf-16-le", "surrogatepass")).strip()


def _problem(file: str, msg: str, id_: str | None = None) -> Problem:
    return Problem(file, None, id_, None, msg)


def from_argdown(path: str | Path) -> list[dict[str, str]]:
    """Rows from an Argdown JSON export; :class:`InvalidMap` lists what stops the import.

    Each statement becomes a row: its first type tag (``#claim`` …) is the type, the data block
    (``{quote: "…", paragraph: "3"}``) gives the other columns, and its one outgoing support,
    attack or undercut gives the parent. Arguments (``<name>``) have no place in claims rows.
    """
    file = str(path)
    data = read_json(path)
    if not isinstance(data, dict):
        raise InvalidMap([_problem(file, f"an Argdown JSON export is an object with 'statements' and 'relations', not a {type(data).__name__}")])
    bad = [_problem(file, f"missing key '{k}'; is this the output of 'argdown json'?") for k in ("statements", "relations") if k not in data]
    if bad:
        raise InvalidMap(bad)
    statements, relations = data["statements"], data["relations"]
    if not isinstance(statements, dict) or not isinstance(relations, list):
        raise InvalidMap([_problem(file, "'statements' must be an object and 'relations' a list")])
    arguments = data.get("arguments") or {}
    if arguments:
        names = ", ".join(f"<{a}>" for a in list(arguments)[:5])
        bad.append(
            _problem(file, f"has {len(arguments)} argument(s) ({names}); claims rows are statements, so write the map with statements and <+, <-, <_ only")
        )
    types = schema("claims").field("type").enum or ()
    taken: set[str] = set()
    ids = {title: unique_id([str(title)], "S", taken) for title in statements}
    rows: dict[str, dict[str, str]] = {}
    for title, ec in statements.items():
        if not isinstance(ec, dict):
            bad.append(_problem(file, f"statement '{title}' is not an object"))
            continue
        rows[title] = _row(ids[title], ec, types)
    for i, rel in enumerate(relations, 1):
        if not isinstance(rel, dict) or not {"from", "to", "relationType"} <= rel.keys():
            bad.append(_problem(file, f"relation #{i} has no 'from', 'to' or 'relationType'"))
            continue
        a, b, kind = str(rel["from"]), str(rel["to"]), str(rel["relationType"])
        if rel.get("fromType", "equivalence-class") != "equivalence-class" or rel.get("toType", "equivalence-class") != "equivalence-class":
            continue  # a relation of an argument: reported with the arguments above
        missing = [t for t in (a, b) if t not in rows]
        if missing:
            bad.append(_problem(file, f"relation #{i} ({a} {kind} {b}) names statement '{missing[0]}', which does not exist"))
        elif kind not in RELATIONS:
            bad.append(_problem(file, f"relation #{i} is a '{kind}' relation ({a}, {b}); claims rows have supports, attacks and undercuts", ids[a]))
        elif rows[a]["parent"]:
            bad.append(_problem(file, f"bears on both '{rows[a]['parent']}' and '{ids[b]}'; a row has one parent", ids[a]))
        else:
            rows[a]["parent"], rows[a]["relation"] = ids[b], RELATIONS[kind]
    if bad:
        raise InvalidMap(bad)
    return list(rows.values())


def _row(id_: str, ec: dict[str, Any], types: tuple[str, ...]) -> dict[str, str]:
    members = [m for m in ec.get("members") or [] if isinstance(m, dict)]
    member = next((m for m in members if m.get("text")), members[0] if members else {})
    data = {k: "" if v is None else str(v) for k, v in (ec.get("data") or member.get("data") or {}).items()}
    tags = [str(t) for t in ec.get("tags") or member.get("tags") or []]
    kind = next((t for t in tags if t in types), data.get("type") or "claim")
    origin = data.get("origin") or next((t for t in tags if t not in types and ID.fullmatch(t) and t.islower()), "analyst")
    text = data["text"] if "text" in data else statement_text(member)
    return data | {"id": id_, "type": kind, "text": text, "origin": origin, "parent": "", "relation": ""}
