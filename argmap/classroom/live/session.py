"""A class session: the author's map, the branch under discussion, the groups' approved rows, and checking what students send.

Every check is the project's own: a contribution becomes a row of its group's overlay file and goes through
:func:`argmap.core.validate.validate` with the author's rows and every approved row, so a student reads the
same messages ``argmap validate --with`` prints.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path

from argmap.classroom.live.store import Store
from argmap.core.errors import InvalidMap, Problem
from argmap.core.model import ArgumentMap
from argmap.core.overlay import merge
from argmap.core.schema import schema
from argmap.core.source import Source, find_source
from argmap.core.table import Table, read_rows
from argmap.core.validate import mismatch, validate

__all__ = ["KINDS", "LIMITS", "Session", "clean", "origin"]

#: What a student can add, as (row type, relations offered); a restatement takes its type from the statement it restates.
KINDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "objection": ("objection", ("attacks", "undercuts")),
    "assumption": ("assumption", ("supports",)),
    "reason": ("claim", ("supports",)),
    "restatement": ("", ("supports", "attacks")),
}

#: Longest value accepted per field, in characters.
LIMITS = {"pseudonym": 24, "text": 200, "quote": 400, "comment": 200, "nonce": 64, "id": 32, "code": 12, "group": 12}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(value: object, field: str) -> str:
    """A submitted value as one line of text without control characters, cut to the field's limit.

    >>> clean("  two\\nlines\\x07 ", "text")
    'two lines'
    """
    text = _CONTROL.sub("", " ".join(str(value if value is not None else "").split()))
    return text[: LIMITS.get(field, 200)]


def origin(group: str) -> str:
    """The origin a group's rows carry, as the overlay files name it: ``group-a``."""
    return f"group-{group}"


@dataclass
class Checked:
    """A contribution turned into an overlay row, with the problems the validator found in it (empty when it can be sent)."""

    row: dict[str, str]
    problems: list[Problem]

    def messages(self) -> list[dict[str, str]]:
        return [{"field": p.column or "", "message": p.message, "line": str(p)} for p in self.problems]


class Session:
    """The store plus the map it is about; ``current_map`` has the approved class rows merged in."""

    def __init__(self, store: Store) -> None:
        self.store = store
        meta = store.meta
        self.claims = Path(meta["claims"])
        self.branch = meta["branch"]
        self.code = meta["code"]
        self.secret = meta["secret"]
        self.groups = store.groups()
        self.table: Table = read_rows(self.claims)
        if self.table.problems:
            raise InvalidMap(self.table.problems)
        self.source = Source.load(meta.get("source") or find_source(self.claims))
        self.header = list(schema("claims").usual)  # a title column only where a row has one
        self._cache: dict[str, tuple[int, object]] = {}
        self._lock = threading.Lock()
        self._making: dict[str, threading.Lock] = {}
        problems = validate(self.table, self.source)
        if problems:
            raise InvalidMap(problems)

    # -- the map with the approved rows ----------------------------------------------------------------------
    def row_of(self, c) -> dict[str, str]:
        """The overlay row of a stored contribution, as the exported group file holds it."""
        row = dict.fromkeys(self.header, "")
        row.update(id=c["row_id"], type=c["type"], text=c["text"], parent=c["parent"], relation=c["relation"], origin=origin(c["grp"]))
        row["same_as"] = c["same_as"]
        if c["quote"]:
            row["note"] = f"Quotes ¶{c['paragraph']}: “{c['quote']}”"
        return row

    def approved(self) -> dict[str, list[dict[str, str]]]:
        """The approved rows per group, in the order approved (read once per version of the map)."""

        def make() -> dict[str, list[dict[str, str]]]:
            rows: dict[str, list[dict[str, str]]] = {g: [] for g in self.groups}
            for c in self.store.contributions("approved"):
                rows.setdefault(c["grp"], []).append(self.row_of(c))
            return rows

        return self.cached("approved", make)

    def overlays(self, extra: dict[str, str] | None = None) -> list[Table]:
        """One overlay table per group with approved rows (and ``extra`` appended to its group's), lines as in the export."""
        rows = {g: list(r) for g, r in self.approved().items()}
        if extra is not None:
            rows.setdefault(extra["origin"].removeprefix("group-"), []).append(extra)
        return [Table(f"{origin(g)}.csv", self.header, r, list(range(2, len(r) + 2))) for g, r in rows.items() if r]

    def cached(self, name: str, make):
        """``make()``, computed once per version of the map (a new approved row)."""
        version = self.store.map_version()
        with self._lock:
            lock = self._making.setdefault(name, threading.Lock())
        with lock:  # one maker per name at a time: a second request for the same version waits for the first's result
            hit = self._cache.get(name)
            if hit is not None and hit[0] == version:
                return hit[1]
            value = make()
            self._cache[name] = (version, value)
        return value

    def current_map(self) -> ArgumentMap:
        def make() -> ArgumentMap:
            merged, _ = merge(self.table, self.overlays())
            return ArgumentMap(merged.rows, path=self.claims, source=self.source, lines=merged.lines)

        return self.cached("map", make)

    def boxes(self) -> list[str]:
        """Ids of the boxes on the students' map: the branch, with the approved class rows under it."""
        amap = self.current_map()
        if self.branch and self.branch in amap:
            return amap.subtree(self.branch)
        return amap.ids

    # -- checking a contribution -----------------------------------------------------------------------------
    def check(self, group: str, data: dict, row_id: str = "") -> Checked:
        """The overlay row for ``data`` (kind, parent, relation, text, same_as, quote) and every problem in it."""
        kind = clean(data.get("kind"), "id")
        parent = clean(data.get("parent"), "id")
        relation = clean(data.get("relation"), "id")
        row = dict.fromkeys(self.header, "")
        row.update(id=row_id or self.store.next_id(group), parent=parent, relation=relation, origin=origin(group))
        file, line = f"{origin(group)}.csv", 2 + len(self.approved().get(group, []))
        problems: list[Problem] = []
        for name in ("text", "quote"):
            given = " ".join(str(data.get(name) or "").split())
            if len(given) > LIMITS[name]:
                problems.append(Problem(file, line, row["id"], name, f"is {len(given)} characters long; keep it under {LIMITS[name]}"))
        if kind not in KINDS:
            problems.append(Problem(file, line, row["id"], "kind", f"'{kind}' is not one of: {', '.join(KINDS)}"))
            return Checked(row, problems)
        row["type"], relations = KINDS[kind]
        if kind == "restatement":
            row["same_as"] = clean(data.get("same_as"), "id")
            if not row["same_as"]:
                problems.append(Problem(file, line, row["id"], "same_as", "is empty; name the box whose statement this restates"))
                return Checked(row, problems)
        else:
            row["text"] = clean(data.get("text"), "text")
        if relation in ("supports", "attacks", "undercuts") and relation not in relations:  # other values: the validator says
            problems.append(Problem(file, line, row["id"], "relation", f"'{relation}' is not one of: {', '.join(relations)} (for {kind})"))
        if parent and parent in self.current_map() and parent not in self.boxes():
            problems.append(Problem(file, line, row["id"], "parent", f"'{parent}' is not a box of branch {self.branch}; choose one on the map"))
        problems += [p for p in validate(self.table, self.source, overlays=self.overlays(row)) if p.file == file and p.line == line]
        quote = clean(data.get("quote"), "quote")
        if quote:
            problems += self._check_quote(quote, row, file, line)
        return Checked(row, problems)

    def _check_quote(self, quote: str, row: dict[str, str], file: str, line: int) -> list[Problem]:
        """An optional quote must be verbatim in the article; the paragraph is found, or the parent's is used to say where it differs."""
        found = self.source.find(quote)
        if found:
            row["quote"], row["paragraph"] = quote, str(found[0])
            return []
        amap = self.current_map()
        guess = amap[row["parent"]].get("paragraph", "") if row["parent"] in amap else ""
        para = int(guess) if guess.isdigit() and 1 <= int(guess) <= len(self.source.paragraphs) else 1
        return [Problem(file, line, row["id"], "quote", "is not verbatim in the source: " + mismatch(quote, self.source, para))]
