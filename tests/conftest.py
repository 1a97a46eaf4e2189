"""Fixtures shared by the test modules: the real map of the article, loaded and validated once per session; the reading
site and a headless Chromium, once per browser test module. And a content cache of the run's own (``ARGMAP_CACHE``), for
every test, notebook and command the tests start: a run never reads or writes the user's ``~/.cache/argmap``, and what
an earlier run (or ``make``, or ``make bench``) cached cannot change what a test sees."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from browser_support import DESKTOP
from helpers import ROOT

import argmap

_CACHE: dict[str, str | None] = {}


def pytest_configure(config: pytest.Config) -> None:
    _CACHE["before"] = os.environ.get("ARGMAP_CACHE")
    _CACHE["dir"] = tempfile.mkdtemp(prefix="argmap-test-cache-")
    os.environ["ARGMAP_CACHE"] = _CACHE["dir"]


def pytest_unconfigure(config: pytest.Config) -> None:
    if _CACHE.get("dir"):
        shutil.rmtree(_CACHE["dir"], ignore_errors=True)
    if _CACHE.get("before") is None:
        os.environ.pop("ARGMAP_CACHE", None)
    else:
        os.environ["ARGMAP_CACHE"] = str(_CACHE["before"])


#: The test modules that take longest (a real browser, notebook kernels, a live server), longest first. ``make test``
#: runs them first (with pytest-xdist's ``--no-loadscope-reorder``), so that the short modules fill in behind them and
#: no worker is left running a long module alone at the end. With 2 workers on 2 cores, xdist's own order (most tests
#: first) left the browser modules for last, and one worker ended 15 s after the other; with the default 3 workers the
#: difference is within the noise. An order only: every test runs, wherever it is listed.
LONGEST_FIRST = (
    "tests/test_browser_pages.py",
    "tests/test_browser_article.py",
    "tests/test_live_browser.py",
    "tests/test_cases.py",
    "tests/test_browser.py",
    "tests/test_teaching.py",
    "tests/test_bad_input.py",
    "tests/test_charts_cache.py",
    "tests/test_import_argdown.py",
    "tests/test_live_restart.py",
    "tests/test_determinism.py",
)


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects: a notebook's cells are marked ``kernel`` here
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each notebook's cells ``kernel``; then order the run: the modules of :data:`LONGEST_FIRST` first, in its
    order, then the notebooks, then the rest as collected."""
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    for item in items:
        if item.nodeid.split("::")[0].endswith(".ipynb"):
            item.add_marker(pytest.mark.kernel)

    def key(item: pytest.Item) -> int:
        module = item.nodeid.split("::")[0]
        return rank.get(module, len(rank) + (0 if module.endswith(".ipynb") else 1))

    items.sort(key=key)


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
    from argmap.site.chromium import chromium

    driver = chromium(*DESKTOP, profile=str(tmp_path_factory.mktemp("chromium")))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()
