"""The DOT text of a map, read back with pygraphviz's parser (nothing is drawn here)."""

from __future__ import annotations

import html
import re

import pygraphviz
import pytest
from helpers import EXAMPLE

import argmap
from argmap.draw.dot import label, rows_to_dot, tooltip


def unescape(value: str) -> str:
    """What Graphviz shows for an escString attribute as pygraphviz returns it (``\\"`` is already undone).

    Backslash escapes first, then character entities, which Graphviz decodes in labels and tooltips.
    """
    return html.unescape(re.sub(r"\\(.)", lambda m: {"n": "\n", "l": "\n", "r": "\n"}.get(m.group(1), m.group(1)), value))


@pytest.fixture(scope="module")
def bikes():
    return argmap.load(EXAMPLE)


@pytest.fixture(scope="module")
def graph(bikes):
    return pygraphviz.AGraph(string=argmap.to_dot(bikes))


def drawn_rows(g: pygraphviz.AGraph) -> set[str]:
    return {n for n in g.nodes() if not n.startswith("__")}


def test_every_row_is_a_node_with_its_id(bikes, graph):
    assert drawn_rows(graph) == set(bikes.ids)
    for rid in bikes.ids:
        assert graph.get_node(rid).attr["id"] == rid


def test_every_node_carries_its_label_and_tooltip(bikes, graph):
    for row in bikes.rows:
        node = graph.get_node(row["id"])
        assert unescape(node.attr["label"]) == label(row)
        assert unescape(node.attr["tooltip"]) == tooltip(row)
        assert row["text"].split()[0] in node.attr["label"]


def test_article_label_names_the_paragraph_and_analyst_label_the_origin(bikes, graph):
    assert unescape(graph.get_node("E1").attr["label"]).startswith("E1 · evidence · ¶2\n")
    assert unescape(graph.get_node("A1").attr["label"]).startswith("A1 · assumption · analyst\n")
    assert graph.get_node("E1").attr["tooltip"] == "¶2: “" + bikes["E1"]["quote"] + "”"


def _style(graph, u, v):
    e = graph.get_edge(u, v)
    return e.attr["style"], e.attr["arrowhead"], e.attr["class"]


def test_supports_edge_is_solid_with_a_normal_arrow(graph):
    assert _style(graph, "E1", "C1") == ("solid", "normal", "supports")


def test_attacks_edge_is_dashed_with_a_tee(graph):
    assert _style(graph, "C3", "T1") == ("dashed", "tee", "attacks")
    assert _style(graph, "C4", "C3") == ("dashed", "tee", "attacks")
    assert graph.get_edge("C3", "T1").attr["xlabel"] == "attacks"


def test_undercut_edge_is_dotted_with_a_tee_and_points_at_the_inference(graph):
    assert _style(graph, "O1", "__inference_E2") == ("dotted", "tee", "undercuts")
    assert not graph.has_edge("O1", "E2")
    # the inference it attacks: E2's support of C2 runs through that hub
    assert graph.has_edge("E2", "__inference_E2") and graph.get_edge("E2", "__inference_E2").attr["dir"] == "none"
    assert _style(graph, "__inference_E2", "C2") == ("solid", "normal", "supports")
    assert not graph.has_edge("E2", "C2")
    assert graph.get_node("__inference_E2").attr["shape"] == "point"


def test_analyst_rows_are_dashed_and_article_rows_are_not(bikes, graph):
    for row in bikes.rows:
        styles = graph.get_node(row["id"]).attr["style"].split(",")
        assert ("dashed" in styles) == (row["origin"] != "article"), row["id"]


def test_co_premises_share_one_reason_hub_and_a_cluster(graph):
    assert graph.has_edge("C1", "__reason_g1") and graph.has_edge("A1", "__reason_g1")
    assert graph.get_edge("C1", "__reason_g1").attr["dir"] == "none"
    assert not graph.has_edge("C1", "T1") and not graph.has_edge("A1", "T1")
    assert [e for e in graph.out_edges("__reason_g1")] == [("__reason_g1", "T1")]
    assert _style(graph, "__reason_g1", "T1") == ("solid", "normal", "supports")
    cluster = graph.get_subgraph("cluster_group_g1")
    assert cluster is not None
    assert set(cluster.nodes()) == {"C1", "A1"}


def test_undercut_of_a_co_premise_points_at_the_reason_hub():
    rows = [
        {"id": "T1", "type": "thesis", "text": "t", "parent": "", "relation": "", "group": "", "origin": "analyst"},
        {"id": "C1", "type": "claim", "text": "a", "parent": "T1", "relation": "supports", "group": "g", "origin": "analyst"},
        {"id": "C2", "type": "claim", "text": "b", "parent": "T1", "relation": "supports", "group": "g", "origin": "analyst"},
        {"id": "U1", "type": "objection", "text": "u", "parent": "C1", "relation": "undercuts", "group": "", "origin": "analyst"},
    ]
    g = pygraphviz.AGraph(string=rows_to_dot(rows))
    assert g.has_edge("U1", "__reason_g") and not g.has_edge("U1", "C1")
    assert "__inference_C1" not in g


def test_a_single_row_group_is_drawn_as_a_plain_edge():
    rows = [
        {"id": "T1", "type": "thesis", "text": "t", "parent": "", "relation": "", "group": "", "origin": "analyst"},
        {"id": "C1", "type": "claim", "text": "a", "parent": "T1", "relation": "supports", "group": "solo", "origin": "analyst"},
    ]
    g = pygraphviz.AGraph(string=rows_to_dot(rows))
    assert g.has_edge("C1", "T1")
    assert "__reason_solo" not in g and g.get_subgraph("cluster_group_solo") is None


def test_root_and_depth_limit_the_rows(bikes):
    assert drawn_rows(pygraphviz.AGraph(string=argmap.to_dot(bikes, root="C2"))) == {"C2", "E2", "O1"}
    assert drawn_rows(pygraphviz.AGraph(string=argmap.to_dot(bikes, root="C2", depth=1))) == {"C2", "E2"}
    assert drawn_rows(pygraphviz.AGraph(string=argmap.to_dot(bikes, root="C2", depth=0))) == {"C2"}
    assert drawn_rows(pygraphviz.AGraph(string=argmap.to_dot(bikes, depth=1))) == {"T1", "C1", "A1", "C2", "C3"}


def test_branch_has_no_edges_to_rows_outside_it(bikes):
    g = pygraphviz.AGraph(string=argmap.to_dot(bikes, root="C1"))
    assert drawn_rows(g) == {"C1", "E1"}
    assert "T1" not in g and "__reason_g1" not in g


def test_branch_title_names_the_branch(bikes):
    g = pygraphviz.AGraph(string=argmap.to_dot(bikes, root="C2"))
    assert g.graph_attr["label"] == "The Case for Protected Bike Lanes on Main Street: branch C2"


def test_legend_can_be_left_out(bikes):
    assert "cluster_legend" in argmap.to_dot(bikes)
    g = pygraphviz.AGraph(string=rows_to_dot(bikes.rows, legend=False))
    assert not [n for n in g.nodes() if n.startswith("__legend")]


HOSTILE = [
    'He said "no" and left',
    "back\\slash, C:\\new and \\N \\G \\L",
    "angle <b>bold</b> & amp; {brace} | pipe [square]; semi",
    "a\nnew line",
    "a\ttab",
    "trailing backslash \\",
    "emoji 🚲🌳 and a ZWJ family 👩‍👩‍👧",
    "Հայաստան, Azərbaycan, Şuşa",
    "<script>alert(1)</script>",
    '"',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_gives_dot_that_parses_and_round_trips(text):
    rows = [
        {"id": "T1", "type": "thesis", "text": text, "quote": text, "paragraph": "1", "parent": "", "relation": "", "group": "", "origin": "article"},
        {"id": "C1", "type": "claim", "text": text, "quote": "", "paragraph": "", "parent": "T1", "relation": "attacks", "group": "", "origin": "analyst"},
    ]
    dot = rows_to_dot(rows, title=text)
    g = pygraphviz.AGraph(string=dot)
    assert drawn_rows(g) == {"T1", "C1"}
    assert g.has_edge("C1", "T1")
    for row in rows:
        node = g.get_node(row["id"])
        shown = unescape(node.attr["label"])
        assert shown == label(row)
        assert shown.split("\n", 1)[1].split() == text.split()  # the words survive, whitespace aside
        assert unescape(node.attr["tooltip"]) == tooltip(row).replace("\t", " ")
    assert unescape(g.graph_attr["label"]) == text.replace("\t", " ")


def test_control_characters_are_dropped():
    rows = [
        {"id": "T1", "type": "thesis", "text": "bell\x07 esc\x1b", "quote": "", "paragraph": "", "parent": "", "relation": "", "group": "", "origin": "analyst"}
    ]
    g = pygraphviz.AGraph(string=rows_to_dot(rows))
    assert unescape(g.get_node("T1").attr["label"]) == "T1 · thesis · analyst\nbell esc"
