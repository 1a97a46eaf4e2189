"""Class ratings (ratings.csv): checking them against the map, and aggregating them per row without naming raters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argmap.analysis.semantics import labelling, objections, why_out
from argmap.core.errors import InvalidMap, Problem
from argmap.core.model import ArgumentMap
from argmap.core.schema import schema
from argmap.core.table import Table, read_table
from argmap.core.text import Hints

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "OUTCOMES",
    "VERDICTS",
    "accepted_objections",
    "aggregate",
    "by_rater",
    "check_ratings",
    "class_verdict",
    "comments",
    "disagreement",
    "load_ratings",
    "most_contested",
    "outcome",
]

#: The verdicts a rater can give, in the schema's order.
VERDICTS: tuple[str, ...] = schema("ratings").field("verdict").enum or ()

#: A row's grounded outcome in the class's words: grounded semantics' in, undecided and out, and rows left out of the
#: framework (beneath an outside objection nobody accepted).
OUTCOMES: tuple[str, ...] = ("stands", "undecided", "falls", "left out")
_OUTCOME = {"in": "stands", "undecided": "undecided", "out": "falls"}


def disagreement(accept: int, reject: int, unsure: int = 0) -> float:
    """How evenly the class splits between accept and reject: twice the share of raters on the minority side.

    0 when nobody who decided dissents from the majority; 1 when accept and reject split evenly and nobody is unsure.
    Unsure votes count among the raters but on neither side, so they lower it: a row most raters are unsure about
    is uncertain rather than contested.

    >>> disagreement(6, 6), disagreement(10, 2), disagreement(4, 4, 4), disagreement(1, 1, 10), disagreement(5, 0, 3)
    (1.0, 0.3333333333333333, 0.6666666666666666, 0.16666666666666666, 0.0)
    """
    n = accept + reject + unsure
    return 2 * min(accept, reject) / n if n else 0.0


def class_verdict(accept: int, reject: int, unsure: int = 0) -> str:
    """'accept' or 'reject' when more than half of the raters say so, else 'split'.

    >>> class_verdict(7, 3, 2), class_verdict(6, 6), class_verdict(5, 2, 3), class_verdict(1, 6, 0)
    ('accept', 'split', 'split', 'reject')
    """
    n = accept + reject + unsure
    return "accept" if 2 * accept > n else "reject" if 2 * reject > n else "split"


def check_ratings(table: Table, amap: ArgumentMap) -> list[Problem]:
    """Ids not in the map (with the likely id when only the case differs, or the --with a group's row needs),
    a missing strength (optional only for ``unsure``), and a rater rating one row twice.

    Messages name the line, never the rater: a pseudonym is still kept out of printed output.
    """
    from argmap.classroom.ratings_sheet import id_hint

    hints = Hints(amap.ids)
    name = amap.path.name if amap.path else "claims.csv"
    first: dict[tuple[str, str], int] = {}
    out: list[Problem] = []
    for row, line in zip(table.rows, table.lines):
        rid, rater = row["id"], row["rater"]
        if row["verdict"] in ("accept", "reject") and not row["strength"].strip():
            out.append(
                Problem(
                    table.file, line, None, "strength", f"is empty; give a strength from 1 to 5 (only 'unsure' may go without) for {rid}", "strength-missing"
                )
            )
        if rid and rid not in amap:
            hint = id_hint(hints, amap, rid)
            out.append(Problem(table.file, line, None, "id", f"no row of {name} (or of the groups' files) has id '{rid}'{hint}", "id-missing"))
        if rid and rater:
            stmt = amap.statement_of(rid) if rid in amap else rid  # a restated row is rated as its statement
            if (rater, stmt) in first:
                same = "" if stmt == rid else f" (as {rid}, which restates {stmt})"
                out.append(
                    Problem(
                        table.file,
                        line,
                        None,
                        "id",
                        f"this rater already rated {stmt}{same} on line {first[rater, stmt]}; keep one rating per rater and row",
                        "rating-twice",
                    )
                )
            else:
                first[rater, stmt] = line
    return out


def load_ratings(path: str | Path, amap: ArgumentMap) -> pd.DataFrame:
    """Read and check ratings against ``amap`` (overlay rows included); a DataFrame with ``strength`` as integers (empty: <NA>).

    The long layout (rater,id,verdict,strength,comment) or a wide sheet: one line per rater, one column per row id,
    cells like ``accept 4``, ``reject 2`` or ``unsure`` (see :mod:`argmap.classroom.ratings_sheet`).
    Raises :class:`InvalidMap` listing every problem as FILE:LINE: COLUMN: what is wrong.
    """
    import pandas as pd

    from argmap.classroom.ratings_sheet import read_sheet
    from argmap.core.validate import check_fields

    sch = schema("ratings")
    table = read_sheet(path, amap) if _wide(path) else read_table(path, sch)
    problems = table.problems + check_fields(table, sch) + check_ratings(table, amap)
    if problems:
        raise InvalidMap(sorted(problems, key=lambda p: (p.line or 0, p.column or "", p.message)))
    df = pd.DataFrame(table.rows, columns=list(sch.names))
    df["strength"] = pd.array([int(s) if s.strip() else None for s in df["strength"]], dtype="Int64")
    return df


def _wide(path: str | Path) -> bool:
    """Whether the file's first line is a wide sheet's header (no 'verdict' column); unreadable files go the long way, to be reported there."""
    import csv

    from argmap.classroom.ratings_sheet import is_wide

    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            first = f.readline()
    except (OSError, UnicodeDecodeError):
        return False
    header = next(csv.reader([first]), [])
    return bool(header) and not (len(header) == 1 and ";" in header[0]) and is_wide(header)


def aggregate(ratings: pd.DataFrame, amap: ArgumentMap) -> pd.DataFrame:
    """One line per rated statement, in map order: counts of each verdict, share accepting, mean strength, disagreement,
    class verdict. A rating of a restated row (``same_as``) counts for its statement, under the original's id."""
    import pandas as pd

    records = []
    ratings = ratings.assign(id=ratings["id"].map(lambda i: amap.statement_of(str(i))))
    for rid, group in ratings.groupby("id", sort=False):
        counts = {v: int((group["verdict"] == v).sum()) for v in VERDICTS}
        row = amap[str(rid)]
        records.append(
            {
                "id": rid,
                "type": row.get("type", ""),
                "origin": row.get("origin", ""),
                "text": row.get("text", ""),
                "raters": len(group),
                **counts,
                "accepting": counts["accept"] / len(group),
                "mean strength": float(group["strength"].mean()),
                "disagreement": disagreement(counts["accept"], counts["reject"], counts["unsure"]),
                "class verdict": class_verdict(counts["accept"], counts["reject"], counts["unsure"]),
            }
        )
    columns = ["id", "type", "origin", "text", "raters", *VERDICTS, "accepting", "mean strength", "disagreement", "class verdict"]
    order = {i: n for n, i in enumerate(amap.ids)}
    df = pd.DataFrame.from_records(records, columns=columns)
    df = df.sort_values("id", key=lambda s: s.map(order), kind="stable").set_index("id")
    df.index.name = None
    return df


def most_contested(table: pd.DataFrame, n: int = 5) -> list[str]:
    """Up to ``n`` ids with the highest disagreement above 0; ties go to more raters, then to map order.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"disagreement": [0.5, 1.0, 0.0, 0.5], "raters": [10, 12, 12, 12]}, index=["A", "B", "C", "D"])
    >>> most_contested(t, 3)
    ['B', 'D', 'A']
    """
    dis, raters = table["disagreement"].astype(float).tolist(), table["raters"].astype(float).tolist()
    ranked = sorted(range(len(table)), key=lambda k: (-dis[k], -raters[k], k))
    return [str(table.index[k]) for k in ranked if dis[k] > 0][:n]


def accepted_objections(table: pd.DataFrame, amap: ArgumentMap) -> list[str]:
    """The objections from outside the article (the analyst's or a group's) whose class verdict is accept, in map order."""
    accepted = set(table.index[table["class verdict"] == "accept"])
    return [i for i in objections(amap) if i in accepted]


def outcome(amap: ArgumentMap, table: pd.DataFrame) -> pd.DataFrame:
    """Each row's grounded outcome (stands, falls, undecided) with no outside objections, and with the objections the
    class accepted taken as holding; ``why`` says, for the latter, what defeats a row that falls.

    Rows beneath objections that stay out of the framework have no status ('left out'); ``changed`` marks the rows whose
    outcome differs between the two.
    """
    import pandas as pd

    accepted = accepted_objections(table, amap)
    before, after = labelling(amap).statements, labelling(amap, accepted).statements
    reasons = why_out(amap, accepted)["why"].to_dict()
    kept_out = set(objections(amap)) - set(accepted)

    def why(i: str) -> str:
        s = amap.statement_of(i)
        if s in after:
            return _defeat(str(reasons.get(s, "")))
        if s in kept_out:
            return "not accepted by the class"
        under = next((a for a in amap.ancestors(i) if amap.statement_of(a) in kept_out), "")
        return f"beneath {under}, not accepted" if under else ""

    records = [
        {
            "id": i,
            "type": amap[i].get("type", ""),
            "origin": amap[i].get("origin", ""),
            "text": amap[i].get("text", ""),
            "without class objections": _OUTCOME.get(before.get(amap.statement_of(i), ""), "left out"),
            "with accepted objections": _OUTCOME.get(after.get(amap.statement_of(i), ""), "left out"),
            "why": why(i),
        }
        for i in amap.ids
    ]
    columns = ["id", "type", "origin", "text", "without class objections", "with accepted objections", "why"]
    df = pd.DataFrame.from_records(records, columns=columns).set_index("id")
    df.index.name = None
    df["changed"] = df["without class objections"] != df["with accepted objections"]
    return df


def _defeat(why: str) -> str:
    """:func:`argmap.analysis.semantics.why_out`'s reason in the class's words: what defeats the row.

    >>> _defeat("attacked by O7, GA1"), _defeat("no reason left: C3 is out; the step C5 → C2 is undercut by GB1")
    ('defeated by O7, GA1', 'no reason left: C3 falls; the step C5 → C2 is undercut by GB1')
    """
    if why.startswith("attacked by "):
        return "defeated by " + why.removeprefix("attacked by ")
    return why.replace(" is out", " falls")


def comments(ratings: pd.DataFrame, amap: ArgumentMap, *, show_raters: bool = False) -> pd.DataFrame:
    """The non-empty comments, by row in map order, then verdict and text; the rater column only with ``show_raters``."""
    order = {i: n for n, i in enumerate(amap.ids)}
    df = ratings[ratings["comment"].str.strip() != ""]
    df = df.assign(_order=df["id"].map(order)).sort_values(["_order", "verdict", "comment"], kind="stable")
    columns = (["rater"] if show_raters else []) + ["id", "verdict", "strength", "comment"]
    return df[columns].reset_index(drop=True)


def by_rater(ratings: pd.DataFrame) -> pd.DataFrame:
    """Per rater: how many rows they rated, their verdicts and mean strength (named; for the teacher, with --show-raters)."""
    import pandas as pd

    table = pd.crosstab(ratings["rater"], ratings["verdict"]).reindex(columns=list(VERDICTS), fill_value=0)
    table.insert(0, "rated", table.sum(axis=1))
    table["mean strength"] = ratings.groupby("rater")["strength"].mean()
    table.columns.name = None
    return table
