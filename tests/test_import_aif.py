"""AIF import: exact round trips through argmap's own AIF, maps from elsewhere, and bad files refused with a reason."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from interop_maps import ROOT, maps

from argmap import ArgumentMap, load
from argmap.cli import main
from argmap.formats.export_aif import aif_text, to_aif
from argmap.formats.interop import import_map, rows_to_csv

CLAIMS = ROOT / "claims.csv"


def test_the_real_map_comes_back_byte_for_byte(tmp_path, capsys):
    aif = tmp_path / "claims.aif.json"
    aif.write_text(aif_text(load(CLAIMS)), encoding="utf-8")
    out = tmp_path / "back" / "claims.csv"
    assert main(["import", "--from", "aif", str(aif), "-o", str(out)]) == 0
    assert out.read_bytes() == CLAIMS.read_bytes()
    assert main(["import", "--from", "aif", str(aif), "--source", str(next((ROOT / "sources").glob("*.txt")))]) == 0
    assert capsys.readouterr().out == CLAIMS.read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(maps())
def test_any_map_round_trips_exactly(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("aif") / "map.json"
    path.write_text(aif_text(ArgumentMap(rows)), encoding="utf-8")
    assert rows_to_csv(import_map(path, "aif").rows) == rows_to_csv(rows)


def write(tmp_path, data, name="map.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


def test_a_map_from_elsewhere_gets_ids_groups_and_schemes(tmp_path):
    """AIFdb style: numeric ids, no argmap key, a linked argument, a locution layer, an undercut."""
    nodes = [
        {"nodeID": "10", "text": "Build the lanes", "type": "I", "timestamp": "2024-01-01 10:00:00"},
        {"nodeID": "11", "text": "Cyclists ride here", "type": "I"},
        {"nodeID": "12", "text": "Lanes belong where cyclists ride", "type": "I"},
        {"nodeID": "13", "text": "The count was in summer", "type": "I"},
        {"nodeID": "20", "text": "Practical Reasoning", "type": "RA"},
        {"nodeID": "21", "text": "Default Conflict", "type": "CA"},
        {"nodeID": "30", "text": "Ann: build the lanes", "type": "L"},
        {"nodeID": "31", "text": "Asserting", "type": "YA"},
    ]
    edges = [("11", "20"), ("12", "20"), ("20", "10"), ("13", "21"), ("21", "20"), ("30", "31"), ("31", "10")]
    data = {"nodes": nodes, "edges": [{"edgeID": str(i), "fromID": a, "toID": b, "formEdgeID": None} for i, (a, b) in enumerate(edges)], "locutions": []}
    amap = import_map(write(tmp_path, data), "aif")
    got = [(r["id"], r["text"], r["parent"], r["relation"], r["group"], r["scheme"], r["type"], r["origin"]) for r in amap.rows]
    assert got == [
        ("I10", "Build the lanes", "", "", "", "", "claim", "analyst"),
        ("I11", "Cyclists ride here", "I10", "supports", "g1", "practical-reasoning", "claim", "analyst"),
        ("I12", "Lanes belong where cyclists ride", "I10", "supports", "g1", "practical-reasoning", "claim", "analyst"),
        ("I13", "The count was in summer", "I11", "undercuts", "", "", "claim", "analyst"),
    ]


def _base() -> dict:
    rows = [
        {"id": "T", "type": "thesis", "text": "t", "parent": "", "relation": "", "origin": "analyst"},
        {"id": "C", "type": "claim", "text": "c", "parent": "T", "relation": "supports", "origin": "analyst"},
    ]
    return to_aif(ArgumentMap(rows))  # nodes 1 (T), 2 (C), 3 (RA); edges 2→3, 3→1


def _with(change) -> dict:
    data = _base()
    change(data)
    return data


BAD = {
    "edge to a missing node": (
        _with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "2", "toID": "99"})),
        "edge 9 (2 → 99) points at node 99, which does not exist",
    ),
    "unknown node type": (_with(lambda d: d["nodes"].append({"nodeID": "7", "type": "XA", "text": "?"})), "node 7 has unknown type 'XA'"),
    "I to I edge": (_with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "2", "toID": "1"})), "edge 9 (2 → 1) joins two I-nodes"),
    "rephrase node": (_with(lambda d: d["nodes"].append({"nodeID": "7", "type": "MA", "text": "Default Rephrase"})), "node 7 is an MA node (rephrase)"),
    "RA into RA": (
        _with(lambda d: d["nodes"].append({"nodeID": "7", "type": "RA", "text": "x"}) or d["edges"].append({"edgeID": "9", "fromID": "7", "toID": "3"})),
        "leads from an RA node to a RA node",
    ),
    "scheme without premise": (
        _with(lambda d: d["nodes"].append({"nodeID": "7", "type": "CA", "text": "x"}) or d["edges"].append({"edgeID": "9", "fromID": "7", "toID": "1"})),
        "CA node 7 has no premise",
    ),
    "premise of two schemes": (
        _with(
            lambda d: (
                d["nodes"].append({"nodeID": "7", "type": "CA", "text": "x"})
                or d["edges"].extend([{"edgeID": "8", "fromID": "2", "toID": "7"}, {"edgeID": "9", "fromID": "7", "toID": "1"}])
            )
        ),
        "I-node 2 is a premise of 2 scheme nodes",
    ),
    "missing nodes": ({"edges": [], "locutions": []}, "missing key 'nodes'"),
    "node without id": (_with(lambda d: d["nodes"].append({"type": "I", "text": "x"})), "node #4 has no 'nodeID'"),
    "edge without toID": (_with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "2"})), "edge #3 has no 'fromID' or 'toID'"),
    "a list": ([1, 2], "an AIF file is a JSON object"),
    "not JSON": ('{"nodes": [', "not valid JSON"),
    "invalid rows": (_with(lambda d: d["nodes"][1]["argmap"].update(type="banana")), "id C: type: 'banana' is not one of"),
    "a cycle": (
        _with(
            lambda d: (
                d["nodes"].append({"nodeID": "7", "type": "RA", "text": "x"})
                or d["edges"].extend([{"edgeID": "8", "fromID": "1", "toID": "7"}, {"edgeID": "9", "fromID": "7", "toID": "2"}])
            )
        ),
        "parent links form a cycle",
    ),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_with_a_reason_and_writes_nothing(tmp_path, capsys, case):
    data, message = BAD[case]
    path = write(tmp_path, data, "bad.aif.json")
    out = tmp_path / "claims.csv"
    assert main(["import", "--from", "aif", path, "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "bad.aif.json" in err, err
    assert "Traceback" not in err
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["import", "--from", "aif", str(tmp_path / "nope.json")]) == 1
    assert "nope.json: file not found" in capsys.readouterr().err
