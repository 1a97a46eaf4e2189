"""Fixtures shared by every test module: the real map of the article, loaded and validated once per session."""

from __future__ import annotations

import pytest
from helpers import ROOT

import argmap


@pytest.fixture(scope="session")
def real_map() -> argmap.ArgumentMap:
    """The article's map (claims.csv with its source), as ``argmap.load`` returns it; treat it as read-only."""
    return argmap.load(ROOT / "claims.csv")
