"""The ``argmap`` command line: validate and render maps; exit 0 when clean, 1 for invalid data, 2 for usage."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from argmap import __version__
from argmap.cli.analysis import add_events, add_scorecard
from argmap.cli.cases import add_draft, add_new, add_notebooks
from argmap.cli.classroom import add_handout, add_questions, add_ratings
from argmap.cli.formats import add_interchange
from argmap.cli.live import add_class
from argmap.cli.site import add_reader
from argmap.core.errors import ArgmapError, InvalidMap, Problem, UsageError, printable
from argmap.core.load import load
from argmap.core.output import check_folder
from argmap.core.schema import schema
from argmap.draw.drawing import to_dot
from argmap.draw.figures import CAIRO_MAX_PX, PNG_MAX_PX, overview_depth, plan_figures, write_figures
from argmap.draw.render import FORMATS

__all__ = ["commands", "main", "parser", "print_problems"]


def _formats(value: str) -> list[str]:
    out = [f.strip().lower() for f in value.split(",") if f.strip()]
    bad = [f for f in out if f not in FORMATS]
    if bad or not out:
        raise argparse.ArgumentTypeError(f"unknown format {bad[0] if bad else value!r}; choose from {','.join(FORMATS)}")
    return out


def _jobs(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number ≥ 1")
    return int(value)


def _depth(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number ≥ 0")
    return int(value)


def _add_validate(sub: argparse._SubParsersAction) -> None:
    v = sub.add_parser(
        "validate",
        help="check a claims CSV against its schema and source",
        description="Check a claims CSV: ids, vocabularies, parents, cycles, co-premises, dates, and that every quote is verbatim in the paragraph it names. Prints every problem, one per line, as FILE:LINE: id ID: COLUMN: what is wrong.",
    )
    v.add_argument("claims", nargs="?", default="claims.csv", help="the claims CSV (default: claims.csv)")
    v.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the CSV)")
    v.add_argument("--with", dest="overlays", metavar="FILE", nargs="+", default=[], help="classroom overlay CSVs whose rows attach to the map's ids")
    v.add_argument("-q", "--quiet", action="store_true", help="print nothing when the file is valid")


def _add_render(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser(
        "render",
        help="draw the map and its main branches",
        description="Validate, then draw the whole map and one figure per main branch. Files are written atomically and only when their content changed; nothing is written when the input is invalid.",
    )
    r.add_argument("claims", nargs="?", default="claims.csv", help="the claims CSV (default: claims.csv)")
    r.add_argument("-o", "--output", metavar="DIR", default="figures", help="folder for the figures (default: figures/)")
    r.add_argument(
        "--format", metavar="LIST", type=_formats, default=["svg", "png"], help=f"comma-separated formats from {','.join(FORMATS)} (default: svg,png)"
    )
    r.add_argument("--root", metavar="ID", help="draw only the branch under this row, as branch-ID.*")
    r.add_argument("--depth", metavar="N", type=_depth, help="draw at most N levels below the root(s)")
    r.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the CSV)")
    r.add_argument("--with", dest="overlays", metavar="FILE", nargs="+", default=[], help="classroom overlay CSVs, drawn in their own border style")
    r.add_argument("-j", "--jobs", metavar="N", type=_jobs, help="draw with N processes (default: one per core; 1 draws one figure at a time)")
    r.add_argument(
        "--png-max",
        metavar="PX",
        type=_depth,
        default=PNG_MAX_PX,
        help=f"draw no PNG larger than PX pixels either way (default: {PNG_MAX_PX}; 0: up to cairo's limit, {CAIRO_MAX_PX})",
    )
    r.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")


def _add_charts(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser(
        "charts",
        help="draw the matplotlib charts of the map's structure",
        description="Validate, then draw the structure charts (rows by type, depth, evidence beneath each claim, paragraphs, dated evidence) as figures/structure-*.svg; only changed files are written.",
    )
    c.add_argument("claims", nargs="?", default="claims.csv", help="the claims CSV (default: claims.csv)")
    c.add_argument("-o", "--output", metavar="DIR", default="figures", help="folder for the charts (default: figures/)")
    c.add_argument("--format", metavar="LIST", type=_formats, default=["svg"], help="comma-separated formats from svg,png,pdf (default: svg)")
    c.add_argument("--source", metavar="FILE", help="the source text (default: the one sources/*.txt beside the CSV)")
    c.add_argument("-q", "--quiet", action="store_true", help="no summary")


def _add_schema(sub: argparse._SubParsersAction) -> None:
    s = sub.add_parser("schema", help="print the data dictionary", description="Print the columns of a CSV kind, from its Table Schema, as a Markdown table.")
    s.add_argument("name", nargs="?", default="claims", help="which schema (default: claims)")


#: Every command, in the order ``argmap --help`` lists them, and the function that adds its sub-parser (and sets
#: ``func``, but for the four above); ``export`` and ``import`` share one.
_COMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "validate": _add_validate,
    "render": _add_render,
    "charts": _add_charts,
    "schema": _add_schema,
    "reader": add_reader,
    "events": add_events,
    "export": add_interchange,
    "import": add_interchange,
    "questions": add_questions,
    "ratings": add_ratings,
    "handout": add_handout,
    "scorecard": add_scorecard,
    "class": add_class,
    "new": add_new,
    "draft": add_draft,
    "notebooks": add_notebooks,
}


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: with a ``command`` it knows, only that command's sub-parser (all a run needs; building
    all sixteen takes about 3 ms), else every one."""
    p = argparse.ArgumentParser(prog="argmap", description="Argument maps tied to verbatim quotes of their source.")
    p.add_argument("--version", action="version", version=f"argmap {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_command in [_COMMANDS[command]] if command in _COMMANDS else dict.fromkeys(_COMMANDS.values()):
        add_command(sub)
    for name, sp in sub.choices.items():
        if name != "new":
            sp.add_argument("--case", metavar="DIR", help="work in this case folder: every default path (claims.csv, sources/, figures/ …) is inside it")
    return p


def commands() -> list[str]:
    """Every sub-command's name, in the order ``argmap --help`` lists them.

    >>> commands()[:4]
    ['validate', 'render', 'charts', 'schema']
    """
    p = parser()
    sub = next(a for a in p._actions if isinstance(a, argparse._SubParsersAction))  # argparse has no public accessor
    return list(sub.choices)


def _load_noting(args: argparse.Namespace):
    """The map with its overlays; an overlay with only a header is named on stderr as empty, not refused."""
    notes: list[str] = []
    amap = load(args.claims, args.source, overlays=args.overlays, notes=notes)
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    return amap


def _validate(args: argparse.Namespace) -> int:
    amap = _load_noting(args)
    if not args.quiet:
        extra = f" (with {len(args.overlays)} overlay file{'s' if len(args.overlays) != 1 else ''})" if args.overlays else ""
        print(f"{args.claims}: {len(amap)} rows, valid{extra}")
    return 0


def _render(args: argparse.Namespace) -> int:
    check_folder(args.output)
    amap = _load_noting(args)
    if args.root is not None and args.root not in amap:
        raise UsageError(f"--root {args.root}: no row has this id in {args.claims}")
    figures = plan_figures(amap, args.root, args.depth)
    out = Path(args.output)
    done = write_figures(
        figures,
        out,
        args.format,
        progress=not args.quiet,
        prune=args.root is None and args.depth is None,
        jobs=args.jobs,
        png_max_px=args.png_max or CAIRO_MAX_PX,
    )
    overview = None
    if "map" in done.too_big:  # beyond what cairo draws: the top levels as an overview, beside the branches
        depth = overview_depth(amap)
        overview = write_figures({"map-overview": to_dot(amap, None, depth)}, out, args.format, jobs=args.jobs, png_max_px=args.png_max or CAIRO_MAX_PX)
        print(
            f"{out / 'map'}: the whole map is too large for cairo ({CAIRO_MAX_PX:,} px) as PNG or PDF: its SVG holds it; "
            f"{out / 'map-overview'}.* shows its top {depth} levels, and each branch-*.* one branch",
            file=sys.stderr,
        )
    for name in done.too_big:
        if name != "map":
            print(f"{out / name}.pdf: not drawn, larger than cairo's {CAIRO_MAX_PX:,} px; the SVG holds the whole figure", file=sys.stderr)
    if not args.quiet:
        for name in done.no_png:
            if name not in done.too_big:
                print(
                    f"{out / name}.png: not drawn, larger than {args.png_max or CAIRO_MAX_PX:,} px (--png-max); the SVG holds the whole figure", file=sys.stderr
                )
        reused = f"; {done.reused} of {len(figures)} figures not laid out again (DOT unchanged)" if done.reused else ""
        extra = overview.written if overview else 0
        print(f"{args.output}: {done.written + extra} written, {done.unchanged + (overview.unchanged if overview else 0)} unchanged{reused}")
    return 0


def _charts(args: argparse.Namespace) -> int:
    from argmap.draw.chart_files import write_charts

    if "dot" in args.format:
        raise UsageError("charts are matplotlib figures: choose from svg,png,pdf")
    check_folder(args.output)
    written, unchanged = write_charts(load(args.claims, args.source), args.output, args.format)
    if not args.quiet:
        print(f"{args.output}: {written} written, {unchanged} unchanged")
    return 0


def _schema(args: argparse.Namespace) -> int:
    try:
        sys.stdout.write(schema(args.name).to_markdown())
    except FileNotFoundError:
        raise UsageError(f"no schema named {args.name!r}") from None
    return 0


def print_problems(problems: Sequence[Problem]) -> None:
    """Every problem, one per line, then how many there are in each file, all on stderr (stdout is kept for data).

    >>> import sys; sys.stderr = sys.stdout  # for this example
    >>> print_problems([Problem("claims.csv", 2, "T1", "type", "'x' is not allowed"), Problem("group-a.csv", 3, "A1", "parent", "no row has id 'Z'")])
    claims.csv:2: id T1: type: 'x' is not allowed
    group-a.csv:3: id A1: parent: no row has id 'Z'
    claims.csv: 1 problem; group-a.csv: 1 problem
    >>> sys.stderr = sys.__stderr__
    """
    counts: dict[str, int] = {}
    for problem in problems:
        print(problem, file=sys.stderr)
        counts[problem.file] = counts.get(problem.file, 0) + 1
    print("; ".join(f"{file}: {n} problem{'s' if n != 1 else ''}" for file, n in counts.items()), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(argv[0] if argv else None).parse_args(argv)
    case = getattr(args, "case", None)
    if case is not None:
        if not Path(case).is_dir():
            print(f"argmap {args.command}: error: --case {case}: no such folder", file=sys.stderr)
            return 2
    here = os.getcwd()
    if getattr(args, "quiet", False):
        from argmap.draw.render import quiet_warnings

        quiet_warnings()
    try:
        if case is not None:
            os.chdir(case)
        handler = getattr(args, "func", None) or {"validate": _validate, "render": _render, "charts": _charts, "schema": _schema}[args.command]
        return handler(args)
    except InvalidMap as e:
        print_problems(e.problems)
        return 1
    except UsageError as e:
        print(f"argmap {args.command}: error: {printable(str(e))}", file=sys.stderr)
        return 2
    except ArgmapError as e:
        print(f"argmap {args.command}: error: {printable(str(e))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"argmap {args.command}: interrupted; files already in place are whole, nothing was half-written", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # the environment: a full disk, a read-only folder, a file where a folder belongs
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        where = f"{e.filename}: " if e.filename else ""
        print(f"argmap {args.command}: error: {printable(where + (e.strerror or str(e)))}", file=sys.stderr)
        return 1
    except Exception as e:  # never a traceback for users; ARGMAP_DEBUG=1 shows it
        if os.environ.get("ARGMAP_DEBUG"):
            raise
        print(f"argmap {args.command}: internal error: {type(e).__name__}: {printable(str(e))} (set ARGMAP_DEBUG=1 for details)", file=sys.stderr)
        return 3
    finally:
        os.chdir(here)  # main() may be called in-process (tests, notebooks): leave the working folder as it was


if __name__ == "__main__":
    sys.exit(main())
