"""The ``argmap handout`` command: one session's sheet as PDF or self-contained HTML, without Jupyter."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .handout import PAPER, build_handout, write_handout
from .load import load

__all__ = ["add_command"]


def add_command(sub: argparse._SubParsersAction) -> None:
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
    p.add_argument("-o", "--output", metavar="FILE", help="FILE.pdf or FILE.html (default: handout.pdf, or handout-ID.pdf with --branch)")
    p.add_argument("--questions", metavar="FILE", help="the question bank (default: questions.csv beside the claims CSV, if there is one)")
    p.add_argument("--with", dest="overlays", metavar="FILES", nargs="+", default=[], help="groups' overlay CSVs to draw on the map too")
    p.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the claims CSV)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    p.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    from .questions import load_questions

    out = Path(args.output or (f"handout-{args.branch}.pdf" if args.branch else "handout.pdf"))
    if out.suffix.lower() not in (".pdf", ".html"):
        print(f"argmap handout: error: -o {out}: the name must end in .pdf or .html", file=sys.stderr)
        return 2
    amap = load(args.claims, args.source, overlays=args.overlays)
    if args.branch is not None and args.branch not in amap:
        print(f"argmap handout: error: --branch {args.branch}: no row has this id in {args.claims}", file=sys.stderr)
        return 2
    qpath = Path(args.questions) if args.questions else Path(args.claims).parent / "questions.csv"
    questions = load_questions(qpath, amap) if args.questions or qpath.exists() else None
    h = build_handout(amap, questions, args.branch, args.paper)
    changed = write_handout(h, out)
    if not args.quiet:
        asked = "no question bank" if h.questions is None else f"{len(h.questions)} questions"
        print(f"{out}: {'written' if changed else 'unchanged'} ({len(h.parts)} map drawing{'s' if len(h.parts) != 1 else ''}, {len(h.quotes)} quotes, {asked})")
    return 0
