"""``python -m argmap`` runs the command line; :func:`run` is the ``argmap`` command's entry point."""

from __future__ import annotations

import sys

__all__ = ["run"]


def run() -> int:
    """Load the command line and run it; Ctrl-C while its modules load exits 130 with one line, not a traceback."""
    try:
        from argmap.cli import main
    except KeyboardInterrupt:
        print("argmap: interrupted", file=sys.stderr)
        return 130
    return main()


if __name__ == "__main__":
    sys.exit(run())
