"""The ``argmap`` commands of ``argmap.classroom``: argument parsing and printing live here, the work in the domain modules."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from argmap.classroom.handout_layout import PAPER
from argmap.core.errors import ArgmapError, UsageError
from argmap.core.load import load
from argmap.core.model import ArgumentMap
from argmap.core.output import check_folder, check_output

__all__ = ["add_handout", "add_questions", "add_ratings"]


def add_questions(sub: argparse._SubParsersAction) -> None:
    """Add ``argmap questions`` to the command line."""
    p = sub.add_parser(
        "questions",
        help="check the question bank (questions.csv)",
        description="Check a question bank: ids, kinds, minutes, and that every id in row_ids is a row of the claims CSV. "
        "Prints every problem, one per line, as FILE:LINE: id ID: COLUMN: what is wrong.",
    )
    p.add_argument("questions", nargs="?", default="questions.csv", help="the questions CSV (default: questions.csv)")
    p.add_argument("--claims", metavar="CLAIMS", default="claims.csv", help="the claims CSV whose ids row_ids must name (default: claims.csv)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing when the file is valid")
    p.set_defaults(func=_questions)


def _questions(args: argparse.Namespace) -> int:
    from argmap.classroom.questions import KINDS, load_questions

    df = load_questions(args.questions, args.claims)
    if not args.quiet:
        counts = ", ".join(f"{n} {k}" for k, n in df["kind"].value_counts().reindex(KINDS).dropna().astype(int).items())
        print(f"{args.questions}: {len(df)} questions ({counts}; {df['minutes'].sum()} minutes in all), valid")
    return 0


def add_ratings(sub: argparse._SubParsersAction) -> None:
    """Add ``argmap ratings`` to the command line."""
    p = sub.add_parser(
        "ratings",
        help="check and aggregate the class's ratings",
        description="Check a ratings CSV against the map and the groups' files, then write into DIR: "
        "rows.csv (per row: verdict counts, share accepting, mean strength, disagreement, class verdict), comments.csv, "
        "verdict-map (each rated row marked with the class verdict and its counts, the most contested rows with a thick border), "
        "contested (a chart), outcome.csv and outcome-map (grounded semantics with the objections the class accepted taken as "
        "holding: whether each row stands or falls, and which row defeats it). "
        "Disagreement is twice the share of raters on the minority side of accept vs reject: 0 = no dissent, 1 = an even split. "
        "No rater is named in any output unless --show-raters is given. "
        "The ratings come in one of two layouts: long (rater,id,verdict,strength,comment, one line per rater and row) or a wide sheet "
        "(one line per pseudonym, one column per row id, cells like 'accept 4', 'reject 2' or 'unsure'; a spreadsheet or form export in "
        "that shape, its Timestamp column skipped). --template writes the empty wide sheet for the rows to rate.",
    )
    p.add_argument("ratings", nargs="?", help="the ratings CSV (long or wide layout)")
    p.add_argument("--template", action="store_true", help="write the empty wide sheet (to -o FILE, default: stdout) instead of reading ratings")
    p.add_argument("--raters", metavar="N|NAMES", help="with --template: pre-fill the pseudonyms, as a count (r01, r02, …) or comma-separated names")
    p.add_argument("--claims", metavar="CLAIMS", default="claims.csv", help="the claims CSV (default: claims.csv)")
    p.add_argument("--with", dest="overlays", metavar="FILES", nargs="+", default=[], help="the groups' overlay CSVs whose rows may be rated too")
    p.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the claims CSV)")
    p.add_argument("-o", "--output", metavar="DIR", help="folder for the outputs (default: ratings-results/); with --template, the sheet's file")
    p.add_argument("--format", metavar="LIST", default="svg,png", help="comma-separated figure formats from svg,png,pdf (default: svg,png)")
    p.add_argument(
        "--root",
        "--branch",
        dest="root",
        metavar="ID",
        help="draw only the branch under this row (default: the smallest branch holding every rated row); with --template, the rows to rate",
    )
    p.add_argument("--top", metavar="N", type=int, default=5, help="how many of the most contested rows to mark (default: 5)")
    p.add_argument("--show-raters", action="store_true", help="also write raters.csv and the raters' names beside their comments")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    p.set_defaults(func=_ratings)


def _load_map(claims: str | Path, source: str | Path | None = None, overlays: Sequence[str | Path] = ()) -> ArgumentMap:
    """The validated map with the groups' overlay rows, as ``argmap.core.load`` reads them."""
    notes: list[str] = []
    amap = load(claims, source, overlays=list(overlays), notes=notes)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return amap


def _ratings(args: argparse.Namespace) -> int:
    formats = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    bad = [f for f in formats if f not in ("svg", "png", "pdf")]
    if bad or not formats:
        raise UsageError(f"--format: unknown format {(bad or [args.format])[0]!r}; choose from svg,png,pdf")
    if args.top < 0:
        raise UsageError("--top must be 0 or more")
    if args.template:
        if args.output is not None:
            check_output(args.output)
    else:
        check_folder(args.output or "ratings-results")
    amap = _load_map(args.claims, args.source, args.overlays)
    if args.root is not None and args.root not in amap:
        raise UsageError(f"--root {args.root}: no row has this id")
    if args.template:
        return _template(args, amap)
    if args.ratings is None:
        raise UsageError("name the ratings file, or give --template to write an empty sheet")
    from argmap.classroom.ratings import accepted_objections, aggregate, load_ratings, most_contested, outcome
    from argmap.classroom.ratings_report import write_report

    args.output = args.output or "ratings-results"
    ratings = load_ratings(args.ratings, amap)
    written = write_report(amap, ratings, args.output, formats, top=args.top, root=args.root, show_raters=args.show_raters)
    if not args.quiet:
        table = aggregate(ratings, amap)
        print(f"{args.ratings}: {len(ratings)} ratings of {len(table)} rows by {ratings['rater'].nunique()} raters, valid")
        contested = most_contested(table, args.top)
        print("most contested: " + (", ".join(f"{i} ({float(cast(Any, table.at[i, 'disagreement'])):.2f})" for i in contested) or "none"))
        accepted = accepted_objections(table, amap)
        df = outcome(amap, table)
        changes = {
            i: f"{i} ({a} → {b}{': ' + why if b == 'falls' and why else ''})"
            for i, a, b, why in zip(df.index, df["without class objections"], df["with accepted objections"], df["why"])
            if a != b and "left out" not in (a, b)
        }
        moved = [changes[i] for i in amap.one_per_statement(changes)]  # a statement once, however often it is drawn
        print(f"objections the class accepted: {', '.join(accepted) or 'none'}; statements whose outcome then changes: {', '.join(moved) or 'none'}")
        n = sum(written.values())
        print(f"{args.output}: {n} written, {len(written) - n} unchanged")
    return 0


def _template(args: argparse.Namespace, amap: ArgumentMap) -> int:
    """Write the empty wide sheet; an existing file is never replaced unless it is that same sheet."""
    from argmap.classroom.ratings_sheet import template

    if args.ratings is not None:
        raise UsageError("--template writes a sheet; it reads no ratings file (use -o FILE for where to write it)")
    spec = (args.raters or "").strip()
    raters = [f"r{k:02d}" for k in range(1, int(spec) + 1)] if spec.isdigit() else [r.strip() for r in spec.split(",") if r.strip()]
    ids = amap.subtree(args.root) if args.root else amap.ids
    text = template(amap, ids, raters)
    if not args.output:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.exists() and out.read_text(encoding="utf-8", errors="replace") != text:
        raise ArgmapError(f"{out} exists and may hold ratings; not overwritten (choose another name, or delete it first)")
    from argmap.core.atomic import write_if_changed

    write_if_changed(out, text.encode("utf-8"))
    if not args.quiet:
        print(
            f"{out}: an empty sheet of {len(ids)} rows for {len(raters) or 'no'} pre-filled raters; fill each cell with accept, reject or unsure and a strength 1–5 (e.g. 'accept 4')"
        )
    return 0


def add_handout(sub: argparse._SubParsersAction) -> None:
    """Add ``argmap handout`` to the command line."""
    p = sub.add_parser(
        "handout",
        help="print a session's handout: map, quotes, questions, exercise sheet",
        description="Write one session's handout: the map or one branch, cut into drawings that read on the page; the author's words "
        "with their ¶ numbers; the questions of questions.csv about the branch; and an exercise sheet with blank rows in the CSV's "
        "columns. PDF or a self-contained HTML page, by the suffix of -o.",
    )
    p.add_argument("--claims", metavar="CLAIMS", default="claims.csv", help="the claims CSV (default: claims.csv)")
    p.add_argument("--branch", metavar="ID", help="only the branch under this row (default: the whole map)")
    p.add_argument("--paper", choices=sorted(PAPER), default="a4", help="paper size (default: a4)")
    p.add_argument("--group", metavar="NAME", help="pre-fill the exercise sheet for one group: its name (e.g. group-a) and row ids (GA1, GA2, …)")
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.pdf or FILE.html (default: handout.pdf, or handout-ID.pdf with --branch)")
    p.add_argument("--questions", metavar="FILE", help="the question bank (default: questions.csv beside the claims CSV, if there is one)")
    p.add_argument("--with", dest="overlays", metavar="FILES", nargs="+", default=[], help="groups' overlay CSVs to draw on the map too")
    p.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the claims CSV)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    p.set_defaults(func=_handout)


def _handout(args: argparse.Namespace) -> int:
    from argmap.classroom.handout import build_handout, write_handout
    from argmap.classroom.questions import load_questions

    out = Path(args.output or (f"handout-{args.branch}.pdf" if args.branch else "handout.pdf"))
    if out.suffix.lower() not in (".pdf", ".html"):
        raise UsageError(f"-o {out}: the name must end in .pdf or .html")
    check_output(out)
    amap = _load_map(args.claims, args.source, args.overlays)
    if args.branch is not None and args.branch not in amap:
        raise UsageError(f"--branch {args.branch}: no row has this id in {args.claims}")
    qpath = Path(args.questions) if args.questions else Path(args.claims).parent / "questions.csv"
    questions = load_questions(qpath, amap) if args.questions or qpath.exists() else None
    if args.group is not None and not re.fullmatch(r"[a-z][a-z0-9-]{0,31}", args.group):
        slug = re.sub(r"[^a-z0-9]+", "-", args.group.strip().lower()).strip("-")
        print(f"argmap handout: error: --group {args.group!r}: a group's name is lower case with hyphens, e.g. '{slug or 'group-a'}'", file=sys.stderr)
        return 2
    h = build_handout(amap, questions, args.branch, args.paper, args.group)
    changed = write_handout(h, out)
    if not args.quiet:
        asked = "no question bank" if h.questions is None else f"{len(h.questions)} question{'s' if len(h.questions) != 1 else ''}"
        print(
            f"{out}: {'written' if changed else 'unchanged'} ({len(h.parts)} map drawing{'s' if len(h.parts) != 1 else ''}, {len(h.quotes)} quote{'s' if len(h.quotes) != 1 else ''}, {asked})"
        )
    return 0
