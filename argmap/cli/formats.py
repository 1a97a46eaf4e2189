"""The ``argmap`` commands of ``argmap.formats``: argument parsing and printing live here, the work in the domain modules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.core.atomic import emit, write_all
from argmap.core.load import load
from argmap.core.output import check_output, is_stdout

__all__ = ["add_interchange"]


def _emit(text: str, output: str | None) -> str:
    """Write ``text`` as UTF-8 to ``output`` (atomically, only if changed) or to stdout (no -o, ``-`` or /dev/stdout); says which."""
    return emit(text.encode("utf-8"), output)


def _export(args: argparse.Namespace) -> int:
    from argmap.formats.interop import export_text

    output = None if is_stdout(args.output) else args.output
    if output is not None:
        check_output(output)
    amap = load(args.claims, args.source)
    done = _emit(export_text(amap, args.to), output)
    if output and not args.quiet:
        print(f"{args.output}: {len(amap)} rows as {args.to}, {done}", file=sys.stderr)
    return 0


def _source_file(text: str, output: str | None) -> tuple[Path | None, str]:
    """Where the analysed text a file carried goes (``sources/NAME.txt`` beside the CSV), or None; and what is done with it."""
    if output is None:
        return None, "the file holds its analysed text; with -o it is kept as sources/NAME.txt beside the CSV"
    folder = Path(output).resolve().parent / "sources"
    path = folder / (Path(output).stem + ".txt")
    others = [p for p in folder.glob("*.txt") if p != path] if folder.is_dir() else []
    if others:
        return None, f"its analysed text is not written: {others[0]} is already the source there"
    return path, ""


def _import(args: argparse.Namespace) -> int:
    from argmap.formats.interop import import_file, rows_to_csv

    output = None if is_stdout(args.output) else args.output
    if output is not None:
        check_output(output)
    _, got = import_file(args.file, args.fmt, args.source)
    source_text, text_file = got.source_text or "", None
    if source_text:
        text_file, note = _source_file(source_text, output)
        if text_file is None:
            got.notes.append(note)
    if text_file is not None and output is not None:  # the CSV and its source text: both or neither
        data = {Path(output): rows_to_csv(got.rows).encode("utf-8"), text_file: (source_text.rstrip("\n") + "\n").encode("utf-8")}
        written = write_all(data)
        got.notes.append(f"its analysed text {'written to' if written[text_file] else 'unchanged in'} {text_file}")
        done = "written" if written[Path(output)] else "unchanged"
    else:
        done = _emit(rows_to_csv(got.rows), output)
    if not args.quiet:
        print(got.summary(args.file) + (f"; {output} {done}" if output else ""), file=sys.stderr)
    return 0


def add_interchange(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap export`` and ``argmap import`` (their formats are imported only when one of them runs)."""
    from argmap.formats.interop import EXPORTS, IMPORTS

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
        help="read an AIF or Argdown map into a claims CSV",
        description="Read a map made elsewhere into claims CSV columns, validate it, and write it to stdout or atomically to -o FILE: AIF JSON (AIFdb, arguebuf, OVA3's wrapped form, OVA's own save format) or Argdown (an .argdown file, read with the pinned Argdown CLI, or the JSON of 'argdown json'). A statement used in several places becomes one row plus restatements (same_as). Ends with a summary on stderr of what came in and what was left out. Quotes are checked only against --source; the text an OVA3 file holds is written as sources/NAME.txt beside -o when no source is there. Nothing is written when the input is malformed or the rows are invalid.",
    )
    i.add_argument("--from", dest="fmt", required=True, choices=sorted(IMPORTS), help="the format of FILE")
    i.add_argument("file", metavar="FILE", help="the file to read (.argdown: Argdown text; otherwise JSON)")
    i.add_argument("-o", "--output", metavar="FILE", help="the claims CSV to write (default: stdout)")
    i.add_argument("--source", metavar="FILE", help="check every quote against this source text")
    i.add_argument("-q", "--quiet", action="store_true", help="no summary")
    i.set_defaults(func=_import)
