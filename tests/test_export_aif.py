"""AIF JSON export: the structure AIFdb and OVA expect, checked by arguebuf loading it, and the command line."""

from __future__ import annotations

import json
from collections import Counter

import arguebuf
import pytest
from helpers import BASE, write_map
from hypothesis import given, settings
from interop_maps import ROOT, maps

from argmap import ArgumentMap, load
from argmap.cli import main
from argmap.formats.export_aif import EXTRA, aif_text, reasons, to_aif

CLAIMS = ROOT / "claims.csv"


def expected_counts(amap: ArgumentMap) -> Counter:
    """What the map says there is: one atom per statement, one support per linked reason, one attack per attack or undercut."""
    rows = Counter({"atoms": sum(1 for r in amap.rows if not r.get("same_as"))})
    for r in reasons(amap):
        rows["supports" if r.relation == "supports" else "attacks"] += 1
    return rows


def arguebuf_counts(aif: dict) -> Counter:
    g = arguebuf.load.dict(aif)
    kinds = Counter(type(n.scheme).__name__ for n in g.scheme_nodes.values())
    return Counter({"atoms": len(g.atom_nodes), "supports": kinds["Support"], "attacks": kinds["Attack"]}) + Counter()


def test_arguebuf_reads_the_real_map_with_the_right_counts():
    amap = load(CLAIMS)
    aif = json.loads(aif_text(amap))
    counts = arguebuf_counts(aif)
    assert counts == expected_counts(amap)
    rel = Counter(r["relation"] for r in amap.rows)
    assert counts["atoms"] == len(amap.statements()) == 87  # one I-node per statement, not per row
    assert counts["attacks"] == rel["attacks"] + rel["undercuts"]  # no linked attacks in this map
    assert counts["supports"] < rel["supports"]  # co-premises share one RA
    g = arguebuf.load.dict(aif)
    assert len(g.edges) == len(aif["edges"])  # arguebuf dropped no edge


@settings(max_examples=40, deadline=None)
@given(maps(restate=True))
def test_arguebuf_counts_match_any_map(rows):
    amap = ArgumentMap(rows)
    assert arguebuf_counts(to_aif(amap)) == expected_counts(amap)


def _aif(rows: list[dict]) -> tuple[dict, dict[str, dict], dict[str, str]]:
    aif = to_aif(ArgumentMap(rows))
    nodes = {n["nodeID"]: n for n in aif["nodes"]}
    i_node = {n[EXTRA]["id"]: n["nodeID"] for n in aif["nodes"] if n["type"] == "I"}
    return aif, nodes, i_node


def _row(id_, parent="", relation="", group="", **extra):
    return {"id": id_, "type": "claim", "text": id_.lower(), "parent": parent, "relation": relation, "group": group, "origin": "analyst"} | extra


def test_co_premises_share_one_ra_and_an_undercut_points_at_it():
    rows = [_row("T"), _row("A", "T", "supports", "g"), _row("B", "T", "supports", "g"), _row("U", "B", "undercuts")]
    aif, nodes, i_node = _aif(rows)
    into = {}
    for e in aif["edges"]:
        into.setdefault(e["toID"], []).append(e["fromID"])
    (ra,) = [n for n in nodes.values() if n["type"] == "RA"]
    (ca,) = [n for n in nodes.values() if n["type"] == "CA"]
    assert sorted(into[ra["nodeID"]]) == sorted([i_node["A"], i_node["B"], ca["nodeID"]])
    assert into[i_node["T"]] == [ra["nodeID"]]
    assert into[ca["nodeID"]] == [i_node["U"]]


def test_undercutting_an_attack_points_at_its_ca():
    rows = [_row("T"), _row("O", "T", "attacks"), _row("U", "O", "undercuts")]
    aif, nodes, i_node = _aif(rows)
    cas = [n["nodeID"] for n in nodes.values() if n["type"] == "CA"]
    assert len(cas) == 2 and not [n for n in nodes.values() if n["type"] == "RA"]
    edges = {(e["fromID"], e["toID"]) for e in aif["edges"]}
    attack, undercut = cas
    assert {(i_node["O"], attack), (attack, i_node["T"]), (i_node["U"], undercut), (undercut, attack)} == edges


def test_every_column_is_kept_and_the_file_has_locutions(tmp_path):
    amap = load(write_map(tmp_path))
    aif = to_aif(amap)
    assert aif["locutions"] == []
    first = aif["nodes"][0]
    assert first["type"] == "I" and first["text"] == "Plant more trees"
    assert first[EXTRA] == {
        "id": "T1",
        "type": "recommendation",
        "quote": "The town should plant more trees.",
        "paragraph": "1",
        "origin": "article",
        "actor": "town",
        "certainty": "should",
    }
    schemes = {n["text"] for n in aif["nodes"] if n["type"] == "RA"}
    assert schemes == {"Cause To Effect", "Sign"}  # AIFdb's names, which arguebuf knows
    assert [n["text"] for n in aif["nodes"] if n["type"] == "CA"] == ["Default Conflict"]


def test_export_is_deterministic_and_the_committed_file_is_current():
    amap = load(CLAIMS)
    assert aif_text(amap) == aif_text(load(CLAIMS))
    assert (ROOT / "exports" / "claims.aif.json").read_text(encoding="utf-8") == aif_text(amap), "run: make"


def test_cli_writes_stdout_or_a_file(tmp_path, capsys):
    claims = write_map(tmp_path)
    assert main(["export", "--to", "aif", str(claims)]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["locutions"] == []
    target = tmp_path / "out" / "map.aif.json"
    assert main(["export", "--to", "aif", str(claims), "-o", str(target), "-q"]) == 0
    assert target.read_text(encoding="utf-8") == out
    assert not [p for p in target.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


@pytest.mark.parametrize("fmt", ["aif", "argdown", "markdown", "graphml"])
def test_an_invalid_map_exits_1_and_writes_nothing(tmp_path, capsys, fmt):
    claims = write_map(tmp_path, BASE.replace(",T1,supports,", ",T9,supports,").replace(",C1,supports,", ",C1,supportz,"))
    target = tmp_path / "out.file"
    assert main(["export", "--to", fmt, str(claims), "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert "claims.csv:3: id C1: parent: no row has id 'T9'" in err
    assert "'supportz' is not one of" in err
    assert not target.exists()
