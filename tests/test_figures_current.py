"""The committed figures/ are what `make` would draw now from claims.csv and events.csv."""

from __future__ import annotations

from pathlib import Path

import pytest

import argmap
from argmap.analysis.events import load_events
from argmap.draw.chart_files import write_charts
from argmap.draw.figures import PNG_MAX_PX, plan_figures
from argmap.draw.render import render_dot
from argmap.draw.timeline import save_timeline, timeline_figure

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "figures"
AMAP = argmap.load(ROOT / "claims.csv")
PLAN = plan_figures(AMAP)


def test_the_figure_set_is_the_planned_one():
    drawn = {p.stem for p in FIGURES.glob("*.dot")}
    assert drawn == set(PLAN)


@pytest.mark.parametrize("name", sorted(PLAN))
def test_each_figure_is_current(name):
    # svg and dot for every figure; the slower png and pdf for the whole map
    formats = ["svg", "dot", "png", "pdf"] if name == "map" else ["svg", "dot"]
    drawn = render_dot(PLAN[name], formats, png_max_px=PNG_MAX_PX)
    for fmt, data in drawn.items():
        assert (FIGURES / f"{name}.{fmt}").read_bytes() == data, f"figures/{name}.{fmt} is stale: run make"
    for fmt in set(formats) - set(drawn):  # a PNG too large to serve anyone is not drawn, and not left behind
        assert not (FIGURES / f"{name}.{fmt}").exists(), f"figures/{name}.{fmt} is stale: run make"


def test_structure_charts_and_timeline_are_current(tmp_path):
    written, _ = write_charts(AMAP, tmp_path)
    assert written == 5
    for chart in tmp_path.glob("*.svg"):
        assert (FIGURES / chart.name).read_bytes() == chart.read_bytes(), f"figures/{chart.name} is stale: run make"
    events = load_events(ROOT / "events.csv", ROOT / "claims.csv")
    save_timeline(timeline_figure(events), tmp_path / "timeline.svg")
    assert (FIGURES / "timeline.svg").read_bytes() == (tmp_path / "timeline.svg").read_bytes(), "figures/timeline.svg is stale: run make"
