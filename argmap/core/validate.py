"""Checks of a map's rows: ids, vocabularies, tree structure, co-premises and verbatim quotes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from argmap.core.dates import FORMATS as DATE_FORMATS
from argmap.core.dates import date_problem
from argmap.core.errors import Problem
from argmap.core.overlay import merge
from argmap.core.schema import INHERITED, Schema, schema
from argmap.core.source import Source
from argmap.core.table import Table
from argmap.core.text import Hints, did_you_mean

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
    problems += _check_tree(merged)
    problems += _check_groups(merged)
    problems += _check_same_as(merged)
    problems += _check_quotes(merged, source)
    return problems


#: The most digits a whole-number cell may have (Python refuses to read numbers of over 4,300 digits; none of ours needs 16).
MAX_DIGITS = 15


def whole(v: str) -> int | None:
    """The whole number ``v`` spells in ASCII digits, or None (not digits, or more than :data:`MAX_DIGITS` of them).

    >>> whole("007"), whole("x"), whole("9" * 5000)
    (7, None, None)
    """
    if not (v.isascii() and v.isdigit()) or len(v.lstrip("0")) > MAX_DIGITS:
        return None
    return int(v)


#: Control characters (C0, DEL, C1), line and paragraph separators, and bidi controls: never part of an id or a group.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _short(v: str, n: int = 60) -> str:
    return v if len(v) <= n else v[:n] + "…"


def _check_case(table: Table) -> list[Problem]:
    """Ids that differ only in case name the same figure file on macOS and Windows (branch-C1.svg, branch-c1.svg): refused."""
    out: list[Problem] = []
    first: dict[str, tuple[str, str, int]] = {}
    for row, file, line in zip(table.rows, _files(table), table.lines):
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
        filled = [(i, v) for i, v in enumerate(col) if v.strip() or (v and not f.required)]
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
                Problem(file, lines[i], ids[i], f.name, f"{v!r} is malformed{_pattern_hint(f.name, v)}; expected: {f.description}", "pattern")
                for i, v in malformed
            ]
            if malformed:
                skip = {i for i, _ in malformed}
                filled = [(i, v) for i, v in filled if i not in skip]
        if f.type == "integer":
            for i, v in filled:
                if not (v.isascii() and v.isdigit()):
                    out.append(Problem(file, lines[i], ids[i], f.name, f"{_short(v)!r} is not a whole number", "integer"))
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


def _files(table: Table) -> list[str]:
    """The file each row comes from (several, for a map with overlays)."""
    return table.files if table.files is not None else [table.file] * len(table.rows)


def _check_tree(table: Table) -> list[Problem]:
    out: list[Problem] = []
    files = _files(table)
    parent_of: dict[str, str] = {}
    where: dict[str, tuple[str, int]] = {}
    for row, file, line in zip(table.rows, files, table.lines):
        rid = row["id"]
        if rid and rid not in parent_of:
            parent_of[rid] = row["parent"]
            where[rid] = (file, line)
    hints = Hints(parent_of)
    for row, file, line in zip(table.rows, files, table.lines):
        rid, parent, relation = row["id"], row["parent"], row["relation"]
        if parent == "":
            if relation:
                out.append(
                    Problem(
                        file,
                        line,
                        rid,
                        "relation",
                        f"a root (no parent) has no relation, but this row says '{relation}'; give it a parent or clear the relation",
                        "root-relation",
                    )
                )
            continue
        if parent == rid:
            out.append(Problem(file, line, rid, "parent", "a row cannot be its own parent", "parent-self"))
        elif parent not in parent_of:
            out.append(Problem(file, line, rid, "parent", f"no row has id '{parent}'{hints.hint(parent)}", "parent-missing"))
        elif relation == "undercuts" and parent_of.get(parent, "") == "":
            out.append(
                Problem(file, line, rid, "relation", f"undercuts the inference from '{parent}' to its parent, but '{parent}' is a root", "undercut-root")
            )
        if not relation:
            out.append(
                Problem(file, line, rid, "relation", f"is empty; say how this row bears on '{parent}': supports, attacks or undercuts", "relation-missing")
            )
    out += _cycles(parent_of, where)
    return out


def _cycles(parent_of: dict[str, str], where: dict[str, tuple[str, int]]) -> list[Problem]:
    """One problem per cycle of parent links, named by its members."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    out: list[Problem] = []
    for start in parent_of:
        path: list[str] = []
        node = start
        while node in parent_of and state.get(node, 0) == 0:
            state[node] = 1
            path.append(node)
            node = parent_of[node]
        if node in parent_of and state.get(node) == 1 and node != parent_of[node]:
            cycle = path[path.index(node) :]
            first = min(cycle, key=lambda n: where[n])
            shown = cycle if len(cycle) <= 8 else cycle[:4] + ["…"] + cycle[-3:]
            file, line = where[first]
            out.append(Problem(file, line, first, "parent", f"parent links form a cycle of {len(cycle)} rows: {' → '.join(shown)} → {cycle[0]}", "cycle"))
        for n in path:
            state[n] = 2
    return out


def _check_same_as(table: Table) -> list[Problem]:
    """A restatement names an existing original (not itself, not another restatement), has a parent, and leaves
    the original's type (or repeats it), text, quote, paragraph and title empty."""
    out: list[Problem] = []
    by_id: dict[str, dict[str, str]] = {}
    for row in table.rows:
        by_id.setdefault(row["id"], row)
    hints = Hints(by_id)
    for row, file, line in zip(table.rows, _files(table), table.lines):
        rid, target = row["id"], row.get("same_as", "")
        if not target:
            continue
        orig = by_id.get(target)
        found: list[tuple[str, str, str]] = []
        if target == rid:
            found.append(("same_as", "a row cannot restate itself", "same-as-self"))
        elif orig is None:
            found.append(("same_as", f"no row has id '{target}'{hints.hint(target)}", "same-as-missing"))
        elif orig.get("same_as"):
            found.append(
                ("same_as", f"'{target}' is itself a restatement (of '{orig['same_as']}'); name the original '{orig['same_as']}' instead", "same-as-chain")
            )
        elif row["type"] and row["type"] != orig["type"]:
            found.append(
                (
                    "type",
                    f"'{row['type']}' differs from the type of '{target}' ('{orig['type']}'); leave it empty: a restatement has its original's type",
                    "same-as-type",
                )
            )
        if not row["parent"]:
            found.append(("parent", f"is empty; a restatement of '{target}' says where else the statement bears, so it needs a parent", "same-as-root"))
        elif row["parent"] == target:
            found.append(("parent", f"a restatement cannot bear on its own original '{target}'", "same-as-own-original"))
        for column in ("text", "quote", "paragraph", "title"):
            if row.get(column, "").strip():
                found.append((column, f"must be empty in a restatement: the {column} is that of '{target}'", "same-as-copied"))
        out += [Problem(file, line, rid, column, message, code) for column, message, code in found]
    return out


def _check_groups(table: Table) -> list[Problem]:
    out: list[Problem] = []
    first: dict[str, tuple[str, str, str]] = {}
    for row, file, line in zip(table.rows, _files(table), table.lines):
        g = row.get("group", "")
        if not g:
            continue
        rid = row["id"]
        if not row["parent"]:
            out.append(Problem(file, line, rid, "group", f"a root cannot be a co-premise (group '{g}')", "group-root"))
            continue
        at = f"line {line}" if file == table.file else f"{file}:{line}"
        if g not in first:
            first[g] = (row["parent"], row["relation"], at)
            continue
        parent, relation, fat = first[g]
        if row["parent"] != parent:
            out.append(
                Problem(
                    file, line, rid, "group", f"co-premises of group '{g}' must share one parent: '{row['parent']}' here, '{parent}' on {fat}", "group-parent"
                )
            )
        elif row["relation"] != relation:
            out.append(
                Problem(
                    file,
                    line,
                    rid,
                    "group",
                    f"co-premises of group '{g}' must share one relation: '{row['relation']}' here, '{relation}' on {fat}",
                    "group-relation",
                )
            )
    return out


def _check_quotes(table: Table, source: Source | None) -> list[Problem]:
    out: list[Problem] = []
    n = len(source.paragraphs) if source else 0
    for row, file, line in zip(table.rows, _files(table), table.lines):
        rid, quote, para, origin = row["id"], row["quote"], row["paragraph"], row["origin"]
        if row.get("same_as"):
            continue  # its quote is the original's; _check_same_as says when one is copied
        if origin == "article":
            if not quote:
                out.append(Problem(file, line, rid, "quote", "is empty; a row from the article needs the verbatim words it stands for", "quote-missing"))
            if not para:
                out.append(Problem(file, line, rid, "paragraph", "is empty; a row from the article needs the paragraph of its quote", "paragraph-missing"))
        elif quote:
            out.append(
                Problem(
                    file,
                    line,
                    rid,
                    "quote",
                    f"a row with origin '{origin}' must not carry a quote: quotes are for the author's words (origin 'article')",
                    "quote-not-article",
                )
            )
            continue
        elif para:
            out.append(Problem(file, line, rid, "paragraph", "is set but there is no quote", "paragraph-without-quote"))
        p = whole(para) or 0
        if not (quote and source and p >= 1):
            continue
        if p > n:
            out.append(Problem(file, line, rid, "paragraph", f"paragraph {p} does not exist; {source.path.name} has {n}", "paragraph-range"))
            continue
        if quote in source.paragraph(p):
            continue
        elsewhere = source.find(quote)
        if elsewhere:
            out.append(Problem(file, line, rid, "quote", f"is in paragraph {elsewhere[0]}, not in paragraph {p}", "quote-elsewhere"))
        else:
            out.append(Problem(file, line, rid, "quote", "is not verbatim in the source: " + mismatch(quote, source, p), "quote-mismatch"))
    return out


def mismatch(quote: str, source: Source, para: int) -> str:
    """Where ``quote`` stops matching its paragraph, naming the two characters."""
    text = source.paragraph(para)
    lo, hi = 0, len(quote)
    while lo < hi:  # longest prefix of quote found in text
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"its first character {_char(quote[0])} starts no match in paragraph {para}"
    at = text.index(quote[:lo]) + lo
    found = _char(text[at]) if at < len(text) else "the end of the paragraph"
    context = quote[max(0, lo - 20) : lo]
    return f"after '…{context}' the quote has {_char(quote[lo])} where paragraph {para} has {found}"


def _char(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"'{c}' (U+{ord(c):04X}{' ' + name if name else ''})"
