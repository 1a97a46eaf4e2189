"""The state of one Argdown import: statement and argument rows by key, and each use of a statement as a premise,
matched to the row argmap's own export drew it with (``id``, ``parent``, restatements in the ``restated`` data)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from argmap.core.schema import schema
from argmap.formats.jsonin import Fields
from argmap.formats.statements import Use, unique_id

__all__ = ["Reader"]

_ORIGIN = re.compile(r"[a-z][a-z0-9-]{0,31}")
_GENERATED = re.compile(r"Untitled \d+")  # the titles Argdown gives untitled statements


class Reader:
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
        self.data: dict[str, Fields] = {}
        self.deferred: list[Use] = []
        self.grouped: set[str] = set()
        self.made: dict[tuple[str, str, str, str], Use] = {}
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
        if not row.get("title") and title != rid and not _GENERATED.fullmatch(title):
            row["title"] = title  # a title that is not a valid id (or not the one in the data) is kept as it is
        self.data[key] = d
        self.rows[key] = row
        if d.text("parent"):
            self.parent[key] = d.text("parent")
        self.restated[key] = [_entry(e, Fields(data, self.file, item.where)) for e in d.array("restated")]
        self.restated_ids[key] = [e.get("id", "") for e in self.restated[key]]

    def use(self, premise: str, target: str | list[Use], relation: str, group: str = "") -> Use:
        """A use of ``premise``; the row argmap's export drew it with (``want``) is found now for a statement
        target, and for an undercut once every inference's uses are known (:meth:`match_undercuts`)."""
        if isinstance(target, str) and (same := self.made.get((premise, target, relation, group))) is not None:
            self.left_out["relation (the same inference again)"] += 1  # e.g. a contradiction and an attack between the same two statements
            return same
        u = Use(premise, target, relation, group)
        self.uses.append(u)
        if isinstance(target, str):
            self.made[(premise, target, relation, group)] = u
            u.want = self._wanted(u, [self.rows[target]["id"], *self._restatement_ids(target)], check_parent=False)
        else:
            self.deferred.append(u)
        return u

    def _wanted(self, u: Use, parents: list[str], check_parent: bool = True) -> dict[str, str]:
        """The restatement entry (or the original's named parent) of the row that drew this use: the one in the
        same group first (a statement can bear on one conclusion twice, once as a co-premise)."""
        entries = [e for e in self.restated.get(u.premise, []) if e.get("relation") == u.relation and e.get("parent") in parents]
        same = [e for e in entries if e.get("group", "") == u.group]
        if not same and u.group and self.rows[u.premise].get("group") == u.group and u.premise not in self.grouped:
            self.grouped.add(u.premise)  # the original is this co-premise
            entries = []
        for e in same or entries:
            self.restated[u.premise].remove(e)
            return e
        named = self.parent.get(u.premise)
        if named and u.premise not in self.parent_used and (not check_parent or named in parents):
            self.parent_used.add(u.premise)
            return {"parent": named}
        return {}

    def match_undercuts(self) -> None:
        """Find the row of each undercut among the restatements its statement's data lists, by the rows of the
        inference it attacks (an inference's own undercut uses first)."""
        pending = list(self.deferred)
        while pending:
            ready = [u for u in pending if isinstance(u.target, str) or not any(t in pending for t in u.target)] or pending
            for u in ready:
                if isinstance(u.target, str):
                    parents = [self.rows[u.target]["id"], *self._restatement_ids(u.target)]
                else:
                    parents = [t.want.get("id") or self.rows[t.premise]["id"] for t in u.target]
                u.want = self._wanted(u, parents)
            pending = [u for u in pending if u not in ready]

    def _restatement_ids(self, key: str | None) -> list[str]:
        return self.restated_ids.get(key or "", [])


def _entry(raw: Any, data: Fields) -> dict[str, str]:
    e = Fields(raw, data.file, f"{data.where}: 'restated'")
    return {k: e.text(k) for k in e.obj}
