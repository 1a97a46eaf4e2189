"""Ratings collected by hand: the wide sheet (one line per pseudonym, one column per row id), a spreadsheet or form
export in that shape, and the empty sheet to hand out (``argmap ratings --template``)."""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

from argmap.core.errors import InvalidMap, Problem, read_input
from argmap.core.model import ArgumentMap
from argmap.core.table import Table, _decode
from argmap.core.text import Hints

__all__ = ["LONG_COLUMNS", "id_hint", "is_wide", "parse_cell", "read_sheet", "template"]

#: The columns of the long layout, one line per rater and row (``ratings.csv``).
LONG_COLUMNS: tuple[str, ...] = ("rater", "id", "verdict", "strength", "comment")
#: Header names (lower case) of the column holding the pseudonym, in a sheet or a form export.
RATER_HEADERS = ("rater", "pseudonym", "your pseudonym", "name", "student")
#: Columns a form adds that are not ratings (Google Forms, Microsoft Forms, LimeSurvey), ignored when reading.
IGNORED_HEADERS = ("timestamp", "email address", "email", "start time", "completion time", "id", "submitdate", "lastpage", "startlanguage", "seed")
_VERDICTS = {
    "accept": "accept",
    "a": "accept",
    "yes": "accept",
    "reject": "reject",
    "r": "reject",
    "no": "reject",
    "unsure": "unsure",
    "u": "unsure",
    "?": "unsure",
}
_CELL = re.compile(r"^\s*([A-Za-z]+|\?)\s*[,;:/(\- ]*\s*([0-9]*)\s*\)?\s*$")
_ROW_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,31}")


def is_wide(header: Sequence[str]) -> bool:
    """True for the wide layout: no ``verdict`` column, nor both ``rater`` and ``id`` (the long layout has them).

    >>> is_wide(["rater", "R3", "E17"]), is_wide(["rater", "id", "verdict", "strength", "comment"]), is_wide(["rater", "id", "strength"])
    (True, False, False)
    """
    names = {h.strip().lower() for h in header}
    return "verdict" not in names and not {"rater", "id"} <= names


def _row_id(head: str) -> str:
    """The row id a column header names: its first word, or the word in brackets of a form's grid column.

    >>> _row_id("R3 · Armenia should refuse…"), _row_id("Rate each row [GA1: a group's objection]"), _row_id(" E17")
    ('R3', 'GA1', 'E17')
    """
    inner = re.search(r"\[([^\]]*)\]\s*$", head)
    m = _ROW_ID.match((inner[1] if inner else head).strip())
    return m[0].rstrip(".") if m else head.strip()


def parse_cell(cell: str) -> tuple[str, str] | str:
    """A cell of the wide sheet as (verdict, strength), or why it cannot be read. Strength is optional for ``unsure``.

    >>> parse_cell("accept 4"), parse_cell("Reject (2)"), parse_cell("unsure"), parse_cell("a4"), parse_cell("?")
    (('accept', '4'), ('reject', '2'), ('unsure', ''), ('accept', '4'), ('unsure', ''))
    >>> parse_cell("accept")
    "'accept' needs a strength from 1 to 5 after it (e.g. 'accept 4'); only 'unsure' may go without"
    >>> parse_cell("acept 3")
    "'acept 3' is not a rating: write accept, reject or unsure, then a strength from 1 to 5 (e.g. 'accept 4'); did you mean 'accept'?"
    """
    m = _CELL.match(cell)
    word = m[1].lower() if m else ""
    verdict = _VERDICTS.get(word)
    if verdict is None or m is None:
        hint = Hints(["accept", "reject", "unsure"]).hint(cell.strip().split()[0].lower() if cell.strip() else "")
        return f"{cell.strip()!r} is not a rating: write accept, reject or unsure, then a strength from 1 to 5 (e.g. 'accept 4'){hint}"
    strength = m[2]
    if strength and (len(strength) > 3 or not 1 <= int(strength) <= 5):  # 3 digits: "005" is 5; 5,000 digits are not parsed
        return f"{cell.strip()!r}: the strength must be from 1 to 5"
    if not strength and verdict != "unsure":
        return f"{cell.strip()!r} needs a strength from 1 to 5 after it (e.g. '{verdict} 4'); only 'unsure' may go without"
    return verdict, strength


def read_sheet(path: str | Path, amap: ArgumentMap | None = None) -> Table:
    """Read a wide sheet into the long layout's rows, each keeping the sheet's line; problems name line and column.

    Empty cells are rows not rated. Form columns such as Timestamp are skipped; any other column must name a row id
    (of ``amap``, when given). Raises :class:`InvalidMap` when the header cannot be used.
    """
    file = str(path)
    text = _decode(read_input(path, "file"), file)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise InvalidMap(
            [Problem(file, None, None, None, "file is empty; the first line must name the columns: rater, then one row id per column", "empty")]
        ) from None
    folded = [h.strip().lower() for h in header]
    rater_col = next((k for k, h in enumerate(folded) if h in RATER_HEADERS or "pseudonym" in h), None)
    if rater_col is None:
        msg = "no column for the pseudonym: name the first column 'rater' (the long layout needs rater,id,verdict,strength,comment)"
        raise InvalidMap([Problem(file, 1, None, None, msg, "column-missing")])
    columns: dict[int, str] = {}
    problems: list[Problem] = []
    hints = Hints(amap.ids if amap is not None else [])
    for k, head in enumerate(header):
        if k == rater_col or folded[k] in IGNORED_HEADERS or not head.strip():
            continue
        rid = _row_id(head)
        if amap is not None and rid not in amap:
            hint = id_hint(hints, amap, rid)
            problems.append(Problem(file, 1, None, None, f"column {head.strip()!r}: no row has id '{rid}'{hint}", "id-missing"))
            continue
        columns[k] = rid
    if problems:
        raise InvalidMap(problems)
    table = Table(file, list(LONG_COLUMNS))
    line = reader.line_num + 1
    for record in reader:
        at, line = line, reader.line_num + 1
        if not any(c.strip() for c in record):
            continue
        rater = record[rater_col].strip() if rater_col < len(record) else ""
        if not rater:
            table.problems.append(Problem(file, at, None, "rater", "is empty; write the student's pseudonym", "required"))
            continue
        for k, rid in columns.items():
            cell = record[k] if k < len(record) else ""
            if not cell.strip():
                continue
            parsed = parse_cell(cell)
            if isinstance(parsed, str):
                table.problems.append(Problem(file, at, None, f"column {rid}", parsed, "rating-cell"))
                continue
            table.rows.append(dict(zip(LONG_COLUMNS, (rater, rid, *parsed, ""))))
            table.lines.append(at)
    if not table.rows and not table.problems:
        table.problems.append(Problem(file, None, None, None, "no ratings yet: every cell below the header is empty", "no-rows"))
    return table


def id_hint(hints: Hints, amap: ArgumentMap, rid: str) -> str:
    """The likely fix for an id that is not in the map: the same id in another case; else, when no group's file was read,
    passing the groups' files with --with (a class row like GA1 is not a misspelt A1); else a near spelling.

    >>> m = ArgumentMap([{"id": "T1", "parent": "", "origin": "article"}, {"id": "A1", "parent": "T1", "origin": "analyst"}])
    >>> id_hint(Hints(m.ids), m, "t1"), id_hint(Hints(m.ids), m, "GA1").startswith("; if it is a row of a group")
    ("; did you mean 'T1'?", True)
    """
    near = hints.closest(rid)
    if near is not None and near.casefold() == rid.casefold():
        return hints.hint(rid)
    return _with_hint(amap) or hints.hint(rid)


def _with_hint(amap: ArgumentMap) -> str:
    """When no group's file was read, the likely fix for an unknown id."""
    added = any(r.get("origin") not in ("article", "analyst") for r in amap.rows)
    return "" if added else "; if it is a row of a group's file, pass that file with --with (e.g. --with classroom/group-*.csv)"


def template(amap: ArgumentMap, ids: Sequence[str], raters: Sequence[str] = ()) -> str:
    """The empty wide sheet: a ``rater`` column, then one column per row id headed by the id and its short text.

    >>> m = ArgumentMap([{"id": "T", "parent": "", "text": "Towns should build bike lanes"}, {"id": "A", "parent": "T", "text": "Fewer cars"}])
    >>> print(template(m, m.ids, ["heron", "otter"]), end="")
    rater,T · Towns should build bike lanes,A · Fewer cars
    heron,,
    otter,,
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    heads = [f"{i} · {textwrap.shorten(' '.join(amap[i].get('text', '').split()), 60, placeholder='…')}".rstrip(" ·") for i in ids]
    writer.writerow(["rater", *heads])
    for r in raters:
        writer.writerow([r, *([""] * len(ids))])
    return buf.getvalue()
