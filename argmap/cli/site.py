"""The ``argmap`` commands of ``argmap.site``: argument parsing and printing live here, the work in the domain modules."""

from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_reader"]


def _reader(args: argparse.Namespace) -> int:
    from argmap.site.reader import build_reader

    n = build_reader(Path(args.notebooks), Path(args.figures), Path(args.output), args.title, Path(args.claims) if args.claims else None)
    if not args.quiet:
        print(f"{args.output}: {n} files written; open {Path(args.output) / 'index.html'} in a browser")
    return 0


def add_reader(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap reader``."""
    p = sub.add_parser(
        "reader",
        help="build the static reading site",
        description=(
            "Build the static reading site: the article beside its map (click a passage or a box), an overview, one page per branch, "
            "search, and the committed notebooks as pages. It opens from file://, a USB stick or any static host. Only files listed in "
            "DIR/.argmap-reader.json (written by an earlier build) are ever replaced or removed."
        ),
    )
    p.add_argument("-o", "--output", metavar="DIR", default="docs", help="output folder (default: docs/)")
    p.add_argument("--notebooks", metavar="DIR", default="notebooks", help="notebooks folder (default: notebooks/)")
    p.add_argument("--figures", metavar="DIR", default="figures", help="figures folder (default: figures/)")
    p.add_argument("--claims", metavar="CSV", help="claims file (default: claims.csv beside the notebooks folder)")
    p.add_argument("--title", help="site title (default: the title in datapackage.json)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing on success")
    p.set_defaults(func=_reader)
