"""``argmap export`` and ``argmap import``: the map in AIF, Argdown, Markdown and GraphML, and back to claims CSV."""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from .errors import InvalidMap, Problem
from .export_aif import aif_text
from .export_argdown import to_argdown
from .export_graphml import to_graphml, to_networkx
from .export_markdown import to_markdown
from .import_aif import from_aif
from .import_argdown import from_argdown
from .load import Table, load
from .model import ArgumentMap
from .render import write_if_changed
from .schema import schema

__all__ = ["EXPORTS", "IMPORTS", "add_command", "check_rows", "export_text", "import_map", "rows_to_csv", "to_networkx"]

#: Export format → function from a map to the file's text.
EXPORTS: dict[str, Callable[[ArgumentMap], str]] = {"aif": aif_text, "argdown": to_argdown, "markdown": to_markdown, "graphml": to_graphml}
#: Import format → function from a file to claims rows.
IMPORTS: dict[str, Callable[[str | Path], list[dict[str, str]]]] = {"aif": from_aif, "argdown": from_argdown}


def export_text(amap: ArgumentMap, to: str) -> str:
    """The map in format ``to`` (one of :data:`EXPORTS`)."""
    return EXPORTS[to](amap)


def rows_to_csv(rows: Sequence[Mapping[str, str]]) -> str:
    """Claims rows as CSV text with the schema's columns in order, LF line ends, quoting only where needed.

    >>> print(rows_to_csv([{"id": "T1", "type": "thesis", "text": "Yes, now", "origin": "analyst"}]), end="")
    id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url
    T1,thesis,"Yes, now",,,,,,analyst,,,,,
    """
    names = schema("claims").names
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([row.get(n, "") for n in names] for row in rows)
    return out.getvalue()


def check_rows(rows: Sequence[Mapping[str, str]], file: str, source: str | Path | None = None) -> ArgumentMap:
    """Validate imported rows as ``argmap validate`` would (quotes only against ``source``, when given).

    Problems name ``file`` and the row id; raises :class:`InvalidMap` listing them all.
    """
    from .source import Source
    from .validate import validate

    names = schema("claims").names
    table = Table(file, list(names), [{n: str(r.get(n, "")) for n in names} for r in rows], list(range(2, len(rows) + 2)))
    src = Source.load(source) if source is not None else None
    problems = validate(table, src)
    if problems:  # lines of a CSV that does not exist yet would mislead: name the row by its id instead
        raise InvalidMap([Problem(file, None, p.id, p.column, p.message) for p in problems])
    return ArgumentMap(table.rows, path=Path(file), source=src)


def import_map(path: str | Path, fmt: str, source: str | Path | None = None) -> ArgumentMap:
    """Read ``path`` in format ``fmt`` (one of :data:`IMPORTS`) and validate it as claims rows."""
    return check_rows(IMPORTS[fmt](path), str(path), source)


def _emit(text: str, output: str | None) -> str:
    """Write ``text`` as UTF-8 to ``output`` (atomically, only if changed) or to stdout; says which."""
    if output is not None:
        return "written" if write_if_changed(Path(output), text.encode("utf-8")) else "unchanged"
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:
        sys.stdout.write(text)
    else:
        sys.stdout.flush()
        stream.write(text.encode("utf-8"))
        stream.flush()
    return "printed"


def _export(args: argparse.Namespace) -> int:
    amap = load(args.claims, args.source)
    done = _emit(export_text(amap, args.to), args.output)
    if args.output and not args.quiet:
        print(f"{args.output}: {len(amap)} rows as {args.to}, {done}", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    amap = import_map(args.file, args.fmt, args.source)
    done = _emit(rows_to_csv(amap.rows), args.output)
    if args.output and not args.quiet:
        print(f"{args.output}: {len(amap)} rows from {args.file}, {done}", file=sys.stderr)
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap export`` and ``argmap import``."""
    e = sub.add_parser(
        "export",
        help="write the map as AIF JSON, Argdown, a Markdown outline or GraphML",
        description="Validate, then write the map for other tools: AIF JSON (OVA, AIFdb, arguebuf), Argdown, a Markdown outline, or GraphML (yEd, Gephi). Writes to stdout, or atomically to -o FILE; nothing is written when the map is invalid.",
    )
    e.add_argument("--to", required=True, choices=sorted(EXPORTS), help="the format")
    e.add_argument("claims", nargs="?", default="claims.csv", help="the claims CSV (default: claims.csv)")
    e.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout (only when the content changed)")
    e.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the CSV)")
    e.add_argument("-q", "--quiet", action="store_true", help="no summary")
    e.set_defaults(func=_export)
    i = sub.add_parser(
        "import",
        help="read an AIF JSON or Argdown JSON map into a claims CSV",
        description="Read a map made elsewhere (AIF JSON from OVA or AIFdb; the JSON of 'argdown json') into claims CSV columns, validate it, and write it to stdout or atomically to -o FILE. Quotes are checked only against --source. Nothing is written when the input is malformed or the rows are invalid.",
    )
    i.add_argument("--from", dest="fmt", required=True, choices=sorted(IMPORTS), help="the format of FILE")
    i.add_argument("file", metavar="FILE", help="the file to read")
    i.add_argument("-o", "--output", metavar="FILE", help="the claims CSV to write (default: stdout)")
    i.add_argument("--source", metavar="FILE", help="check every quote against this source text")
    i.add_argument("-q", "--quiet", action="store_true", help="no summary")
    i.set_defaults(func=_import)
