"""Walking a map, on the small bike-lanes example: the tool is not tied to one article."""

from __future__ import annotations

import pytest
from helpers import EXAMPLE

import argmap
from argmap import ArgumentMap


@pytest.fixture(scope="module")
def bikes() -> ArgumentMap:
    return argmap.load(EXAMPLE)


def test_example_loads_with_its_own_source(bikes):
    assert len(bikes) == 9
    assert bikes.ids == ["T1", "C1", "A1", "E1", "C2", "E2", "O1", "C3", "C4"]
    assert bikes.source.path.name == "bike-lanes.txt"
    assert bikes.source.title == "The Case for Protected Bike Lanes on Main Street"
    assert len(bikes.source.paragraphs) == 4  # two front-matter blocks skipped
    assert bikes.source.paragraph(1) == "The city should build protected bike lanes on Main Street this year."


def test_lookup(bikes):
    assert "C4" in bikes and "T9" not in bikes
    assert bikes["E1"]["quote"].startswith("Last spring the council counted 1,200 cyclists")
    assert bikes.lines == list(range(2, 11))


def test_roots(bikes):
    assert bikes.roots() == ["T1"]


def test_children_in_file_order(bikes):
    assert bikes.children("T1") == ["C1", "A1", "C2", "C3"]
    assert bikes.children("E2") == ["O1"]
    assert bikes.children("C4") == []


def test_children_is_a_copy(bikes):
    bikes.children("T1").append("X")
    assert bikes.children("T1") == ["C1", "A1", "C2", "C3"]


def test_parent_ancestors_and_depth(bikes):
    assert bikes.parent("T1") is None
    assert bikes.parent("O1") == "E2"
    assert bikes.ancestors("O1") == ["E2", "C2", "T1"]
    assert bikes.ancestors("T1") == []
    assert bikes.depth("O1") == 3
    assert bikes.depth("T1") == 0


def test_subtree_depth_first_in_file_order(bikes):
    assert bikes.subtree("T1") == ["T1", "C1", "E1", "A1", "C2", "E2", "O1", "C3", "C4"]
    assert bikes.subtree("C2") == ["C2", "E2", "O1"]


@pytest.mark.parametrize(("depth", "expected"), [(0, ["C2"]), (1, ["C2", "E2"]), (2, ["C2", "E2", "O1"]), (9, ["C2", "E2", "O1"])])
def test_subtree_with_depth(bikes, depth, expected):
    assert bikes.subtree("C2", depth) == expected


def test_subtree_of_root_to_depth_one(bikes):
    assert bikes.subtree("T1", depth=1) == ["T1", "C1", "A1", "C2", "C3"]


def test_paths_to_evidence_follow_supports_only(bikes):
    assert bikes.paths_to_evidence("T1") == [["T1", "C1", "E1"], ["T1", "C2", "E2"]]
    assert bikes.paths_to_evidence("C2") == [["C2", "E2"]]
    assert bikes.paths_to_evidence("C3") == []  # C4 attacks, it does not support
    assert bikes.paths_to_evidence("E2") == []  # a path needs at least one step


def test_branches_are_the_roots_children_that_have_children(bikes):
    assert bikes.branches() == ["C1", "C2", "C3"]


def test_branches_of_a_map_with_several_roots_include_the_roots():
    rows = [
        {"id": "T1", "type": "thesis", "parent": "", "relation": "", "origin": "analyst", "text": "a"},
        {"id": "C1", "type": "claim", "parent": "T1", "relation": "supports", "origin": "analyst", "text": "b"},
        {"id": "E1", "type": "evidence", "parent": "C1", "relation": "supports", "origin": "analyst", "text": "c"},
        {"id": "T2", "type": "thesis", "parent": "", "relation": "", "origin": "analyst", "text": "d"},
        {"id": "C2", "type": "claim", "parent": "T2", "relation": "attacks", "origin": "analyst", "text": "e"},
    ]
    m = ArgumentMap(rows)
    assert m.roots() == ["T1", "T2"]
    assert m.branches() == ["T1", "T2", "C1"]


def test_repr_names_the_file_and_size(bikes):
    assert repr(bikes) == f"<ArgumentMap {EXAMPLE} with 9 rows>"
