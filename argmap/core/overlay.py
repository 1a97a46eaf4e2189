"""Classroom overlays: a group's own rows, attached to the author's ids, merged into one map."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from argmap.core.errors import Problem
from argmap.core.table import Table

__all__ = ["merge"]


def _own_name(file: str) -> str:
    """What to write as a group's origin, from its file's name when that fits the form.

    >>> _own_name("classroom/group-c.csv"), _own_name("Mine.csv")
    ("write the group's name, e.g. 'group-c'", "write the group's name, e.g. 'group-a'")
    """
    stem = Path(file).stem
    fits = re.fullmatch(r"[a-z][a-z0-9-]{0,31}", stem) and stem not in ("claims", "analyst", "article")
    return f"write the group's name, e.g. '{stem if fits else 'group-a'}'"


def merge(main: Table, overlays: Sequence[Table]) -> tuple[Table, list[Problem]]:
    """One table holding the main file's rows, then each overlay's, with the problems of combining them.

    An overlay may not reuse an id from any earlier file, nor claim the author's words (origin ``article``)
    or the analyst's (origin ``analyst``).

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
            if row.get("origin") in ("article", "analyst"):
                whose = "the author's file holds his words" if row["origin"] == "article" else "the analyst's rows live in the claims file"
                problems.append(
                    Problem(
                        t.file,
                        line,
                        rid,
                        "origin",
                        f"a group's row cannot have origin '{row['origin']}': {whose}; {_own_name(t.file)}",
                        f"overlay-{row['origin']}",
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
