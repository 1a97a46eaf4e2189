"""Dated events the article cites or that came after it: reading and checking events.csv, and its command."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.core.dates import parse_date
from argmap.core.errors import ArgmapError, InvalidMap, Problem
from argmap.core.load import known_ids
from argmap.core.model import ArgumentMap
from argmap.core.schema import schema
from argmap.core.source import Source, find_source
from argmap.core.table import Table, read_table
from argmap.core.text import Hints
from argmap.core.validate import check_fields, mismatch, whole

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_events", "load_events", "parse_date", "published"]

_IDS = re.compile(r"[A-Za-z][A-Za-z0-9_.-]{0,31}(;[A-Za-z][A-Za-z0-9_.-]{0,31})*")


def published(source: Source) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the source's ``published`` metadata (e.g. "2024-06"), or None if it has none."""
    value = source.meta.get("published")
    if not value:
        return None
    try:
        return parse_date(str(value))
    except ValueError as e:
        raise ArgmapError(f"{source.path.with_suffix('.json')}: published: {e}") from None


def _span(row: dict[str, str]) -> tuple[dt.date, dt.date] | None:
    """The row's first and last day; None when the date is missing or bad (check_fields reports it from the schema)."""
    try:
        return parse_date(row["date"])
    except ValueError:
        return None


def _check_kind(row: dict[str, str], span: tuple[dt.date, dt.date] | None, pub: tuple[dt.date, dt.date] | None, when: str) -> list[tuple[str, str]]:
    """Cited events carry the article's words and precede it; later events carry none and follow it."""
    out: list[tuple[str, str]] = []
    kind, quote, para = row["kind"], row.get("quote", ""), row.get("paragraph", "")
    if kind == "cited":
        if not quote:
            out.append(("quote", "is empty; a cited event needs the words of the article that refer to it"))
        if not para:
            out.append(("paragraph", "is empty; a cited event needs the paragraph of its quote"))
        if pub and span and span[0] > pub[1]:
            out.append(("date", f"a cited event cannot come after {when}, but this one starts {span[0]}; is it 'later'?"))
    elif kind == "later":
        if quote:
            out.append(("quote", "a later event has no quote: the article cannot refer to it"))
        elif para:
            out.append(("paragraph", "is set but a later event has no quote"))
        if pub and span and span[0] <= pub[1]:
            out.append(("date", f"a later event must come after {when}, but this one starts {span[0]}"))
    return out


def _check_quote(row: dict[str, str], source: Source | None) -> list[tuple[str, str]]:
    quote, para = row.get("quote", ""), row.get("paragraph", "")
    p, n = whole(para), len(source.paragraphs) if source else 0
    if not (quote and source and p is not None):
        return []
    if not 1 <= p <= n:
        return [("paragraph", f"paragraph {p} does not exist; {source.path.name} has {n}")]
    if quote in source.paragraph(p):
        return []
    elsewhere = source.find(quote)
    if elsewhere:
        return [("quote", f"is in paragraph {elsewhere[0]}, not in paragraph {p}")]
    return [("quote", "is not verbatim in the source: " + mismatch(quote, source, p))]


def _check_claims(value: str, known: set[str] | None, claims_name: str) -> list[tuple[str, str]]:
    if known is None or not _IDS.fullmatch(value):
        return []  # a malformed list is reported by the schema's pattern
    out: list[tuple[str, str]] = []
    hints = Hints(known)
    ids = value.split(";")
    for i, cid in enumerate(ids):
        if cid in ids[:i]:
            out.append(("claim_ids", f"lists '{cid}' twice"))
        elif cid not in known:
            out.append(("claim_ids", f"no row of {claims_name} has id '{cid}'{hints.hint(cid)}"))
    return out


def check_events(table: Table, source: Source | None, claim_ids: Iterable[str] | None = None, *, claims_name: str = "claims.csv") -> list[Problem]:
    """Every problem beyond single cells: dates and spans, cited versus later, verbatim quotes, and claim ids."""
    pub = published(source) if source is not None else None
    when = f"the article's publication ({source.meta['published']})" if pub and source else ""
    known = None if claim_ids is None else set(claim_ids)
    out: list[Problem] = []
    for row, line in zip(table.rows, table.lines):
        found = _check_kind(row, _span(row), pub, when) + _check_quote(row, source)
        found += _check_claims(row.get("claim_ids", ""), known, claims_name)
        out += [Problem(table.file, line, None, column, message, "events") for column, message in found]
    return out


def load_events(
    path: str | Path = "events.csv", claims: str | Path | ArgumentMap | Iterable[str] | None = None, source: str | Path | None = None
) -> pd.DataFrame:
    """Read and check an events CSV; a DataFrame with ``start`` and ``end`` as datetime columns.

    ``claims`` (a claims CSV, a map, or ids) is what ``claim_ids`` must name; without it, ids are not
    checked. The source text is ``source`` or the one ``sources/*.txt`` beside the CSV. Raises
    :class:`InvalidMap` listing every problem when the file is not valid.
    """
    sch = schema("events")
    table = read_table(path, sch)
    src = Source.load(source if source is not None else find_source(path))
    ids, claims_name = known_ids(claims)
    problems = table.problems + check_fields(table, sch) + check_events(table, src, ids, claims_name=claims_name)
    if problems:
        raise InvalidMap(sorted(problems, key=lambda p: (p.line or 0, p.column or "", p.message)))
    import pandas as pd  # only once the file is known to be good: a bad file is refused sooner

    names = list(sch.names) + [h for h in table.header if h not in sch.names]
    df = pd.DataFrame([{n: r.get(n, "") for n in names} for r in table.rows], columns=names)
    spans = [parse_date(d) for d in df["date"]]
    df["start"] = pd.to_datetime([s for s, _ in spans])
    df["end"] = pd.to_datetime([e for _, e in spans])
    df["paragraph"] = pd.array([int(p) if p else pd.NA for p in df["paragraph"]], dtype="Int64")
    df.attrs["published"] = str(src.meta.get("published", ""))
    return df
