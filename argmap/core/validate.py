"""Validation of a map's rows, driven by the schema: cells (ids, vocabularies, patterns, numbers, dates), then the graph
(:mod:`argmap.core.graph_checks`) and the verbatim quotes (:mod:`argmap.core.quotes`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from argmap.core.dates import FORMATS as DATE_FORMATS
from argmap.core.dates import date_problem
from argmap.core.errors import Problem
from argmap.core.graph_checks import check_groups, check_same_as, check_tree, table_files
from argmap.core.overlay import merge
from argmap.core.quotes import check_quotes, mismatch
from argmap.core.schema import INHERITED, Schema, schema
from argmap.core.source import Source
from argmap.core.table import Table
from argmap.core.text import MAX_DIGITS, did_you_mean, quoted, whole

__all__ = ["check_fields", "mismatch", "validate", "MAX_DIGITS", "whole"]


def validate(table: Table, source: Source | None, table_schema: Schema | None = None, overlays: Sequence[Table] = ()) -> list[Problem]:
    """Every problem in ``table`` and its ``overlays``; quotes are checked against ``source`` when one is given."""
    sch = table_schema or schema("claims")
    problems = check_fields(table, sch)
    for t in overlays:
        problems += check_fields(t, sch)
    merged, clashes = merge(table, overlays)
    problems += clashes
    problems += _check_case(merged)
    problems += check_tree(merged)
    problems += check_groups(merged)
    problems += check_same_as(merged)
    problems += check_quotes(merged, source)
    return problems


#: Control characters (C0, DEL, C1), line and paragraph separators, and bidi controls: never part of an id or a group.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _check_case(table: Table) -> list[Problem]:
    """Ids that differ only in case name the same figure file on macOS and Windows (branch-C1.svg, branch-c1.svg): refused."""
    out: list[Problem] = []
    first: dict[str, tuple[str, str, int]] = {}
    for row, file, line in zip(table.rows, table_files(table), table.lines):
        rid = row["id"]
        folded = rid.casefold()
        if folded in first and first[folded][0] != rid:
            other, ofile, oline = first[folded]
            at = f"line {oline}" if ofile == file else f"{ofile}:{oline}"
            out.append(
                Problem(
                    file,
                    line,
                    rid,
                    "id",
                    f"differs from '{other}' ({at}) only in case; ids must differ in more than case, as figure files are named by id",
                    "id-case",
                )
            )
        elif rid:
            first.setdefault(folded, (rid, file, line))
    return out


def _enum_hint(value: str, allowed: tuple[str, ...]) -> str:
    hint = did_you_mean(value, allowed)
    return hint + " (values are lower case, with no spaces)" if hint and value.strip().lower() in allowed else hint


def _pattern_hint(name: str, value: str) -> str:
    """For an origin like 'Group C', the form expected: lower case, words joined by hyphens.

    >>> _pattern_hint("origin", "Group C"), _pattern_hint("origin", "!!"), _pattern_hint("date", "x")
    ("; write it as 'group-c'", '', '')
    """
    if name != "origin":
        return ""
    slug = re.sub(r"[^a-z0-9]+", "-", value.strip().lower()).strip("-")[:32]
    return f"; write it as '{slug}'" if re.fullmatch(r"[a-z][a-z0-9-]{0,31}", slug) else ""


def check_fields(table: Table, sch: Schema) -> list[Problem]:
    """Per-cell checks driven by the schema: required, unique, enum, pattern, integer, minimum, dates.

    Checks run column by column (one pass per column keeps 100,000 rows well under a second).
    """
    out: list[Problem] = []
    file, rows, lines = table.file, table.rows, table.lines
    key = sch.primary_key
    ids = [row.get(key, "") for row in rows] if key else [None] * len(rows)
    for f in sch.fields:
        if f.name not in table.header:
            continue
        col = [row[f.name] for row in rows]
        if f.required:
            # a restatement (same_as) leaves its original's columns empty
            exempt = f.name in INHERITED and "same_as" in table.header
            out += [
                Problem(file, lines[i], ids[i], f.name, "is empty but required", "required")
                for i, v in enumerate(col)
                if not v.strip() and not (exempt and rows[i]["same_as"].strip())
            ]
        required = f.required  # a required cell of spaces alone is empty (above); an optional one is checked
        filled = [(i, v) for i, v in enumerate(col) if v and (not required or v.strip())]
        if f.enum:
            allowed = frozenset(f.enum)
            out += [
                Problem(file, lines[i], ids[i], f.name, f"'{v}' is not one of: {', '.join(f.enum)}{_enum_hint(v, f.enum)}", "enum")
                for i, v in filled
                if v not in allowed
            ]
            continue
        form = f.format or ("date" if f.type == "date" else None)
        if form in DATE_FORMATS:
            dated = [(i, why) for i, v in filled if (why := date_problem(v, form))]
            out += [Problem(file, lines[i], ids[i], f.name, why, "date") for i, why in dated]
            skip = {i for i, _ in dated}
            filled = [(i, v) for i, v in filled if i not in skip]
        if f.pattern:
            match = re.compile(f.pattern).fullmatch
            malformed = [(i, v) for i, v in filled if not match(v)]
            out += [
                Problem(file, lines[i], ids[i], f.name, f"{quoted(v)} is malformed{_pattern_hint(f.name, v)}; expected: {f.description}", "pattern")
                for i, v in malformed
            ]
            if malformed:
                skip = {i for i, _ in malformed}
                filled = [(i, v) for i, v in filled if i not in skip]
        if f.type == "integer":
            for i, v in filled:
                if not (v.isascii() and v.isdigit()):
                    out.append(Problem(file, lines[i], ids[i], f.name, f"{quoted(v)} is not a whole number", "integer"))
                elif whole(v) is None:
                    out.append(
                        Problem(file, lines[i], ids[i], f.name, f"a number of {len(v):,} digits is too large (at most {MAX_DIGITS} digits)", "too-large")
                    )
                elif f.minimum is not None and int(v) < f.minimum:
                    out.append(Problem(file, lines[i], ids[i], f.name, f"{v} is less than {f.minimum}", "minimum"))
                elif f.maximum is not None and int(v) > f.maximum:
                    out.append(Problem(file, lines[i], ids[i], f.name, f"{v} is more than {f.maximum}", "maximum"))
    for name in sorted({key or "id", "group", "rater", "id"} & set(table.header)):
        for i, v in enumerate(row[name] for row in rows):
            if m := _CONTROL.search(v):
                what = "ids and groups" if name != "rater" else "rater names"
                out.append(
                    Problem(
                        file, lines[i], ids[i], name, f"contains a control character (U+{ord(m.group()):04X}); {what} must be plain text", "control-character"
                    )
                )
    if key:
        first_line: dict[str, int] = {}
        for rid, line in zip(ids, lines):
            if rid in first_line:
                out.append(Problem(file, line, rid, key, f"duplicate id; first used on line {first_line[rid]}", "unique"))
            elif rid:
                first_line[rid] = line
    return out
