"""GraphML for yEd and Gephi, and the networkx graph it is made from."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

import networkx as nx
from helpers import write_map
from interop_maps import ROOT

from argmap import load
from argmap.formats.export_graphml import to_graphml, to_networkx

Y = "{http://www.yworks.com/xml/graphml}"


def test_networkx_graph_has_every_row_and_relation(real_map):
    amap = real_map
    g = to_networkx(amap)
    assert isinstance(g, nx.DiGraph) and g.number_of_nodes() == len(amap) == 99  # a node per row, restatements included
    assert Counter(r for _, _, r in g.edges(data="relation")) == Counter(r["relation"] for r in amap.rows if r["relation"])
    assert nx.is_directed_acyclic_graph(g)
    assert g.nodes["R3"]["quote"] == amap["R3"]["quote"] and g.graph["name"] == amap.source.title
    assert g.edges["O1", "E4"]["inference"] == "E4 -> C2"


def test_graphml_reads_back_with_networkx_and_is_current(tmp_path, real_map):
    amap = real_map
    text = to_graphml(amap)
    assert (ROOT / "exports" / "claims.graphml").read_text(encoding="utf-8") == text, "run: make"
    path = tmp_path / "map.graphml"
    path.write_text(text, encoding="utf-8")
    g = nx.read_graphml(path)
    assert sorted(g.nodes) == sorted(amap.ids)
    assert g.nodes["T1"]["paragraph"] == "1" and g.nodes["T1"]["type"] == "thesis"
    assert "Since Sept 2023" in g.nodes["T1"]["label"]  # networkx takes yEd's label; Gephi takes the label column
    gephi = ET.fromstring(text).find(".//{http://graphml.graphdrawing.org/xmlns}data[@key='n_label']")
    assert gephi is not None and gephi.text.startswith("T1: Since Sept 2023")
    assert Counter(r for _, _, r in g.edges(data="relation")) == {"supports": 82, "attacks": 11, "undercuts": 3}


def test_yed_sees_shapes_colours_and_labels(tmp_path):
    root = ET.fromstring(to_graphml(load(write_map(tmp_path))))
    shapes = {n.get("id"): n.find(f".//{Y}ShapeNode") for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node")}
    assert shapes["T1"].find(f"{Y}Shape").get("type") == "fatarrow"  # a recommendation
    assert shapes["E1"].find(f"{Y}NodeLabel").text.startswith("E1 · evidence · ¶2\n")
    assert shapes["C1"].find(f"{Y}Fill").get("color") == "#DDF0FB"
    labels = [e.text for e in root.iter(f"{Y}EdgeLabel")]
    assert labels == ["attacks"]
    xs = {(s.find(f"{Y}Geometry").get("x"), s.find(f"{Y}Geometry").get("y")) for s in shapes.values()}
    assert len(xs) == len(shapes)  # no two nodes on top of each other


def test_characters_xml_cannot_hold_are_dropped():
    from argmap import ArgumentMap

    rows = [{"id": "T", "type": "claim", "text": "bell\x07 & <tag>", "parent": "", "relation": "", "origin": "analyst"}]
    g = ET.fromstring(to_graphml(ArgumentMap(rows)))
    texts = [d.text for d in g.iter("{http://graphml.graphdrawing.org/xmlns}data") if d.get("key") == "n_text"]
    assert texts == ["bell & <tag>"]


def test_a_restatement_is_marked_as_the_same_statement():
    import xml.etree.ElementTree as ET

    from argmap import ArgumentMap
    from argmap.formats.export_graphml import to_graphml, to_networkx

    m = ArgumentMap(
        [
            {"id": "T", "type": "thesis", "text": "Build lanes", "parent": "", "relation": "", "origin": "analyst"},
            {"id": "O", "type": "objection", "text": "Shops lose parking", "parent": "T", "relation": "attacks", "origin": "analyst"},
            {"id": "T.r1", "type": "", "text": "", "parent": "O", "relation": "attacks", "origin": "analyst", "same_as": "T"},
        ]
    )
    g = to_networkx(m)
    assert g.nodes["T.r1"]["statement"] == "T" and g.nodes["T.r1"]["same_as"] == "T" and g.nodes["O"]["statement"] == "O"
    assert sorted(g.edges) == [("O", "T"), ("T.r1", "O")]  # T and O attack each other
    root = ET.fromstring(to_graphml(m))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
    node = next(n for n in root.iter("{http://graphml.graphdrawing.org/xmlns}node") if n.get("id") == "T.r1")
    label = node.find(".//y:NodeLabel", ns).text
    assert label.startswith("T.r1 ↪ same statement as T\n") and "Build lanes" in label
    assert node.find(".//y:BorderStyle", ns).get("type") == "dotted"
