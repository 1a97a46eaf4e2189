"""The ``argmap`` commands of ``argmap.analysis``: argument parsing and printing live here, the work in the domain modules."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.core.errors import UsageError
from argmap.core.output import check_output

__all__ = ["add_events", "add_scorecard"]


def add_events(sub: argparse._SubParsersAction) -> None:
    """Add ``argmap events`` to the command line."""
    p = sub.add_parser(
        "events",
        help="check events.csv and draw its timeline",
        description="Check an events CSV: dates and spans, cited versus later events, that every quote is verbatim in the paragraph it names, "
        "and (with --claims) that every claim id exists. Prints every problem, one per line, as FILE:LINE: COLUMN: what is wrong. "
        "With --figure, also writes the timeline figure, atomically and only when it changed.",
    )
    p.add_argument("events", nargs="?", default="events.csv", help="the events CSV (default: events.csv)")
    p.add_argument("--claims", metavar="CLAIMS", help="the claims CSV whose ids claim_ids must name (default: ids are not checked)")
    p.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the CSV)")
    p.add_argument("--figure", metavar="PATH", help="write the timeline to PATH (.svg, .png or .pdf)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing when the file is valid")
    p.set_defaults(func=_events)


def _events(args: argparse.Namespace) -> int:
    from argmap.analysis.events import load_events

    figure = Path(args.figure) if args.figure else None
    if figure is not None:
        from argmap.draw.mpl import FORMATS  # the timeline's, known without importing matplotlib

        if figure.suffix.lower().lstrip(".") not in FORMATS:
            raise UsageError(f"--figure {figure}: the name must end in {', '.join('.' + f for f in FORMATS)}")
        check_output(figure)
    df = load_events(args.events, args.claims, args.source)
    if not args.quiet:
        print(f"{args.events}: {len(df)} events, valid")
    if figure is not None:
        from argmap.draw.timeline import save_timeline, timeline_figure

        written = save_timeline(timeline_figure(df), figure)
        if not args.quiet:
            print(f"{figure}: {'written' if written else 'unchanged'}")
    return 0


def _scorecard(args: argparse.Namespace) -> int:
    from argmap.analysis.events import load_events
    from argmap.analysis.scorecard import load_scorecard

    events = load_events(args.events, args.claims) if args.events else None
    df = load_scorecard(args.scorecard, args.claims, events)
    if not args.quiet:
        counts = ", ".join(f"{n} {k}" for k, n in df["status"].value_counts().sort_index().items())
        print(f"{args.scorecard}: {len(df)} forecasts ({counts}), valid")
    return 0


def add_scorecard(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap scorecard``."""
    p = sub.add_parser(
        "scorecard",
        help="check the predictions scorecard",
        description="Check a scorecard CSV: every forecast of the map has a row, ids exist, statuses come from the schema, and as_of is a real date not before any event it weighs.",
    )
    p.add_argument("scorecard", nargs="?", default="scorecard.csv", help="the scorecard CSV (default: scorecard.csv)")
    p.add_argument("--claims", metavar="CLAIMS", default="claims.csv", help="the claims CSV (default: claims.csv)")
    p.add_argument("--events", metavar="EVENTS", help="the events CSV whose later events the judgements weigh")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing when the file is valid")
    p.set_defaults(func=_scorecard)
