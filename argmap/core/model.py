"""The argument map: rows, the tree they form, and ways to walk and draw it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.draw.display import SVG
from argmap.draw.dot import to_dot

if TYPE_CHECKING:
    import pandas as pd

    from argmap.core.source import Source

__all__ = ["SVG", "ArgumentMap"]


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

    def __init__(self, rows: Iterable[Mapping[str, str]], *, path: Path | None = None, source: Source | None = None, lines: list[int] | None = None) -> None:
        self.rows: list[dict[str, str]] = [dict(r) for r in rows]
        self.path = path
        self.source = source
        self.lines = lines
        self._by_id = {r["id"]: r for r in self.rows}
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

    def roots(self) -> list[str]:
        return [r["id"] for r in self.rows if not r.get("parent")]

    def children(self, id_: str) -> list[str]:
        return list(self._children[id_])

    def parent(self, id_: str) -> str | None:
        return self._by_id[id_].get("parent") or None

    def ancestors(self, id_: str) -> list[str]:
        """Ids from the parent of ``id_`` up to its root, nearest first."""
        out: list[str] = []
        p = self.parent(id_)
        while p is not None and p not in out:
            out.append(p)
            p = self.parent(p)
        return out

    def depth(self, id_: str) -> int:
        return len(self.ancestors(id_))

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
        """Every chain of supporting rows from ``id_`` down to a row of type evidence."""
        paths: list[list[str]] = []
        stack = [[id_]]
        while stack:
            path = stack.pop()
            node = path[-1]
            if self._by_id[node]["type"] == "evidence" and len(path) > 1:
                paths.append(path)
                continue
            for c in reversed(self._children[node]):
                if self._by_id[c].get("relation") == "supports":
                    stack.append(path + [c])
        return paths

    def branches(self) -> list[str]:
        """Main branches: every root of a map with several roots, and every root's child that has children."""
        roots = self.roots()
        out = list(roots) if len(roots) > 1 else []
        out += [c for r in roots for c in self._children[r] if self._children[c]]
        return out

    def to_dot(
        self,
        root: str | None = None,
        depth: int | None = None,
        *,
        legend: bool = True,
        fill: Mapping[str, str] | None = None,
        key: Mapping[str, str] | None = None,
    ) -> str:
        """DOT text of the whole map, or of the branch under ``root`` to ``depth`` levels.

        ``fill`` recolours rows by id and ``key`` explains those colours in the legend (see :func:`argmap.dot.to_dot`).
        """
        if root is None and depth is None:
            return to_dot(self.rows, title=self._title(), legend=legend, fill=fill, key=key)
        ids = [i for r in ([root] if root else self.roots()) for i in self.subtree(r, depth)]
        title = f"{self._title()}: branch {root}" if root else self._title()
        return to_dot(self.rows, ids, title=title, legend=legend, fill=fill, key=key)

    def _title(self) -> str:
        return self.source.title if self.source is not None else ""

    def render(self, formats: Iterable[str] = ("svg",), root: str | None = None, depth: int | None = None, **dot_options) -> dict[str, bytes]:
        """Draw the map (or a branch) in each format; returns the bytes per format."""
        from argmap.draw.render import render_dot

        return render_dot(self.to_dot(root, depth, **dot_options), formats)

    def show(self, root: str | None = None, depth: int | None = None, **dot_options) -> SVG:
        """The map or a branch as an inline SVG for a notebook cell."""
        return SVG(self.render(("svg",), root, depth, **dot_options)["svg"].decode("utf-8"))

    def _repr_svg_(self) -> str:
        return self.render(("svg",))["svg"].decode("utf-8")
