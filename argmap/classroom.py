"""The classroom commands, registered together: ``argmap questions``, ``argmap ratings`` and ``argmap handout``."""

from __future__ import annotations

import argparse

from .handout_cli import add_command as _handout
from .questions import add_command as _questions
from .ratings_report import add_command as _ratings

__all__ = ["add_commands"]


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the classroom commands to the command line."""
    for add in (_questions, _ratings, _handout):
        add(sub)
