"""Charts are drawn again only when what they read of the map changed; what they do not read leaves their bytes alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

import argmap
from argmap import ArgumentMap
from argmap.draw import chart_files, charts


@pytest.fixture(scope="module")
def article() -> ArgumentMap:
    return argmap.load(ROOT / "claims.csv")


def _edited(amap: ArgumentMap, row_id: str, **cells: str) -> ArgumentMap:
    rows = [dict(r, **cells) if r["id"] == row_id else dict(r) for r in amap.rows]
    edited = ArgumentMap(rows)
    edited.source = amap.source
    return edited


def _count_draws(monkeypatch) -> list[str]:
    drawn: list[str] = []
    for name, chart in list(charts.CHARTS.items()):
        monkeypatch.setitem(charts.CHARTS, name, lambda amap, _c=chart, _n=name: drawn.append(_n) or _c(amap))
    return drawn


@pytest.fixture(scope="module")
def first_write(article, tmp_path_factory) -> tuple[Path, tuple[int, int], list[str], dict[str, bytes]]:
    """The article's charts written by ``write_charts`` into an empty folder with an empty cache, counting the charts
    it draws: (the folder, its cache being ``folder/cache``; what it returned; the charts drawn; each chart's SVG as
    written, the article's drawing that the tests below compare with)."""
    folder = tmp_path_factory.mktemp("charts")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGMAP_CACHE", str(folder / "cache"))
        drawn = _count_draws(mp)
        result = chart_files.write_charts(article, folder)
    return folder, result, drawn, {name: (folder / f"{name}.svg").read_bytes() for name in charts.CHARTS}


def test_editing_a_recommendations_text_redraws_only_the_chart_that_shows_it(monkeypatch, article, first_write):
    folder, result, first, _ = first_write
    assert result == (5, 0) and sorted(first) == sorted(charts.CHARTS)
    monkeypatch.setenv("ARGMAP_CACHE", str(folder / "cache"))
    drawn = _count_draws(monkeypatch)
    assert chart_files.write_charts(article, folder) == (0, 5) and drawn == []  # nothing drawn the second time
    edited = _edited(article, "R3", text="Armenia should refuse to sign a vague framework agreement", quote=article["R3"]["quote"] + " ", note="a note")
    written, unchanged = chart_files.write_charts(edited, folder)
    assert drawn == ["structure-evidence"]
    assert (written, unchanged) == (1, 4)


@pytest.mark.parametrize("name", sorted(charts.CHARTS))
def test_what_a_chart_does_not_read_does_not_change_its_drawing(article, first_write, name):
    # the cache key leaves out quotes and notes (and most texts): check that the drawing indeed ignores them
    plain, _ = next((r["id"], r) for r in article.rows if r.get("parent") and not r.get("date") and r["type"] != "evidence")
    before = first_write[3][name]  # the article's chart as write_charts drew it: _bytes(CHARTS[name](article), "svg")
    edited = _edited(article, plain, quote="", note="a note")
    if name != "structure-evidence":
        edited = _edited(edited, plain, text="Changed beyond recognition, and much longer than before")
    assert chart_files._reads(edited, name) == chart_files._reads(article, name) or name == "structure-evidence"
    assert chart_files._bytes(charts.CHARTS[name](edited), "svg") == before


def _texts(amap: ArgumentMap, text) -> ArgumentMap:
    out = ArgumentMap([dict(r, text=text(r)) for r in amap.rows])
    out.source = amap.source
    return out


@pytest.mark.parametrize("name", sorted(charts.CHARTS))
def test_words_past_a_charts_label_do_not_change_its_key_or_its_drawing(article, name):
    """Every text made longer than any chart's label, then longer still: no chart reads the words past its label (an edit
    there draws nothing again), and indeed no chart's drawing changes; a chart that shows texts does read a new label."""
    padded = _texts(article, lambda r: " ".join(r["text"].split()).ljust(charts.DATED_LABEL + 8, "x"))
    longer = _texts(padded, lambda r: r["text"] + " and then some words that no chart shows")
    assert chart_files._reads(longer, name) == chart_files._reads(padded, name)
    assert chart_files._bytes(charts.CHARTS[name](longer), "svg") == chart_files._bytes(charts.CHARTS[name](padded), "svg")
    root = article.roots()[0]
    relabelled = chart_files._reads(_edited(padded, root, text="A new label"), name) != chart_files._reads(padded, name)
    assert relabelled == (name in ("structure-evidence", "structure-dated-evidence"))
