"""The ``argmap`` commands of ``argmap.cases``: ``new``, ``draft`` and ``notebooks``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from argmap.core.errors import UsageError

__all__ = ["add_draft", "add_new", "add_notebooks"]


def add_new(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap new``."""
    p = sub.add_parser(
        "new",
        help="start a case folder for a new article",
        description="Make a case folder for ARTICLE (.txt or .md): the text and its metadata under sources/, an empty claims.csv with the "
        "header, a data package, a README that says how to go on, and the generic notebooks. Leading short blocks (title, byline) are "
        "detected as front matter and not numbered; the numbered paragraphs are printed so you can check them (--front-matter N "
        "overrides). Never overwrites: DIR must not exist or be empty.",
    )
    p.add_argument("article", metavar="ARTICLE", help="the article as UTF-8 text (.txt or .md)")
    p.add_argument("folder", metavar="DIR", help="the new case folder")
    p.add_argument("--title", help="the title (default: the first front-matter block, else the file name)")
    p.add_argument("--author", help="who wrote it")
    p.add_argument("--outlet", help="where it was published")
    p.add_argument("--date", metavar="YYYY[-MM[-DD]]", help="when it was published")
    p.add_argument("--front-matter", metavar="N", type=int, help="how many leading blocks are title, byline and the like (default: detected)")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the paragraphs")
    p.set_defaults(func=_new)


def _new(args: argparse.Namespace) -> int:
    from argmap.cases.new import new_case, plan_case

    case = plan_case(args.article, args.folder, title=args.title, author=args.author, outlet=args.outlet, date=args.date, front_matter=args.front_matter)
    files = new_case(case)
    if not args.quiet:
        print(case.summary())
        print(
            f"{case.folder}: new case with {len(case.paragraphs)} numbered paragraphs ({case.front_matter} front-matter block(s)); {len(files)} files written"
        )
        print(f"next: add rows to {case.folder / 'claims.csv'}, then argmap render --case {case.folder}")
    return 0


def add_draft(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap draft``."""
    p = sub.add_parser(
        "draft",
        help="list the text's sentences with a suggested row type (a mapping aid)",
        description="List every sentence of the source text with its paragraph and a row type suggested by cue words (should, will, "
        "according to, because, thus, a year…), as CSV for you to read while writing claims.csv. The reading is yours: draft never writes "
        "claims.csv.",
    )
    p.add_argument("claims", nargs="?", default="claims.csv", help="the claims CSV whose sources/ folder holds the text (default: claims.csv)")
    p.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the CSV)")
    p.add_argument("-o", "--output", metavar="FILE", help="write the CSV here (default: stdout); never claims.csv")
    p.set_defaults(func=_draft)


def _draft(args: argparse.Namespace) -> int:
    from argmap.cases.draft import draft_csv
    from argmap.core.source import Source, find_source

    out = Path(args.output) if args.output else None
    if out is not None and (out.name == "claims.csv" or (out.exists() and out.resolve() == Path(args.claims).resolve())):
        raise UsageError(f"-o {out}: draft never writes claims.csv; write the suggestions to another file, e.g. draft.csv")
    text = draft_csv(Source.load(args.source or find_source(args.claims)))
    if out is None:
        sys.stdout.write(text)
    else:
        from argmap.core.atomic import write_if_changed

        write_if_changed(out, text.encode("utf-8"))
        print(f"{out}: {text.count(chr(10)) - 1} sentences", file=sys.stderr)
    return 0


def add_notebooks(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap notebooks``."""
    p = sub.add_parser(
        "notebooks",
        help="run the case's notebooks and save their outputs",
        description="Run every notebook in notebooks/ (or the ones named) top to bottom in a fresh kernel and save the outputs, as "
        "Restart & Run All does. Use with --case DIR for a case folder.",
    )
    p.add_argument("names", nargs="*", metavar="NOTEBOOK", help="notebook names (default: all NN-*.ipynb)")
    p.add_argument("--folder", default="notebooks", help="the notebooks folder (default: notebooks/)")
    p.add_argument("-j", "--jobs", type=int, default=None, metavar="N", help="notebooks run side by side (default: one per core; 1 runs them one at a time)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress")
    p.set_defaults(func=_notebooks)


def _notebooks(args: argparse.Namespace) -> int:
    from argmap.cases.run import run_notebooks

    claims = Path(args.folder).parent / "claims.csv"
    if claims.is_file():  # the map every notebook loads first, checked here (one line per problem) before any kernel starts
        from argmap.core.load import load

        load(claims)
    done = run_notebooks(Path(args.folder), args.names, None if args.quiet else lambda m: print(m, file=sys.stderr), jobs=args.jobs)
    if not args.quiet:
        print(f"{args.folder}: {len(done)} notebooks run")
    return 0
