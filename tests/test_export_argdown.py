"""Argdown export: the text itself, and the real Argdown CLI (@argdown/cli, pinned in package.json) parsing it."""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import pytest
from helpers import write_map
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from interop_maps import ROOT, argdown_json, by_id_unordered, maps

from argmap import ArgumentMap, load
from argmap.formats.export_argdown import escape, to_argdown
from argmap.formats.import_argdown import from_argdown
from argmap.formats.interop import check_rows, rows_to_csv

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
    # an undercut attacks the inference of an argument, as Argdown documents: the support C1 → T1 is one, with a PCS
    assert lines[1:13] == [
        "  <+ <C1 → T1>",
        '  <- [O2]: Trees cost too much #objection #analyst {origin: "analyst"}',
        "",
        "<C1 → T1>",
        "",
        "(1) [C1]",
        "----",
        "(2) [T1]",
        "",
        "<C1 → T1>",
        '  <_ [O1]: Shade is seasonal #objection #analyst {origin: "analyst"}',
        "",
    ]
    assert lines[13].startswith("[C1]: Trees cool streets #claim {")


LINKED = [
    {"id": "T", "type": "thesis", "text": "Build lanes", "parent": "", "relation": "", "origin": "analyst"},
    {"id": "A", "type": "claim", "text": "Riders want them", "parent": "T", "relation": "supports", "group": "Demand", "origin": "analyst"},
    {"id": "B", "type": "claim", "text": "Space exists", "parent": "T", "relation": "supports", "group": "Demand", "origin": "analyst"},
    {"id": "O", "type": "objection", "text": "Shops lose parking", "parent": "T", "relation": "attacks", "origin": "analyst"},
    {"id": "U", "type": "objection", "text": "Few shoppers drive", "parent": "O", "relation": "undercuts", "origin": "analyst"},
    {"id": "T.r1", "type": "", "text": "", "parent": "O", "relation": "attacks", "origin": "analyst", "same_as": "T", "note": "They attack each other."},
]


def test_linked_reasons_are_arguments_and_restatements_are_the_same_title(tmp_path, cli_json):
    rows = LINKED
    text = to_argdown(ArgumentMap(rows), title="")
    assert "\n<Demand>\n\n(1) [A]\n(2) [B]\n----\n(3) [T]\n" in text
    assert (
        '[T]: Build lanes #thesis #analyst {origin: "analyst", restated: [{id: "T.r1", parent: "O", relation: "attacks", origin: "analyst", note: "They attack each other."}]}'
        in text
    )
    # O's attack is undercut, so O is an argument (Argdown undercuts arguments); T.r1 is T again, attacking O
    assert (
        '  <- <O>: Shops lose parking #objection #analyst {origin: "analyst"}\n    <_ [U]: Few shoppers drive #objection #analyst {origin: "analyst"}\n    <- [T]\n'
        in text
    )
    data = cli_json["linked"]
    assert sorted(data["statements"]) == ["A", "B", "T", "U"] and sorted(data["arguments"]) == ["Demand", "O"]
    kinds = Counter((r["from"], r["relationType"], r["to"]) for r in data["relations"])
    assert kinds == {("O", "attack", "T"): 1, ("T", "attack", "O"): 1, ("U", "undercut", "O"): 1}, kinds
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert by_id_unordered(check_rows(from_argdown(path).rows, str(path)).csv_rows()) == by_id_unordered(ArgumentMap(rows).csv_rows())


def test_markup_in_text_is_escaped():
    assert escape("#1 [x] <y> *z* _w_ a//b {c}") == r"\#1 \[x\] \<y\> \*z\* \_w\_ a\/\/b \{c\}"
    assert escape("plain words, with commas; and (brackets)? fine.") == "plain words, with commas; and (brackets)? fine."


def test_the_cli_maps_the_real_map_with_every_node_and_edge(tmp_path, cli_json):
    amap = load(CLAIMS)
    exported = (ROOT / "exports" / "claims.argdown").read_text(encoding="utf-8")
    assert exported == to_argdown(amap), "run: make"
    data = cli_json["claims"]  # the CLI's reading of exports/claims.argdown, as read just above
    nodes = data["map"]["nodes"]
    statements = [n for n in nodes if n["type"] == "statement-map-node"]
    assert sorted(n["title"] for n in statements) == sorted(amap.statements())
    linked = {(r["parent"], r["group"] or "\0" + r["id"]) for r in amap.rows if r["relation"] == "supports" and (r["group"] or amap.children(r["id"]))}
    assert len(data["arguments"]) == len({k for k in linked if k[1][0] != "\0" or any(amap[c]["relation"] == "undercuts" for c in amap.children(k[1][1:]))})
    undercuts = [r for r in data["relations"] if r["relationType"] == "undercut"]
    assert len(undercuts) == sum(1 for r in amap.rows if r["relation"] == "undercuts")
    assert all(r["toType"] in ("inference", "argument") for r in undercuts)  # never statement on statement
    tags = {n["title"]: n["tags"] for n in statements}
    assert all(tags[s][0] == amap[s]["type"] for s in amap.statements())
    path = tmp_path / "claims.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    back = rows_to_csv(check_rows(from_argdown(path).rows, str(path)).csv_rows()).splitlines()
    assert sorted(back) == sorted(CLAIMS.read_text(encoding="utf-8").splitlines())  # every row and column; the file order is Argdown's


# each example is one CLI run: one example of many maps, and no shrinking (the failing map's Argdown is in the message);
# a batch of maps all alike (Hypothesis's simplest example comes first, one map many times) is not worth a run
@settings(
    max_examples=1,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(maps(max_rows=7, restate=True), min_size=20, max_size=24).filter(lambda batch: len({repr(m) for m in batch}) > 1))
def test_any_map_round_trips_through_the_cli(tmp_path, batch):
    """One CLI run parses a batch of generated maps (restatements, mutual attacks, linked reasons, undercuts);
    every row, with its parent, relation, group and columns, comes back."""
    texts = {f"m{i}": to_argdown(ArgumentMap(rows), title="A “title” with: === {braces}") for i, rows in enumerate(batch)}
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    results = argdown_json(folder, texts, with_map=False)
    for i, rows in enumerate(batch):
        path = folder / f"m{i}.json"
        path.write_text(json.dumps(results[f"m{i}"]), encoding="utf-8")
        assert by_id_unordered(check_rows(from_argdown(path).rows, str(path)).csv_rows()) == by_id_unordered(rows), texts[f"m{i}"]


def _row(id_: str, parent: str = "", relation: str = "", group: str = "", **extra: str) -> dict[str, str]:
    return {"id": id_, "type": "claim", "text": id_.lower() + " text", "parent": parent, "relation": relation, "group": group, "origin": "analyst"} | extra


def _again(rid: str, of: str, parent: str, relation: str) -> dict[str, str]:
    return {"id": rid, "type": "", "text": "", "parent": parent, "relation": relation, "origin": "analyst", "same_as": of}


CARRIED = [
    _row("T"),
    _row("O1", "T", "attacks", "g", title="First co-premise"),
    _row("O2", "T", "attacks", "g"),
    _row("U", "O2", "undercuts", title="Summer count"),  # undercuts the linked attack g (named by its second member)
    _row("C", "T", "supports"),
    _again("O1.r1", "O1", "C", "attacks"),
    _row("V", "O1.r1", "undercuts"),  # undercuts a restated attack
    _row("P", "T", "attacks"),
    _row("Q1", "P", "supports", "h"),
    _row("Q2", "P", "supports", "h"),
    _row("W", "P", "undercuts"),  # undercuts an attack whose statement a PCS names as its conclusion
    _again("U.r1", "U", "C", "undercuts"),
    _row("X", "U.r1", "undercuts"),  # undercuts a restated undercut
]


TITLED = [_row("T", title="Statement 1"), _row("A", "T", "supports", title="Cost [2024]"), _row("B", "T", "attacks", title="Untitled 2")]


@pytest.fixture(scope="module")
def cli_json(tmp_path_factory) -> dict[str, dict]:
    """The committed exports/claims.argdown and the Argdown of LINKED, CARRIED and TITLED read by the Argdown CLI, in
    one run (with the map, which only the real map's test reads) for the tests that read them: each file's JSON is
    the same as from a run of its own, the map aside."""
    texts = {"linked": to_argdown(ArgumentMap(LINKED), title=""), "carried": to_argdown(ArgumentMap(CARRIED), title="")}
    texts |= {"titled": to_argdown(ArgumentMap(TITLED), title=""), "claims": (ROOT / "exports" / "claims.argdown").read_text(encoding="utf-8")}
    return argdown_json(tmp_path_factory.mktemp("argdown"), texts)


def test_an_undercut_attack_that_cannot_be_an_argument_is_carried_by_one(tmp_path, cli_json):
    """A linked or restated attack (or undercut) whose inference is undercut: an argument whose PCS has its premises
    and a conclusion of argmap's own ({argmap: attacks}) bearing on the target; the undercut attacks that
    argument's inference, the form Argdown documents. Importing folds the conclusion away again."""
    text = to_argdown(ArgumentMap(CARRIED), title="")
    assert "  <- <g>\n" in text and '(3) [g (conclusion)]: First co-premise and O2 attack T {argmap: "attacks"}' in text
    assert "<g>\n  <_ [Summer count]: u text" in text and "<First co-premise → C>\n  <_ [V]:" in text
    data = cli_json["carried"]
    undercuts = [(r["from"], r["to"], r["toType"]) for r in data["relations"] if r["relationType"] == "undercut"]
    assert sorted(undercuts) == [
        ("Summer count", "g", "inference"),
        ("Summer count → C (conclusion)", "C → T", "inference"),
        ("V", "First co-premise → C", "inference"),
        ("W", "P → T", "inference"),
        ("X", "Summer count → C", "inference"),
    ]
    path = tmp_path / "m.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    got = from_argdown(path)
    assert by_id_unordered(check_rows(got.rows, str(path)).csv_rows()) == by_id_unordered(ArgumentMap(CARRIED).csv_rows())
    assert got.came_in["statement"] == 11 and not sum(got.left_out.values())  # the carrying conclusions are not rows, nor left out


def test_titles_come_back_from_argdown_through_the_cli(tmp_path, cli_json):
    """The optional title column (tests/test_titles.py) through the CLI: a title Argdown holds, one it cannot hold
    (kept in the data), and one of the form Argdown gives untitled statements."""
    path = tmp_path / "m.json"
    path.write_text(json.dumps(cli_json["titled"]), encoding="utf-8")
    back = check_rows(from_argdown(path).rows, str(path)).csv_rows()
    assert [(r["id"], r["title"]) for r in back] == [("T", "Statement 1"), ("A", "Cost [2024]"), ("B", "Untitled 2")]
    assert rows_to_csv(back).splitlines()[0].endswith(",note,title")
