"""AIF import: exact round trips through argmap's own AIF, maps from OVA3, OVA and AIFdb, and bad files refused with a reason."""

from __future__ import annotations

import json
import re
from collections import Counter

import arguebuf
import pytest
from helpers import disk_fills
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_maps import ROOT, maps

from argmap import ArgumentMap, load
from argmap.cli import main
from argmap.formats.export_aif import aif_text, to_aif
from argmap.formats.interop import import_file, import_map, rows_to_csv

CLAIMS = ROOT / "claims.csv"
FIXTURES = ROOT / "tests" / "fixtures" / "interchange"


def test_the_real_map_comes_back_byte_for_byte(tmp_path, capsys):
    aif = tmp_path / "claims.aif.json"
    aif.write_text(aif_text(load(CLAIMS)), encoding="utf-8")
    out = tmp_path / "back" / "claims.csv"
    assert main(["import", "--from", "aif", str(aif), "-o", str(out)]) == 0
    assert out.read_bytes() == CLAIMS.read_bytes()
    assert main(["import", "--from", "aif", str(aif), "--source", str(next((ROOT / "sources").glob("*.txt")))]) == 0
    assert capsys.readouterr().out == CLAIMS.read_text(encoding="utf-8")


@settings(max_examples=60, deadline=None)
@given(maps(restate=True))
def test_any_map_round_trips_exactly(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("aif") / "map.json"
    path.write_text(aif_text(ArgumentMap(rows)), encoding="utf-8")
    assert rows_to_csv(import_map(path, "aif").csv_rows()) == rows_to_csv(rows)


@st.composite
def aif_graphs(draw: st.DrawFn) -> dict:
    """AIF as other tools write it (no argmap key): shared premises, mutual attacks, circles, linked reasons, undercuts."""
    n = draw(st.integers(1, 6))
    nodes = [{"nodeID": str(i), "type": "I", "text": f"statement {i}"} for i in range(1, n + 1)]
    edges = []
    schemes: list[str] = []
    for k in range(draw(st.integers(0, 7)) if n > 1 else 0):
        sid = str(100 + k)
        premises = draw(st.lists(st.integers(1, n), min_size=1, max_size=2, unique=True))
        kind = draw(st.sampled_from(["RA", "CA"]))
        undercut = kind == "CA" and schemes and draw(st.booleans())
        if undercut:  # not by one of the inference's own premises, which no row can draw
            schemes_ok = [s for s in schemes if not {e[0] for e in edges if e[1] == s} & {str(p) for p in premises}]
            if not schemes_ok:
                continue
        target = draw(st.sampled_from(schemes_ok)) if undercut else str(draw(st.sampled_from([i for i in range(1, n + 1) if i not in premises] or [0])))
        if target == "0":
            continue
        nodes.append({"nodeID": sid, "type": kind, "text": "Default Inference" if kind == "RA" else "Default Conflict"})
        edges += [(str(p), sid) for p in premises] + [(sid, target)]
        schemes.append(sid)
    return {"nodes": nodes, "edges": [{"edgeID": str(i), "fromID": a, "toID": b} for i, (a, b) in enumerate(edges, 1)]}


def _shape(aif: dict) -> Counter:
    """Every scheme node as (kind, premise texts, what it points at), recursively; I-nodes as their texts."""
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    into: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for e in aif["edges"]:
        if nodes[e["fromID"]]["type"] == "I":
            into.setdefault(e["toID"], []).append(nodes[e["fromID"]]["text"])
        else:
            out[e["fromID"]] = e["toID"]

    def describe(s: str) -> tuple:
        t = nodes[out[s]]
        return (nodes[s]["type"], tuple(sorted(into[s])), t["text"] if t["type"] == "I" else describe(out[s]))

    kinds = Counter(n["type"] for n in aif["nodes"])
    return (
        Counter(describe(s) for s in out)
        + Counter({("I", n["text"]): 1 for n in aif["nodes"] if n["type"] == "I"})
        + Counter({k: kinds[k] for k in "I RA CA".split()})
    )


@settings(max_examples=80, deadline=None)
@given(aif_graphs())
def test_aif_from_elsewhere_keeps_every_i_ra_and_ca_node_through_csv(tmp_path_factory, graph):
    """AIF → CSV → AIF: the same I-nodes, and the same RA and CA nodes with the same premises and targets."""
    folder = tmp_path_factory.mktemp("aif")
    path = folder / "map.json"
    path.write_text(json.dumps(graph), encoding="utf-8")
    amap = import_map(path, "aif")
    csv = folder / "claims.csv"
    csv.write_text(rows_to_csv(amap.csv_rows()), encoding="utf-8")
    again = to_aif(load(csv, check_quotes=False))
    assert _shape(again) == _shape(graph)


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import", "--from", "aif", *map(str, args)])
    got = capsys.readouterr()
    assert "Traceback" not in got.err
    return code, got.out, got.err


def test_ova3_wrapped_form_with_shared_premise_mutual_attack_dialogue_and_text(tmp_path, capsys):
    out = tmp_path / "map" / "claims.csv"
    code, _, err = _run(capsys, FIXTURES / "ova3-wrapped.json", "-o", out)
    assert code == 0
    amap = load(out)  # the analysed text became the source beside the CSV
    got = {r["id"]: (r["parent"], r["relation"], r["group"], r["same_as"], r["actor"]) for r in amap.csv_rows()}
    assert got == {
        "I1": ("", "", "", "", "Ann Lee"),  # speakers from the locutions and participants
        "I2": ("I1", "supports", "g1", "", ""),
        "I3": ("I1", "supports", "g1", "", ""),
        "I4": ("I1", "attacks", "", "", "Bo Chen"),
        "I5": ("I4", "attacks", "", "", ""),
        "I16": ("", "", "", "", ""),  # its MA (rephrase) link is left out and counted
        "I2.r1": ("I3", "supports", "", "I2", ""),  # one I-node premise of two RA nodes
        "I1.r1": ("I4", "attacks", "", "I1", ""),  # I1 and I4 attack each other
    }
    assert amap.source is not None and amap.source.paragraphs[0].startswith("Ann Lee: The council should build")
    assert "& rarely by car" in amap.source.paragraphs[1]  # HTML entities and tags gone
    assert err.startswith(f"{FIXTURES / 'ova3-wrapped.json'}: 8 rows (6 statements, 2 restatements) from 6 I-nodes, 2 RA nodes, 3 CA nodes; ")
    assert "left out 2 L nodes (dialogue), 2 YA nodes (dialogue), 1 TA node (dialogue), 1 MA node (rephrase)" in err
    assert "read as OVA3 (wrapped AIF)" in err and "analysed text written to" in err
    # arguebuf, the reference reader, sees the same statements and inferences
    g = arguebuf.load.xaif(json.loads((FIXTURES / "ova3-wrapped.json").read_text(encoding="utf-8")))
    kinds = Counter(type(n.scheme).__name__ for n in g.scheme_nodes.values())
    assert (len(g.atom_nodes), kinds["Support"], kinds["Attack"]) == (6, 2, 3)
    again = to_aif(amap)
    assert Counter(n["type"] for n in again["nodes"]) == {"I": 6, "RA": 2, "CA": 3}


def test_an_existing_source_is_never_overwritten(tmp_path, capsys):
    (tmp_path / "sources").mkdir()
    mine = tmp_path / "sources" / "mine.txt"
    mine.write_text("my own text\n", encoding="utf-8")
    code, _, err = _run(capsys, FIXTURES / "ova3-wrapped.json", "-o", tmp_path / "claims.csv")
    assert code == 0 and "its analysed text is not written" in err
    assert mine.read_text(encoding="utf-8") == "my own text\n" and sorted(p.name for p in (tmp_path / "sources").iterdir()) == ["mine.txt"]


def test_the_csv_and_its_source_text_are_written_both_or_neither(tmp_path, capsys, monkeypatch):
    """A disk that fills while the second of the two files is staged leaves neither the CSV nor sources/claims.txt."""
    staged = disk_fills(monkeypatch, at=2)
    code, _, err = _run(capsys, FIXTURES / "ova3-wrapped.json", "-o", tmp_path / "claims.csv")
    assert code == 1 and "No space left on device" in err
    assert sorted(p.name for p in staged) == ["claims.csv", "claims.txt"]  # the first was staged whole, then not put in place
    assert not list(tmp_path.rglob("*.txt")) and not list(tmp_path.rglob("*.csv"))


def test_ovas_own_save_format_is_read(tmp_path, capsys):
    code, out, err = _run(capsys, FIXTURES / "ova-save.json")
    assert code == 0
    assert out.splitlines()[1:] == ["I1,claim,Build the lanes,,,,,,analyst,Ann Lee,,,,,,", "I2,claim,Cyclists ride here,,,I1,supports,,analyst,,,,,,,"]
    assert "read as OVA's own save format" in err and "left out 1 L node (dialogue), 1 YA node (dialogue)" in err
    g = arguebuf.load.file(FIXTURES / "ova-save.json")
    assert (len(g.atom_nodes), len(g.scheme_nodes)) == (2, 1)


def test_a_map_from_elsewhere_gets_ids_groups_schemes_and_speakers(tmp_path):
    """AIFdb style: numeric ids, no argmap key, a linked argument, a locution layer, an undercut."""
    nodes = [
        {"nodeID": 10, "text": "Build the lanes", "type": "I", "timestamp": "2024-01-01 10:00:00"},
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
    got = [(r["id"], r["text"], r["parent"], r["relation"], r["group"], r["scheme"], r["type"], r["origin"], r["actor"]) for r in amap.rows]
    assert got == [
        ("I10", "Build the lanes", "", "", "", "", "claim", "analyst", "Ann"),
        ("I11", "Cyclists ride here", "I10", "supports", "g1", "practical-reasoning", "claim", "analyst", ""),
        ("I12", "Lanes belong where cyclists ride", "I10", "supports", "g1", "practical-reasoning", "claim", "analyst", ""),
        ("I13", "The count was in summer", "I11", "undercuts", "", "", "claim", "analyst", ""),
    ]


def write(tmp_path, data, name="map.json") -> str:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(path)


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


def _node(d: dict, i: int, **change) -> dict:
    d["nodes"][i].update(change)
    return d


LEFT_OUT = {
    "unknown node type": (_with(lambda d: d["nodes"].append({"nodeID": "7", "type": "XA", "text": "?"})), "1 XA node (not an AIF node type)"),
    "I to I edge": (_with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "2", "toID": "1"})), "1 edge joining two I-nodes"),
    "rephrase node": (
        _with(
            lambda d: (
                d["nodes"].append({"nodeID": "7", "type": "MA", "text": "Default Rephrase"}) or d["edges"].append({"edgeID": "9", "fromID": "1", "toID": "7"})
            )
        ),
        "1 MA node (rephrase)",
    ),
    "RA into RA": (
        _with(lambda d: d["nodes"].append({"nodeID": "7", "type": "RA", "text": "x"}) or d["edges"].append({"edgeID": "9", "fromID": "7", "toID": "3"})),
        "1 edge from an RA node to a scheme node, 1 RA node (no premise)",
    ),
    "scheme without premise": (
        _with(lambda d: d["nodes"].append({"nodeID": "7", "type": "CA", "text": "x"}) or d["edges"].append({"edgeID": "9", "fromID": "7", "toID": "1"})),
        "1 CA node (no premise)",
    ),
    "scheme with two conclusions": (
        _with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "3", "toID": "2"})),
        "1 RA node (no single conclusion)",
    ),
}


@pytest.mark.parametrize("case", LEFT_OUT)
def test_what_rows_cannot_hold_is_left_out_and_counted(tmp_path, capsys, case):
    data, message = LEFT_OUT[case]
    out = tmp_path / "claims.csv"
    code, _, err = _run(capsys, write(tmp_path, data), "-o", out)
    assert code == 0 and f"; left out {message}" in err, err
    assert out.exists()


def test_premise_of_two_schemes_and_a_cycle_import_as_restatements(tmp_path):
    two = _with(
        lambda d: (
            d["nodes"].append({"nodeID": "7", "type": "CA", "text": "x"})
            or d["edges"].extend([{"edgeID": "8", "fromID": "2", "toID": "7"}, {"edgeID": "9", "fromID": "7", "toID": "1"}])
        )
    )
    rows = import_map(write(tmp_path, two), "aif").csv_rows()
    assert [(r["id"], r["parent"], r["relation"], r["same_as"]) for r in rows] == [("T", "", "", ""), ("C", "T", "supports", ""), ("C.r1", "T", "attacks", "C")]
    circle = _with(
        lambda d: (
            d["nodes"].append({"nodeID": "7", "type": "RA", "text": "x"})
            or d["edges"].extend([{"edgeID": "8", "fromID": "1", "toID": "7"}, {"edgeID": "9", "fromID": "7", "toID": "2"}])
        )
    )
    rows = import_map(write(tmp_path, circle), "aif").csv_rows()
    assert [(r["id"], r["parent"], r["relation"], r["same_as"]) for r in rows] == [
        ("T", "", "", ""),
        ("C", "T", "supports", ""),
        ("T.r1", "C", "supports", "T"),
    ]


DEEP = '{"nodes": ' + "[" * 100_000 + "]" * 100_000 + ', "edges": []}'
BAD = {
    "edge to a missing node": (
        _with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "2", "toID": "99"})),
        "edge 9 (2 → 99) points at node 99, which does not exist",
    ),
    "duplicate node id": (_with(lambda d: d["nodes"].append({"nodeID": "2", "type": "I", "text": "again"})), "node 2 appears twice"),
    "missing nodes": ({"edges": [], "locutions": []}, "missing key 'nodes' (a list); is this an AIF file?"),
    "node without id": (_with(lambda d: d["nodes"].append({"type": "I", "text": "x"})), "node #4 has no 'nodeID'"),
    "edge without toID": (_with(lambda d: d["edges"].append({"edgeID": "9", "fromID": "2"})), "edge #3 has no 'fromID' or 'toID'"),
    "a list": ([1, 2], "an AIF file is a JSON object with 'nodes' and 'edges' (or OVA3's 'AIF'), not a list"),
    "not JSON": ('{"nodes": [', "not valid JSON"),
    "invalid rows": (_with(lambda d: d["nodes"][1]["argmap"].update(type="banana")), "id C: type: 'banana' is not one of"),
    "an empty map": ({"nodes": [], "edges": [], "locutions": []}, "no I-nodes (statements): nothing to import"),
    "only dialogue": (
        {"nodes": [{"nodeID": "1", "type": "L", "text": "Ann: hi"}], "edges": []},
        "no I-nodes (statements): nothing to import; left out 1 other",
    ),
    "nested 100,000 deep": (DEEP, "is nested more than 200 levels deep"),
    "a 5,000-digit number": ('{"nodes": [{"nodeID": ' + "9" * 5000 + ', "type": "I", "text": "x"}], "edges": []}', "holds a number of 5,000 characters"),
    "a lone surrogate": ('{"nodes": [{"nodeID": "1", "type": "I", "text": "\\ud800"}], "edges": []}', "holds a lone surrogate (\\ud800)"),
    "NaN": ('{"nodes": [{"nodeID": NaN, "type": "I", "text": "x"}], "edges": []}', "holds NaN, which is not JSON"),
    "nodes is text": ({"nodes": "I", "edges": []}, "the AIF: 'nodes' must be a list, not a string"),
    "a node is a number": ({"nodes": [7], "edges": []}, "node #1: must be an object, not a number"),
    "text is a list": (_with(lambda d: _node(d, 0, text=["t"])), "node #1: 'text' must be a string, not a list"),
    "type is an object": (_with(lambda d: _node(d, 0, type={"I": 1})), "node #1: 'type' must be a string, not an object"),
    "argmap key is a list": (_with(lambda d: _node(d, 0, argmap=["T"])), "node #1: 'argmap' must be an object, not a list"),
    "argmap column is an object": (_with(lambda d: d["nodes"][0]["argmap"].update(origin={})), "node 1: 'argmap': 'origin' must be a string, not an object"),
    "edge fromID is a list": (_with(lambda d: d["edges"][0].update(fromID=["2"])), "edge #1: 'fromID' must be a string, not a list"),
    "participants is an object": (_with(lambda d: d.update(participants={})), "the AIF: 'participants' must be a list, not an object"),
    "locution is text": (_with(lambda d: d.update(locutions=["x"])), "locution #1: must be an object, not a string"),
    "wrapped AIF is a list": ({"AIF": [], "text": "t"}, "the file: 'AIF' must be an object, not a list"),
    "wrapped text is a number": ({"AIF": _base(), "text": {"txt": []}}, "'text': 'txt' must be a string, not a list"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_in_one_line_and_writes_nothing(tmp_path, capsys, case):
    data, message = BAD[case]
    path = write(tmp_path, data, "bad.aif.json")
    out = tmp_path / "claims.csv"
    code, _, err = _run(capsys, path, "-o", out)
    assert code == 1
    assert message in err and "bad.aif.json" in err, err
    if case != "invalid rows":
        assert len([ln for ln in err.strip().splitlines() if not re.search(r": \d+ problems?$", ln)]) == 1, err
    assert not out.exists()


def test_a_missing_file_is_named(tmp_path, capsys):
    assert main(["import", "--from", "aif", str(tmp_path / "nope.json")]) == 1
    assert "nope.json: file not found" in capsys.readouterr().err


def test_the_summary_goes_to_stderr_even_when_the_csv_goes_to_stdout(tmp_path, capsys):
    code, out, err = _run(capsys, write(tmp_path, _base()))
    assert code == 0 and out.startswith("id,type,text")
    assert err == f"{tmp_path / 'map.json'}: 2 rows from 2 I-nodes, 1 RA node\n"
    assert main(["import", "--from", "aif", "-q", write(tmp_path, _base())]) == 0
    assert capsys.readouterr().err == ""
    _, got = import_file(write(tmp_path, _base()), "aif")
    assert got.came_in == {"I-node": 2, "RA node": 1, "CA node": 0}
