"""``argmap export`` and ``argmap import``: the map in AIF, Argdown, Markdown and GraphML, and back to claims CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from argmap.core.errors import InvalidMap, Problem
from argmap.core.model import ArgumentMap
from argmap.core.schema import WHEN_USED, schema
from argmap.core.table import Table
from argmap.formats.export_aif import aif_text
from argmap.formats.export_argdown import to_argdown
from argmap.formats.export_graphml import to_graphml, to_networkx
from argmap.formats.export_markdown import to_markdown
from argmap.formats.import_aif import from_aif
from argmap.formats.import_argdown import from_argdown
from argmap.formats.imported import Imported

__all__ = ["EXPORTS", "IMPORTS", "Imported", "check_rows", "export_text", "import_file", "import_map", "rows_to_csv", "to_networkx"]

#: Export format → function from a map to the file's text.
EXPORTS: dict[str, Callable[[ArgumentMap], str]] = {"aif": aif_text, "argdown": to_argdown, "markdown": to_markdown, "graphml": to_graphml}
#: Import format → function from a file to claims rows.
IMPORTS: dict[str, Callable[[str | Path], Imported]] = {"aif": from_aif, "argdown": from_argdown}


def export_text(amap: ArgumentMap, to: str) -> str:
    """The map in format ``to`` (one of :data:`EXPORTS`)."""
    return EXPORTS[to](amap)


def rows_to_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """Claims rows as CSV text with the schema's columns in order, LF line ends, quoting only where needed.

    The ``title`` column is written only when a row has a title (a map without titles keeps the usual columns).

    >>> print(rows_to_csv([{"id": "T1", "type": "thesis", "text": "Yes, now", "origin": "analyst"}]), end="")
    id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url,same_as,note
    T1,thesis,"Yes, now",,,,,,analyst,,,,,,,
    >>> print(rows_to_csv([{"id": "S1", "type": "claim", "text": "Yes", "origin": "analyst", "title": "Statement 1"}]).splitlines()[1])
    S1,claim,Yes,,,,,,analyst,,,,,,,,Statement 1
    """
    names = [n for n in schema("claims").names if n not in WHEN_USED or any(r.get(n) for r in rows)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([row.get(n, "") for n in names] for row in rows)
    return out.getvalue()


def check_rows(rows: Sequence[Mapping[str, str]], file: str, source: str | Path | None = None) -> ArgumentMap:
    """Validate imported rows as ``argmap validate`` would (quotes only against ``source``, when given).

    Problems name ``file`` and the row id; raises :class:`InvalidMap` listing them all.
    """
    from argmap.core.source import Source
    from argmap.core.validate import validate

    names = schema("claims").names
    table = Table(file, list(names), [{n: str(r.get(n, "")) for n in names} for r in rows], list(range(2, len(rows) + 2)))
    src = Source.load(source) if source is not None else None
    problems = validate(table, src)
    if problems:  # lines of a CSV that does not exist yet would mislead: name the row by its id instead
        raise InvalidMap([Problem(file, None, p.id, p.column, p.message, p.code) for p in problems])
    return ArgumentMap(table.rows, path=Path(file), source=src)


def import_file(path: str | Path, fmt: str, source: str | Path | None = None) -> tuple[ArgumentMap, Imported]:
    """Read ``path`` in format ``fmt`` (one of :data:`IMPORTS`), validate the rows, and say what came in and what did not."""
    got = IMPORTS[fmt](path)
    return check_rows(got.rows, str(path), source), got


def import_map(path: str | Path, fmt: str, source: str | Path | None = None) -> ArgumentMap:
    """Read ``path`` in format ``fmt`` (one of :data:`IMPORTS`) and validate it as claims rows."""
    return import_file(path, fmt, source)[0]
