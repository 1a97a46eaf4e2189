"""``python -m argmap.cli`` runs the command line."""

import sys

from argmap.__main__ import run

sys.exit(run())
