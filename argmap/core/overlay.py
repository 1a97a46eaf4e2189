"""Classroom overlays: a group's own rows, attached to the author's ids, merged into one map."""

from __future__ import annotations

from collections.abc import Sequence

from argmap.core.errors import Problem
from argmap.core.table import Table

__all__ = ["merge"]


def merge(main: Table, overlays: Sequence[Table]) -> tuple[Table, list[Problem]]:
    """One table holding the main file's rows, then each overlay's, with the problems of combining them.

    An overlay may not reuse an id from any earlier file, nor claim the author's words (origin ``article``).

    >>> a = Table("claims.csv", ["id", "origin"], [{"id": "T1", "origin": "article"}], [2])
    >>> g = Table("group-a.csv", ["id", "origin"], [{"id": "T1", "origin": "group-a"}], [2])
    >>> merged, problems = merge(a, [g])
    >>> [str(p) for p in problems]
    ['group-a.csv:2: id T1: id: is already used at claims.csv:2; give the group its own ids (e.g. A-T1)']
    """
    if not overlays:
        return main, []
    problems: list[Problem] = []
    seen = {row["id"]: (main.file, line) for row, line in zip(main.rows, main.lines)}
    rows, lines, files = list(main.rows), list(main.lines), [main.file] * len(main.rows)
    for t in overlays:
        for row, line in zip(t.rows, t.lines):
            rid = row["id"]
            if row.get("origin") == "article":
                problems.append(
                    Problem(
                        t.file,
                        line,
                        rid,
                        "origin",
                        "an overlay row cannot have origin 'article': only the author's file holds his words; use the group's name",
                        "overlay-article",
                    )
                )
            if rid in seen:
                file, at = seen[rid]
                if file != t.file:
                    problems.append(Problem(t.file, line, rid, "id", f"is already used at {file}:{at}; give the group its own ids (e.g. A-{rid})", "id-clash"))
                continue
            seen[rid] = (t.file, line)
            rows.append(row)
            lines.append(line)
            files.append(t.file)
    return Table(main.file, main.header, rows, lines, [], files), problems
