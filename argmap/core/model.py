"""The argument map: rows, the tree they form, and ways to walk it (drawing it is :mod:`argmap.draw`'s job)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from argmap.core import chains
from argmap.core.schema import INHERITED

if TYPE_CHECKING:
    import pandas as pd

    from argmap.core.source import Source

__all__ = ["INHERITED", "ArgumentMap", "Inference", "Reason"]


class Inference(NamedTuple):
    """One inference edge: from the statement of ``row`` to the statement of the row's parent.

    For ``relation == "undercuts"`` the target is not ``conclusion`` itself but the inference whose row is
    the parent (``amap.inference(amap.parent(row))``).
    """

    row: str
    premise: str
    conclusion: str
    relation: str
    group: str


class Reason(NamedTuple):
    """A reason bearing on a statement: its premise statements (several for a linked reason) and its relation."""

    premises: tuple[str, ...]
    relation: str


class ArgumentMap:
    """A validated map: one row per node, each row pointing at the row it bears on.

    >>> m = ArgumentMap([
    ...     {"id": "T1", "type": "thesis", "parent": "", "relation": "", "origin": "article", "text": "t"},
    ...     {"id": "C1", "type": "claim", "parent": "T1", "relation": "supports", "origin": "article", "text": "c"},
    ...     {"id": "E1", "type": "evidence", "parent": "C1", "relation": "supports", "origin": "article", "text": "e"},
    ... ])
    >>> m.roots(), m.children("T1"), m.ancestors("E1"), m.depth("E1")
    (['T1'], ['C1'], ['C1', 'T1'], 2)
    >>> m.paths_to_evidence("T1")
    [['T1', 'C1', 'E1']]
    """

    def __init__(
        self,
        rows: Iterable[Mapping[str, str]],
        *,
        path: Path | None = None,
        source: Source | None = None,
        lines: list[int] | None = None,
        copy: bool = True,
    ) -> None:
        """``rows`` are copied, unless ``copy`` is false and they are dicts no one else holds (the loader's: a big map is not held twice)."""
        self.rows: list[dict[str, str]] = [dict(r) for r in rows] if copy else [r if isinstance(r, dict) else dict(r) for r in rows]
        self.path = path
        self.source = source
        self.lines = lines
        self._by_id = {r["id"]: r for r in self.rows}
        self._original: dict[str, str] = {}
        self._restated: dict[str, list[str]] = {}
        for r in self.rows:
            target = r.get("same_as") or ""
            if target and target in self._by_id and target != r["id"]:
                self._original[r["id"]] = target
                self._restated.setdefault(target, []).append(r["id"])
                for col in ("type", "text"):  # drawn and counted as the original's; csv_rows() empties them again
                    r[col] = self._by_id[target].get(col, "")
        self._children: dict[str, list[str]] = {r["id"]: [] for r in self.rows}
        for r in self.rows:
            if r.get("parent") in self._children:
                self._children[r["parent"]].append(r["id"])

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, id_: object) -> bool:
        return id_ in self._by_id

    def __getitem__(self, id_: str) -> dict[str, str]:
        return self._by_id[id_]

    def __repr__(self) -> str:
        return f"<ArgumentMap {self.path or ''} with {len(self)} rows>"

    @cached_property
    def frame(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame, indexed by id, with ``paragraph`` as a nullable integer."""
        import pandas as pd

        df = pd.DataFrame(self.rows).set_index("id", drop=False)
        df.index.name = None
        if "paragraph" in df:
            df["paragraph"] = pd.to_numeric(df["paragraph"].replace("", None)).astype("Int64")
        return df

    @property
    def ids(self) -> list[str]:
        return [r["id"] for r in self.rows]

    def in_file_order(self, ids: Iterable[str]) -> list[dict[str, str]]:
        """The rows of ``ids`` in file order (found by position: a few rows of a big map without a walk through all of them)."""
        return [self.rows[n] for n in sorted({self._position[i] for i in ids})]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {r["id"]: n for n, r in enumerate(self.rows)}

    # -- statements: an original row and the rows that restate it (``same_as``) are one statement --

    def statement_of(self, row_id: str) -> str:
        """The id of the original row whose statement ``row_id`` is (``row_id`` itself for an ordinary row).

        >>> m = ArgumentMap([
        ...     {"id": "T1", "type": "thesis", "parent": "", "text": "t"},
        ...     {"id": "T2", "type": "thesis", "parent": "", "text": "u"},
        ...     {"id": "C1", "type": "claim", "parent": "T1", "relation": "supports", "text": "c"},
        ...     {"id": "C1.r1", "type": "", "parent": "T2", "relation": "supports", "text": "", "same_as": "C1"},
        ... ])
        >>> m.statement_of("C1.r1"), m.statement_of("C1"), m.restatements("C1"), m.is_restatement("C1.r1")
        ('C1', 'C1', ['C1.r1'], True)
        >>> m["C1.r1"]["text"], m.statements()
        ('c', ['T1', 'T2', 'C1'])
        >>> [(i.premise, i.conclusion) for i in m.inferences()]
        [('C1', 'T1'), ('C1', 'T2')]
        """
        return self._original.get(row_id, row_id)

    def restatements(self, stmt_id: str) -> list[str]:
        """Ids of the rows that restate ``stmt_id``, in file order."""
        return list(self._restated.get(stmt_id, []))

    def is_restatement(self, row_id: str) -> bool:
        return row_id in self._original

    def restated_under(self) -> dict[str, list[str]]:
        """Per restated original, the rows its restatements bear on (their parents), in file order."""
        return {o: [p for r in rs if (p := self._by_id[r].get("parent"))] for o, rs in self._restated.items()}

    def rows_of(self, stmt_id: str) -> list[str]:
        """The original row of a statement, then its restatements."""
        return [stmt_id, *self._restated.get(stmt_id, [])]

    def statements(self) -> list[str]:
        """Ids of the original rows (one per statement), in file order."""
        return [r["id"] for r in self.rows if r["id"] not in self._original]

    def one_per_statement(self, ids: Iterable[str]) -> list[str]:
        """``ids`` with each statement named once, where its first row stands: by its original row when that is among
        ``ids``, else by its first restatement there (a branch may draw a statement only where it is restated).

        >>> m = ArgumentMap([{"id": "T", "parent": ""}, {"id": "C", "parent": "T"}, {"id": "C.r1", "parent": "T", "same_as": "C"}])
        >>> m.one_per_statement(["C.r1", "C", "T"]), m.one_per_statement(["C.r1", "T"])
        (['C', 'T'], ['C.r1', 'T'])
        """
        ids = list(ids)
        present = set(ids)
        out: dict[str, str] = {}
        for i in ids:
            stmt = self.statement_of(i)
            if stmt not in out:
                out[stmt] = stmt if stmt in present else i
        return list(out.values())

    def inference(self, row_id: str) -> Inference | None:
        """The inference drawn by row ``row_id`` (None for a root)."""
        r = self._by_id[row_id]
        parent = r.get("parent") or ""
        if not parent or parent not in self._by_id:
            return None
        return Inference(row_id, self.statement_of(row_id), self.statement_of(parent), r.get("relation", ""), r.get("group", ""))

    def inferences(self) -> list[Inference]:
        """One inference per row with a parent, in file order."""
        return [i for r in self.rows if (i := self.inference(r["id"])) is not None]

    def reason_rows(self, stmt_id: str) -> list[tuple[tuple[str, ...], str]]:
        """The reasons bearing on statement ``stmt_id`` as (row ids, relation): rows that share a ``group`` under
        the same parent row are one linked reason; undercutters bear on an inference, not a statement, and are left out.
        """
        out: dict[tuple[str, str], list[str]] = {}
        relation: dict[tuple[str, str], str] = {}
        for target in self.rows_of(stmt_id):
            for c in self._children.get(target, []):
                rel = self._by_id[c].get("relation", "")
                if rel == "undercuts":
                    continue
                g = self._by_id[c].get("group", "")
                k = (target, g) if g else (target, "\0" + c)
                out.setdefault(k, []).append(c)
                relation[k] = rel
        return [(tuple(rows), relation[k]) for k, rows in out.items()]

    def reasons(self, stmt_id: str) -> list[Reason]:
        """The reasons bearing on statement ``stmt_id`` (on its original row or any restatement), each a tuple of
        premise statement ids with its relation.

        >>> m = ArgumentMap([
        ...     {"id": "T", "parent": ""}, {"id": "A", "parent": "T", "relation": "supports", "group": "g"},
        ...     {"id": "B", "parent": "T", "relation": "supports", "group": "g"}, {"id": "X", "parent": "T", "relation": "attacks"},
        ... ])
        >>> m.reasons("T")
        [Reason(premises=('A', 'B'), relation='supports'), Reason(premises=('X',), relation='attacks')]
        """
        return [Reason(tuple(self.statement_of(r) for r in rows), rel) for rows, rel in self.reason_rows(stmt_id)]

    def csv_rows(self) -> list[dict[str, str]]:
        """The rows as they are written to a claims file: a restatement's type, text, quote and paragraph empty."""
        out = []
        for r in self.rows:
            r = dict(r)
            if r["id"] in self._original:
                r.update({c: "" for c in INHERITED if c in r})
            out.append(r)
        return out

    def roots(self) -> list[str]:
        return [r["id"] for r in self.rows if not r.get("parent")]

    def children(self, id_: str) -> list[str]:
        return list(self._children[id_])

    def parent(self, id_: str) -> str | None:
        return self._by_id[id_].get("parent") or None

    def ancestors(self, id_: str) -> list[str]:
        """Ids from the parent of ``id_`` up to its root, nearest first."""
        out: list[str] = []
        seen = {id_}  # a set: the walk stays linear in depth (a list made it quadratic, and callers cubic)
        p = self.parent(id_)
        while p is not None and p not in seen:
            out.append(p)
            seen.add(p)
            p = self.parent(p)
        return out

    def depth(self, id_: str) -> int:
        """Steps from ``id_`` up to its root (0 for a root)."""
        return self._levels[id_][0]

    def root_of(self, id_: str) -> str:
        """The root above ``id_`` (itself for a root)."""
        return self._levels[id_][1]

    @cached_property
    def _levels(self) -> dict[str, tuple[int, str]]:
        """Depth and root of every row, in one pass from the roots down (linear in rows, however deep the map)."""
        out: dict[str, tuple[int, str]] = {}
        stack = [(r, 0, r) for r in self.roots()]
        while stack:
            node, d, root = stack.pop()
            out[node] = (d, root)
            stack.extend((c, d + 1, root) for c in self._children[node] if c not in out)
        for r in self.rows:  # rows on a cycle (only in a map that was not validated): walk up as far as it goes
            if r["id"] not in out:
                up = self.ancestors(r["id"])
                out[r["id"]] = (len(up), up[-1] if up else r["id"])
        return out

    def subtree(self, id_: str, depth: int | None = None) -> list[str]:
        """``id_`` and its descendants, depth-first in file order, at most ``depth`` levels down."""
        out: list[str] = []
        stack = [(id_, 0)]
        while stack:
            node, d = stack.pop()
            out.append(node)
            if depth is None or d < depth:
                stack.extend((c, d + 1) for c in reversed(self._children[node]))
        return out

    def paths_to_evidence(self, id_: str) -> list[list[str]]:
        """Every chain of supporting rows from ``id_`` down to a row of type evidence (:func:`argmap.core.chains.paths_to_evidence`)."""
        return chains.paths_to_evidence(self, id_)

    def count_paths_to_evidence(self, id_: str) -> int:
        """How many chains :meth:`paths_to_evidence` finds, counted without listing them (linear in rows for the whole map)."""
        return chains.count_paths_to_evidence(self, id_)

    def supporters(self, id_: str) -> list[str]:
        """The rows that support ``id_``'s statement, beneath every place it is drawn, in file order."""
        return [c for r in self.rows_of(self.statement_of(id_)) for c in self._children[r] if self._by_id[c].get("relation") == "supports"]

    def evidence_beneath(self, id_: str) -> list[str]:
        """The distinct evidence statements reached from ``id_`` through supports only (its support chains), in file order.

        >>> m = ArgumentMap([
        ...     {"id": "T", "type": "thesis", "parent": "", "relation": ""},
        ...     {"id": "C", "type": "claim", "parent": "T", "relation": "supports"},
        ...     {"id": "E", "type": "evidence", "parent": "C", "relation": "supports"},
        ...     {"id": "X", "type": "evidence", "parent": "T", "relation": "attacks"},
        ... ])
        >>> m.evidence_beneath("T"), m.evidence_beneath("X")
        (['E'], [])
        """
        return chains.evidence_beneath(self, id_)

    @cached_property
    def support_summary(self) -> dict[str, tuple[frozenset[str], int]] | None:
        """Per statement, the evidence its support chains reach and how many chains; None when supports loop (computed once)."""
        return chains.support_summary(self)

    @cached_property
    def statement_index(self) -> dict[str, int]:
        """Each statement's place in file order."""
        return {s: n for n, s in enumerate(self.statements())}

    def branches(self) -> list[str]:
        """Main branches: every root of a map with several roots, and every root's child that has children."""
        roots = self.roots()
        out = list(roots) if len(roots) > 1 else []
        out += [c for r in roots for c in self._children[r] if self._children[c]]
        return out
