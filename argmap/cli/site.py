"""The ``argmap`` commands of ``argmap.site``: argument parsing and printing live here, the work in the domain modules."""

from __future__ import annotations

import argparse
from pathlib import Path

from argmap.site.reader import build_reader

__all__ = ["add_reader"]


def _reader(args: argparse.Namespace) -> int:
    n = build_reader(Path(args.notebooks), Path(args.figures), Path(args.output), args.title)
    print(f"{args.output}: {n} files written")
    return 0


def add_reader(sub: argparse._SubParsersAction) -> None:
    """Register ``argmap reader``."""
    p = sub.add_parser(
        "reader",
        help="build the static HTML reader",
        description="Convert the committed notebooks to HTML pages with an index page and the SVG figures, for reading and printing without Jupyter.",
    )
    p.add_argument("-o", "--output", metavar="DIR", default="reader", help="output folder (default: reader/)")
    p.add_argument("--notebooks", metavar="DIR", default="notebooks", help="notebooks folder (default: notebooks/)")
    p.add_argument("--figures", metavar="DIR", default="figures", help="figures folder (default: figures/)")
    p.add_argument("--title", help="title of the index page (default: the title in datapackage.json)")
    p.set_defaults(func=_reader)
