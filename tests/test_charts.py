"""The structure charts: what they plot, that they leave matplotlib's settings alone, and deterministic files."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import matplotlib
import pytest
from matplotlib.figure import Figure

from argmap import ArgumentMap
from argmap.analysis import structure as analysis
from argmap.draw import chart_files, charts


@pytest.fixture(scope="module")
def article(real_map: ArgumentMap) -> ArgumentMap:
    return real_map


@pytest.fixture(scope="module")
def small() -> ArgumentMap:
    rows = [
        {"id": "T1", "type": "thesis", "parent": "", "relation": "", "origin": "article", "paragraph": "1", "text": "t", "date": ""},
        {"id": "E1", "type": "evidence", "parent": "T1", "relation": "supports", "origin": "article", "paragraph": "2", "text": "e", "date": "2020-05"},
        {"id": "O1", "type": "objection", "parent": "E1", "relation": "undercuts", "origin": "analyst", "paragraph": "", "text": "o", "date": ""},
    ]
    return ArgumentMap(rows)


def _bar_heights(fig: Figure, horizontal: bool = False) -> list[float]:
    from matplotlib.patches import Rectangle

    ax = fig.axes[0]
    return [p.get_width() if horizontal else p.get_height() for p in ax.patches if isinstance(p, Rectangle)]


@pytest.mark.parametrize(
    ("value", "until", "expected"),
    [
        ("2023-12-07", None, ("2023-12-07", "2023-12-07", "2023-12-07")),
        ("2023-12", None, ("2023-12-01", "2023-12-16", "2023-12-31")),
        ("2024-02", None, ("2024-02-01", "2024-02-15", "2024-02-29")),
        ("2023", None, ("2023-01-01", "2023-07-02", "2023-12-31")),
        ("2024", dt.date(2024, 6, 30), ("2024-01-01", "2024-04-01", "2024-06-30")),
        ("2022-05", dt.date(2024, 6, 30), ("2022-05-01", "2022-05-16", "2022-05-31")),
    ],
)
def test_date_span(value, until, expected):
    assert tuple(d.isoformat() for d in charts.date_span(value, until)) == expected


def test_rows_by_type_bars_add_up(article):
    fig = charts.rows_by_type(article)
    assert isinstance(fig, Figure)
    assert sum(_bar_heights(fig, horizontal=True)) == len(article.statements())
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[-1] == "thesis" and "objection" in labels


def test_depth_profile(article):
    fig = charts.depth_profile(article)
    assert sum(_bar_heights(fig)) == len(article.statements())
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [str(d) for d in range(6)]
    assert {p.get_hatch() for p in fig.axes[0].patches} >= {charts.TYPE_HATCH["claim"], charts.TYPE_HATCH["evidence"]}


def test_evidence_beneath_claims(article):
    fig = charts.evidence_beneath_claims(article)
    heights = _bar_heights(fig, horizontal=True)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels[0].startswith("T1 · ") and heights[0] == len(analysis.evidence_beneath(article, "T1"))
    assert len(heights) == sum(1 for i in article.statements() if article[i]["type"] in ("thesis", "claim", "prediction", "recommendation"))


def test_paragraph_profile(article):
    fig = charts.paragraph_profile(article)
    assert sum(_bar_heights(fig)) == sum(1 for r in article.rows if r["origin"] == "article" and r["paragraph"])  # restatements quote nothing
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == [f"¶{p}" for p in range(1, 13)]


def test_timeline_places_every_dated_row(article):
    fig = charts.dated_evidence_timeline(article)
    ax = fig.axes[0]
    dated = [r["id"] for r in article.rows if r["date"]]
    labels = [t.get_text().split(" · ")[0] for t in ax.get_yticklabels()]
    assert sorted(labels) == sorted(dated) and labels[0] == "E17"  # sorted by date: Nov 2022 first
    marks = {line.get_ydata()[0]: line.get_xdata()[0] for line in ax.get_lines() if len(line.get_xdata()) == 1 and line.get_marker() not in ("|", "None", "")}
    assert marks[labels.index("E1")] == dt.date(2023, 10, 16)  # a month: its middle
    assert marks[labels.index("E11")] == dt.date(2024, 4, 1)  # 2024, cut at publication in June 2024
    assert "middle of that period" in ax.get_xlabel()


def test_timeline_under_a_root(article):
    ax = charts.dated_evidence_timeline(article, root="T3").axes[0]
    assert sorted(t.get_text().split(" · ")[0] for t in ax.get_yticklabels()) == ["E17", "E19"]
    assert "under T3" in ax.get_title()


def test_drawing_leaves_rcparams_alone(article):
    before = dict(matplotlib.rcParams)
    charts.depth_profile(article)
    assert dict(matplotlib.rcParams) == before


def test_import_changes_no_global_state():
    # dict.items reads the settings without resolving the backend (which would import pyplot)
    code = (
        "import matplotlib, sys; before = dict(dict.items(matplotlib.rcParams)); import argmap.draw.charts, argmap.analysis.structure; "
        "assert dict(dict.items(matplotlib.rcParams)) == before; assert 'matplotlib.pyplot' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)


def test_save_is_deterministic(small, tmp_path):
    svg, png = tmp_path / "a.svg", tmp_path / "a.png"
    for chart in (charts.rows_by_type, charts.depth_profile):  # a legend outside the axes must not move between saves
        fig = chart(small)
        assert chart_files.save(fig, svg) is True
        assert chart_files.save(fig, svg) is False
        assert chart_files.save(chart(small), svg) is False  # a fresh figure, the same bytes
    assert "<dc:date>" not in svg.read_text(encoding="utf-8")
    fig = charts.rows_by_type(small)
    assert chart_files.save(fig, png) is True
    assert b"Software" not in png.read_bytes()[:400]
    assert chart_files.save(fig, png) is False
    with pytest.raises(ValueError, match="svg"):
        chart_files.save(fig, tmp_path / "a.jpg")


def test_a_save_draws_a_chart_once(small, monkeypatch):
    """A chart is laid out when drawn and keeps no layout engine: matplotlib draws a figure that has one (even its
    placeholder "none") once more before each save, only to lay it out."""
    from matplotlib.figure import Figure

    draws = []
    original = Figure.draw
    monkeypatch.setattr(Figure, "draw", lambda self, renderer: draws.append(1) or original(self, renderer))
    fig = charts.rows_by_type(small)  # every chart is settled the same way (charts._settle)
    assert fig.get_layout_engine() is None
    draws.clear()
    chart_files._bytes(fig, "svg")
    assert len(draws) == 1


def test_write_charts(small, tmp_path):
    assert chart_files.write_charts(small, tmp_path) == (5, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{n}.svg" for n in charts.CHARTS)
    assert all(n.startswith("structure-") for n in charts.CHARTS)
    assert chart_files.write_charts(small, tmp_path) == (0, 5)
