"""Figures of the graph model: restatements drawn as references that link to their original, and figures a
reader can take in (legend compact and below the map, linked-reason frame unlike the analyst's border,
analyst rows never the largest shapes)."""

from __future__ import annotations

import re

import pygraphviz
import pytest
from helpers import EXAMPLE, ROOT, write_map
from test_dot import unescape
from test_statements import GRAPH, H

import argmap
from argmap.draw.figures import figure_links, plan_figures
from argmap.draw.render import render_dot


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return argmap.load(write_map(tmp_path_factory.mktemp("graph"), GRAPH, header=H))


def _g(dot: str, layout: bool = False) -> pygraphviz.AGraph:
    g = pygraphviz.AGraph(string=dot)
    if layout:
        g.layout("dot")
    return g


def test_restatement_is_drawn_as_a_reference_to_its_original(graph):
    g = _g(argmap.to_dot(graph))
    node = g.get_node("T1.r1")
    assert unescape(node.attr["label"]) == "↪ T1 · recommendation\nPlant more trees"
    assert "restatement" in node.attr["class"].split()
    assert node.attr["fillcolor"] == "#FFFFFF" != g.get_node("T1").attr["fillcolor"]
    assert node.attr["href"] == "#T1"
    assert unescape(node.attr["tooltip"]).startswith("The same statement as T1, drawn again where it bears on O1 (the author's link)")


def test_original_says_where_else_it_bears(graph):
    g = _g(argmap.to_dot(graph))
    assert unescape(g.get_node("T1").attr["label"]).endswith("\n↪ also bears on O1")
    assert unescape(g.get_node("C1").attr["label"]).endswith("\n↪ also bears on A2")
    assert "also" not in unescape(g.get_node("E1").attr["label"])


def test_branch_figure_links_to_the_figure_that_holds_the_original(graph):
    assert figure_links(graph) == {"T1": "map.svg#T1", "C1": "branch-C1.svg#C1"}
    figures = plan_figures(graph)
    assert set(figures) == {"map", "branch-C1", "branch-O1"}
    g = _g(figures["branch-O1"])
    c1 = g.get_node("C1.r1")
    assert c1.attr["href"] == "branch-C1.svg#C1"
    assert unescape(c1.attr["label"]).endswith("\n(drawn in branch C1)")
    assert g.get_node("T1.r1").attr["href"] == "map.svg#T1"
    assert unescape(g.get_node("T1.r1").attr["label"]).endswith("(drawn in the whole map)")


def test_svg_link_points_at_an_anchor_that_exists(graph):
    svg = render_dot(argmap.to_dot(graph), ["svg"])["svg"].decode("utf-8")
    assert re.search(r'<a xlink:href="#T1"', svg)
    assert '<g id="T1" class="node' in svg
    branch = render_dot(plan_figures(graph)["branch-C1"], ["svg"])["svg"].decode("utf-8")
    assert '<g id="C1" class="node' in branch  # the anchor branch-O1.svg's link lands on


def test_legend_explains_restatements_only_where_drawn(graph):
    assert _g(argmap.to_dot(graph)).has_node("__legend_restatement")
    assert not _g(argmap.to_dot(graph, "C1")).has_node("__legend_restatement")


def test_legend_shows_only_what_the_figure_draws():
    bikes = argmap.load(EXAMPLE)
    g = _g(argmap.to_dot(bikes, "C1"))  # C1 and the evidence E1 that supports it
    assert {n for n in g.nodes() if n.startswith("__legend")} == {"__legend_claim", "__legend_evidence", "__legend_supports_from", "__legend_supports_to"}
    g = _g(argmap.to_dot(bikes))
    assert g.has_node("__legend_analyst") and g.has_node("__legend_linked") and not g.has_node("__legend_prediction")


def test_legend_swatches_are_drawn_as_the_map_draws():
    bikes = argmap.load(EXAMPLE)
    g = _g(argmap.to_dot(bikes))
    for rid, swatch in (("C1", "__legend_claim"), ("E1", "__legend_evidence"), ("T1", "__legend_recommendation")):
        for key in ("shape", "style", "color", "fillcolor"):
            assert g.get_node(swatch).attr[key] == g.get_node(rid).attr[key], (swatch, key)
    frame = g.get_subgraph("cluster_group_g1").graph_attr
    swatch = g.get_node("__legend_linked").attr
    assert (swatch["style"], swatch["color"], swatch["fillcolor"]) == (frame["style"], frame["color"], frame["fillcolor"])
    a1, analyst = g.get_node("A1").attr, g.get_node("__legend_analyst").attr
    assert (analyst["shape"], analyst["style"]) == (a1["shape"], a1["style"])
    attack = g.get_edge("__legend_attacks_from", "__legend_attacks_to").attr
    drawn = g.get_edge("C3", "T1").attr
    assert (attack["style"], attack["arrowhead"], attack["color"]) == (drawn["style"], drawn["arrowhead"], drawn["color"])


def test_linked_reason_frame_is_not_dashed_like_the_analysts_border():
    bikes = argmap.load(EXAMPLE)
    g = _g(argmap.to_dot(bikes))
    frame = g.get_subgraph("cluster_group_g1").graph_attr["style"]
    assert "dashed" not in frame and "dotted" not in frame
    assert "dashed" in g.get_node("A1").attr["style"]


def _boxes(g: pygraphviz.AGraph, names) -> list[tuple[float, float, float, float]]:
    out = []
    for n in names:
        node = g.get_node(n)
        x, y = map(float, node.attr["pos"].split(","))
        w, h = float(node.attr["width"]) * 72, float(node.attr["height"]) * 72
        out.append((x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    return out


@pytest.mark.parametrize("name", ["map", "branch-C1", "branch-C2", "branch-C3"])
def test_legend_is_compact_and_below_the_map(name):
    bikes = argmap.load(EXAMPLE)
    g = _g(plan_figures(bikes)[name], layout=True)
    rows = [n for n in g.nodes() if not n.startswith("__")]
    boxes = _boxes(g, rows)
    x0, y0, x1, y1 = min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)
    lx0, ly0, lx1, ly1 = map(float, g.get_subgraph("cluster_legend").graph_attr["bb"].split(","))
    assert ly1 < y0, "the legend sits below every row (the title is over the map)"
    room = 1.0 if len(rows) >= 3 else 1.25  # a figure of one or two boxes still needs a few swatches
    assert (lx1 - lx0) * (ly1 - ly0) < room * (x1 - x0) * (y1 - y0), "the legend takes less room than the map"


@pytest.mark.parametrize("claims", [ROOT / "claims.csv", EXAMPLE], ids=["claims", "bike-lanes"])
def test_analyst_rows_are_never_the_largest_shapes_of_a_figure(claims):
    amap = argmap.load(claims)
    for name, dot in plan_figures(amap).items():
        g = _g(dot, layout=True)
        area = {n: float(g.get_node(n).attr["width"]) * float(g.get_node(n).attr["height"]) for n in g.nodes() if not n.startswith("__")}
        author = [a for n, a in area.items() if amap[n]["origin"] == "article"]
        others = [a for n, a in area.items() if amap[n]["origin"] != "article"]
        if author and others:
            assert max(others) <= max(author), name
