"""The question bank, questions.csv: reading and checking it, and picking the questions about a branch."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.core.errors import InvalidMap, Problem
from argmap.core.load import known_ids
from argmap.core.model import ArgumentMap
from argmap.core.schema import schema
from argmap.core.table import Table, read_table
from argmap.core.text import Hints
from argmap.core.validate import check_fields

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["KINDS", "check_questions", "load_questions", "questions_for"]

#: The kinds of question, in the schema's order.
KINDS: tuple[str, ...] = schema("questions").field("kind").enum or ()


def check_questions(table: Table, ids: set[str] | None, claims_name: str = "claims.csv") -> list[Problem]:
    """Every row id a question names that is not in the map, with the likely id when only the case differs.

    >>> t = Table("questions.csv", ["id", "row_ids"], [{"id": "Q1", "row_ids": "R3;c30"}], [2])
    >>> [str(p) for p in check_questions(t, {"R3", "C30"})]
    ["questions.csv:2: id Q1: row_ids: no row of claims.csv has id 'c30'; did you mean 'C30'?"]
    """
    if ids is None:
        return []
    hints = Hints(ids)
    well_formed = re.compile(schema("questions").field("row_ids").pattern or ".*").fullmatch
    out: list[Problem] = []
    for row, line in zip(table.rows, table.lines):
        if not well_formed(row["row_ids"]):
            continue  # reported by check_fields
        for rid in filter(None, row["row_ids"].split(";")):
            if rid not in ids:
                out.append(Problem(table.file, line, row["id"] or None, "row_ids", f"no row of {claims_name} has id '{rid}'{hints.hint(rid)}", "id-missing"))
    return out


def load_questions(path: str | Path = "questions.csv", claims: str | Path | ArgumentMap | Iterable[str] | None = None) -> pd.DataFrame:
    """Read and check a question bank; a DataFrame indexed by question id, with ``minutes`` as integers.

    ``claims`` (a claims CSV, a map, or ids) is what ``row_ids`` must name; without it, ids are not checked.
    Raises :class:`InvalidMap` listing every problem, each as FILE:LINE: id ID: COLUMN: what is wrong.
    """
    sch = schema("questions")
    table = read_table(path, sch)
    ids, name = known_ids(claims)
    problems = table.problems + check_fields(table, sch)
    problems += check_questions(table, ids, name)
    if problems:
        raise InvalidMap(sorted(problems, key=lambda p: (p.line or 0, p.column or "", p.message)))
    import pandas as pd  # only once the file is known to be good: a bad file is refused sooner

    df = pd.DataFrame(table.rows, columns=list(sch.names)).set_index("id")
    df.index.name = None
    df["minutes"] = df["minutes"].astype(int)
    return df


def questions_for(questions: pd.DataFrame, amap: ArgumentMap, root: str | None = None) -> pd.DataFrame:
    """The questions about any row of the branch under ``root`` (all questions when ``root`` is None), in file order.

    >>> import pandas as pd
    >>> m = ArgumentMap([{"id": "T", "parent": ""}, {"id": "A", "parent": "T"}, {"id": "B", "parent": "T"}])
    >>> q = pd.DataFrame({"row_ids": ["A", "B;T", "T"]}, index=["Q1", "Q2", "Q3"])
    >>> list(questions_for(q, m, "A").index), list(questions_for(q, m, "B").index)
    (['Q1'], ['Q2'])
    """
    if root is None:
        return questions
    keep = set(amap.subtree(root))
    mask = [bool(keep.intersection(r.split(";"))) for r in questions["row_ids"]]
    return questions[mask]
