"""Argdown export: the text itself, and the real Argdown CLI (@argdown/cli, pinned in package.json) parsing it."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

from helpers import write_map
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from interop_maps import ROOT, argdown_json, by_id, maps

from argmap import ArgumentMap, load
from argmap.formats.export_argdown import escape, to_argdown
from argmap.formats.import_argdown import from_argdown
from argmap.formats.interop import check_rows

CLAIMS = ROOT / "claims.csv"
KINDS = {"supports": "support", "attacks": "attack", "undercuts": "undercut"}


def test_statements_carry_type_tags_and_relations_nest_under_parents(tmp_path):
    rows = [
        "T1,recommendation,Plant more trees,The town should plant more trees.,1,,,,article,town,,should,,",
        "C1,claim,Trees cool streets,Trees cool the streets in summer.,2,T1,supports,,article,,,,cause-to-effect,",
        "O1,objection,Shade is seasonal,,,C1,undercuts,,analyst,,,,,",
        "O2,objection,Trees cost too much,,,T1,attacks,,analyst,,,,,",
    ]
    text = to_argdown(load(write_map(tmp_path, "\n".join(rows) + "\n"), check_quotes=False), title="")
    lines = text.splitlines()
    assert lines[0].startswith('[T1]: Plant more trees #recommendation {quote: "The town should plant more trees."')
    assert lines[1].startswith("  <+ [C1]: Trees cool streets #claim {")
    assert lines[2] == '    <_ [O1]: Shade is seasonal #objection #analyst {origin: "analyst"}'
    assert lines[3] == '  <- [O2]: Trees cost too much #objection #analyst {origin: "analyst"}'


def test_markup_in_text_is_escaped():
    assert escape("#1 [x] <y> *z* _w_ a//b {c}") == r"\#1 \[x\] \<y\> \*z\* \_w\_ a\/\/b \{c\}"
    assert escape("plain words, with commas; and (brackets)? fine.") == "plain words, with commas; and (brackets)? fine."


def test_the_cli_maps_the_real_map_with_every_node_and_edge(tmp_path):
    amap = load(CLAIMS)
    exported = (ROOT / "exports" / "claims.argdown").read_text(encoding="utf-8")
    assert exported == to_argdown(amap), "run: make"
    data = argdown_json(tmp_path, {"claims": exported})["claims"]
    nodes, edges = data["map"]["nodes"], data["map"]["edges"]
    assert Counter(n["type"] for n in nodes) == {"statement-map-node": len(amap)}
    assert sorted(n["title"] for n in nodes) == sorted(amap.ids)
    want = Counter(KINDS[r["relation"]] for r in amap.rows if r["relation"])
    assert Counter(e["relationType"] for e in edges) == want == {"support": 62, "attack": 10, "undercut": 4}
    assert not data["arguments"]
    tags = {n["title"]: n["tags"] for n in nodes}
    assert all(tags[r["id"]][0] == r["type"] for r in amap.rows)
    assert all(("analyst" in tags[r["id"]]) == (r["origin"] == "analyst") for r in amap.rows)
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert by_id(check_rows(from_argdown(path), str(path)).rows) == by_id(amap.rows)


# each example is one CLI run: few examples of many maps, and no shrinking (the failing map's Argdown is in the message)
@settings(
    max_examples=2,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(maps(max_rows=7), min_size=10, max_size=12))
def test_any_map_round_trips_through_the_cli(tmp_path, batch):
    """One CLI run parses a batch of generated maps; every row and relation comes back."""
    texts = {f"m{i}": to_argdown(ArgumentMap(rows), title="A “title” with: === {braces}") for i, rows in enumerate(batch)}
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    results = argdown_json(folder, texts, with_map=False)
    for i, rows in enumerate(batch):
        path = folder / f"m{i}.json"
        path.write_text(json.dumps(results[f"m{i}"]), encoding="utf-8")
        assert by_id(check_rows(from_argdown(path), str(path)).rows) == by_id(rows), texts[f"m{i}"]
