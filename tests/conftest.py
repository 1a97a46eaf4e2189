"""Fixtures shared by the test modules: the real map of the article, loaded and validated once per session; the reading
site and a headless Chromium, once per browser test module."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import DESKTOP
from helpers import ROOT

import argmap


@pytest.fixture(scope="session")
def real_map() -> argmap.ArgumentMap:
    """The article's map (claims.csv with its source), as ``argmap.load`` returns it; treat it as read-only."""
    return argmap.load(ROOT / "claims.csv")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, built now from the repository's claims, figures and committed notebooks."""
    from argmap.site.reader import build_reader

    root = tmp_path_factory.mktemp("site")
    build_reader(ROOT / "notebooks", ROOT / "figures", root)
    return root


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from argmap.site.screenshot import chromium

    driver = chromium(*DESKTOP, profile=str(tmp_path_factory.mktemp("chromium")))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
