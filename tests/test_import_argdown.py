"""Argdown import: .argdown files through the pinned Argdown CLI (arguments, contradictions, statements used twice,
titles), the CLI's JSON, and bad or hostile files refused in one line."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from interop_maps import ROOT, argdown_json, argdown_maps, by_id_unordered

import argmap.formats.argdown_cli as cli
from argmap import ArgumentMap
from argmap.cli import main
from argmap.formats.export_argdown import to_argdown
from argmap.formats.import_argdown import from_argdown
from argmap.formats.interop import check_rows, import_file, import_map, rows_to_csv

FIXTURES = ROOT / "tests" / "fixtures" / "interchange"

HAND_WRITTEN = """\
# Bike lanes

[Lanes]: Build protected lanes on Main Street. #recommendation
  <+ [Riders]: 1,200 cyclists a day use the street (council count). #evidence {quote: "Last spring the council counted 1,200 cyclists a day", paragraph: 2, origin: article}
  <- [Cost]: Lanes cost too much. #objection #class-b

Cycling is healthy.
"""


def _as_json(folder: Path, texts: dict[str, str]) -> dict[str, Path]:
    """Each ``name → Argdown text`` read by one run of the Argdown CLI, as its JSON file ``folder/name.json`` (each
    file's JSON is the same as from a run of its own, as argmap's import makes it)."""
    out = {}
    for name, data in argdown_json(folder, texts, with_map=False).items():
        out[name] = folder / f"{name}.json"
        out[name].write_text(json.dumps(data), encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def read(tmp_path_factory) -> dict[str, Path]:
    """HAND_WRITTEN and the fixtures lanes.argdown and the strict-mode ones as the Argdown CLI's JSON files, from one
    run of the CLI; the import command reads lanes.argdown again itself, through argmap's own run of the CLI."""
    texts = {"bike": HAND_WRITTEN} | {
        name: (FIXTURES / f"{name}.argdown").read_text(encoding="utf-8") for name in ("lanes", "night-bus-strict", "school-start")
    }
    return _as_json(tmp_path_factory.mktemp("argdown"), texts)


def test_a_hand_written_map_imports_with_tags_data_and_defaults(read):
    amap = import_map(read["bike"], "argdown")
    got = [(r["id"], r["type"], r["text"], r["parent"], r["relation"], r["origin"], r["paragraph"]) for r in amap.rows]
    assert got == [
        ("Lanes", "recommendation", "Build protected lanes on Main Street.", "", "", "analyst", ""),
        ("Riders", "evidence", "1,200 cyclists a day use the street (council count).", "Lanes", "supports", "article", "2"),
        ("Cost", "objection", "Lanes cost too much.", "Lanes", "attacks", "class-b", ""),
        ("S1", "claim", "Cycling is healthy.", "", "", "analyst", ""),
    ]


def _import(capsys, *args) -> tuple[int, str, str]:
    code = main(["import", "--from", "argdown", *map(str, args)])
    got = capsys.readouterr()
    assert "Traceback" not in got.err
    return code, got.out, got.err


@pytest.fixture(scope="module")
def lanes(read):
    """The fixture lanes.argdown read through the pinned CLI, once for the tests that only read it: (map, what came in)."""
    return import_file(read["lanes"], "argdown")


@pytest.fixture(scope="module")
def read_again(tmp_path_factory, read, lanes) -> dict[str, tuple[str, Path]]:
    """The second half of each round trip, in one run of the CLI: lanes.argdown and the strict-mode fixtures as read
    by the CLI, written back as Argdown by argmap, and read by the CLI again: ``name → (that Argdown, its JSON)``."""
    texts = {name: to_argdown(import_map(read[name], "argdown"), title="") for name in ("night-bus-strict", "school-start")}
    texts["lanes"] = to_argdown(ArgumentMap(lanes[0].csv_rows()), title="Protected lanes on Main Street")
    paths = _as_json(tmp_path_factory.mktemp("again"), texts)
    return {name: (texts[name], paths[name]) for name in texts}


def test_an_argdown_file_with_arguments_contradictions_and_shared_statements(tmp_path, capsys, lanes):
    """The .argdown file itself, read through the pinned CLI: every argument, relation and title has a place."""
    out = tmp_path / "claims.csv"
    code, _, err = _import(capsys, FIXTURES / "lanes.argdown", "-o", out)
    assert code == 0, err
    amap, got = lanes
    assert out.read_text(encoding="utf-8") == rows_to_csv(amap.csv_rows())  # the command wrote the map read here
    rows = {r["id"]: (r["text"], r["parent"], r["relation"], r["group"], r["same_as"]) for r in amap.csv_rows()}
    assert rows == {
        "Lanes": ("The council should build protected lanes on Main Street.", "", "", "", ""),
        # a premise–conclusion structure: its premises as one linked reason, named after the argument
        "Riders": ("About 1,200 cyclists use Main Street every day.", "Lanes", "supports", "Safety", ""),
        "Danger": ("Cyclists on busy streets without lanes get hurt more often.", "Lanes", "supports", "Safety", ""),
        "S2": ("The count was taken in summer.", "Riders", "undercuts", "", ""),  # undercuts the PCS's inference
        # an argument without a PCS: a row keeping its title and description
        "Parking": ("Lanes take away parking the shops depend on.", "Lanes", "attacks", "", ""),
        "Walkers": ("Most shoppers arrive on foot or by bike.", "Parking", "undercuts", "", ""),
        # a contradiction: two attacks, the outer statement keeping its place
        "S1": ("Main Street should stay as it is.", "Lanes", "attacks", "", ""),
        "Lanes.r1": ("", "S1", "attacks", "", "Lanes"),
        # one title, one statement, used in several places
        "S3": ("Lanes calm traffic for everyone.", "Lanes", "supports", "", ""),
        "S3.r1": ("", "S1", "supports", "", "S3"),
        "Riders.r1": ("", "S3", "supports", "", "Riders"),
        "S4": ("Title only", "S3", "attacks", "", ""),  # a statement given only by its title
    }
    assert amap["Parking"]["origin"] == "class-b" and amap["Riders"]["quote"] == "1,200 cyclists a day"
    # every title is kept: one that is not a valid id in the title column, one given alone also as the text
    titles = {r["id"]: r["title"] for r in amap.csv_rows() if r["title"]}
    assert titles == {"S1": "Status quo", "S2": "Summer count", "S3": "Statement 1", "S4": "Title only"}
    assert "title" not in err
    assert got.came_in == {"statement": 8, "argument (premise–conclusion structure)": 1, "argument (as a row)": 1, "relation": 8}
    assert err.startswith(f"{FIXTURES / 'lanes.argdown'}: 12 rows (9 statements, 3 restatements) from 8 statements, ")


def test_without_the_cli_a_raw_file_gets_a_plain_message(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "argdown_cli", lambda: None)
    code, _, err = _import(capsys, FIXTURES / "lanes.argdown")
    assert code == 1
    assert err.strip().endswith("lanes.argdown: is Argdown text; reading it needs the Argdown CLI and Node.js: " + cli.INSTALL)


def test_invalid_argdown_is_refused_with_the_clis_line_and_column(tmp_path, capsys):
    if cli.argdown_cli() is None:
        pytest.skip("the Argdown CLI is not installed (npm ci)")
    bad = tmp_path / "bad.argdown"
    bad.write_text("[A]: a\n\n<B>: {x: 1}\n", encoding="utf-8")
    code, _, err = _import(capsys, bad)
    assert code == 1 and "bad.argdown:3:" in err and "not valid Argdown" in err and len(err.strip().splitlines()) == 1, err


def _statement(title: str, *tags: str, **data: str) -> dict:
    member = {"type": "statement", "title": title, "text": title.lower() + "".join(f" #{t}" for t in tags), "tags": list(tags)}
    return {"type": "equivalence-class", "title": title, "members": [member], "tags": list(tags)} | ({"data": data} if data else {})


def _relation(a: str, kind: str, b: str) -> dict:
    return {"type": "relation", "relationType": kind, "from": a, "fromType": "equivalence-class", "to": b, "toType": "equivalence-class"}


def _doc(*relations: dict, statements=("T", "C", "D")) -> dict:
    return {"arguments": {}, "statements": {s: _statement(s, "claim") for s in statements}, "relations": list(relations)}


def test_two_parents_and_a_cycle_are_restatements_not_refusals(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps(_doc(_relation("C", "support", "T"), _relation("C", "attack", "D"), _relation("D", "support", "C"))), encoding="utf-8")
    rows = [(r["id"], r["parent"], r["relation"], r["same_as"]) for r in import_map(path, "argdown").csv_rows()]
    assert rows == [("T", "", "", ""), ("C", "T", "supports", ""), ("D", "C", "supports", ""), ("C.r1", "D", "attacks", "C")]


def _with(change) -> dict:
    d = _doc(_relation("C", "support", "T"))
    change(d)
    return d


BAD = {
    "not JSON": ("{[1, 2", "not valid JSON"),
    "a list": ([], "an Argdown JSON export is an object with 'statements' and 'relations', not a list"),
    "no statements": ({"relations": []}, "missing key 'statements'; is this the output of 'argdown json'?"),
    "relation without kind": (_doc({"from": "C", "to": "T"}), None),
    "members is a number": (_with(lambda d: d["statements"]["T"].update(members=3)), "statement 'T': 'members' must be a list, not a number"),
    "arguments is a number": (_with(lambda d: d.update(arguments=3)), "the file: 'arguments' must be an object, not a number"),
    "data is a number": (_with(lambda d: d["statements"]["T"].update(data=3)), "statement 'T': 'data' must be an object, not a number"),
    "ranges is a number": (_with(lambda d: d["statements"]["T"]["members"][0].update(ranges=3)), "member #1: 'ranges' must be a list, not a number"),
    "start is text": (
        _with(lambda d: d["statements"]["T"]["members"][0].update(ranges=[{"type": "tag", "start": "0", "stop": 2}])),
        "range #1: 'start' must be a whole number, not a string",
    ),
    "stop is missing": (
        _with(lambda d: d["statements"]["T"]["members"][0].update(ranges=[{"type": "tag", "start": 0}])),
        "range #1: 'stop' must be a whole number, not null",
    ),
    "tags is text": (_with(lambda d: d["statements"]["T"].update(tags="thesis")), "statement 'T': 'tags' must be a list, not a string"),
    "a data value is a list": (_with(lambda d: d["statements"]["T"].update(data={"quote": ["x"]})), "'quote' must be a string, not a list"),
    "relations is an object": (_with(lambda d: d.update(relations={})), "'relations' must be a list, not an object"),
    "nested 100,000 deep": ('{"statements": ' + "[" * 100_000 + "]" * 100_000 + ', "relations": []}', "is nested more than 200 levels deep"),
    "a 5,000-digit number": ('{"statements": {}, "relations": [' + "1" * 5000 + "]}", "holds a number of 5,000 characters"),
    "a lone surrogate": ('{"statements": {"\\udc00": {}}, "relations": []}', "holds a lone surrogate (\\udc00)"),
    "nothing usable": ({"statements": {}, "relations": [], "arguments": {}}, "no statements or arguments: nothing to import"),
    "invalid rows": (_with(lambda d: d["statements"]["T"].update(data={"date": "June"})), "id T: date:"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_in_one_line_and_writes_nothing(tmp_path, capsys, case):
    data, message = BAD[case]
    path = tmp_path / "bad.argdown.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = tmp_path / "claims.csv"
    code, _, err = _import(capsys, path, "-o", out)
    if message is None:  # not refused: left out and counted
        assert code == 0 and "left out 1 relation (untyped)" in err, err
        return
    assert code == 1
    assert message in err and "bad.argdown.json" in err, err
    assert len([ln for ln in err.strip().splitlines() if not re.search(r": \d+ problems?$", ln)]) == 1, err
    assert not out.exists()


def test_argdown_to_csv_to_argdown_keeps_statements_arguments_titles_and_relations(lanes, read_again):
    """The fixture through the CLI, to CSV, back to Argdown through the CLI, and to CSV again: the same rows."""
    first = lanes[0].csv_rows()
    text, path = read_again["lanes"]
    assert text == to_argdown(ArgumentMap(first), title="Protected lanes on Main Street")
    assert "[Status quo]: Main Street should stay as it is." in text and "<Safety>" in text and "<- <Parking>:" in text
    assert "[Title only]: Title only" in text and "[Statement 1]: Lanes calm traffic for everyone." in text
    second = import_map(path, "argdown").csv_rows()
    assert sorted(rows_to_csv(second).splitlines()) == sorted(rows_to_csv(first).splitlines())


def _rows_of(folder, results: dict[str, dict]) -> dict[str, list[dict[str, str]]]:
    out = {}
    for name, data in results.items():
        path = folder / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        out[name] = check_rows(from_argdown(path).rows, str(path)).csv_rows()
    return out


# two CLI runs per example (the generated files, then their export): one example of many maps, no shrinking; a
# batch of maps all alike (Hypothesis's simplest example comes first, one map many times) is not worth two runs
@settings(
    max_examples=1,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(argdown_maps(), min_size=16, max_size=20).filter(lambda batch: len({text for text, _ in batch}) > 1))
def test_any_argdown_map_round_trips_through_csv(tmp_path, batch):
    """Generated Argdown (titles that are not ids, title-only statements, statements used in two places, arguments
    with a PCS, undercuts, contradictions) read through the CLI, exported, and read again: the same rows, and
    every title of the file is a row's title or id."""
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    first = _rows_of(folder, argdown_json(folder / "in", {f"m{i}": text for i, (text, _) in enumerate(batch)}, with_map=False))
    for i, (text, titles) in enumerate(batch):
        named = {r["title"] or r["id"] for r in first[f"m{i}"]} | {r["group"] for r in first[f"m{i}"]}
        assert set(titles) <= named, text
    again = {name: to_argdown(ArgumentMap(rows), title="") for name, rows in first.items()}
    second = _rows_of(folder, argdown_json(folder / "out", again, with_map=False))
    for i, (text, _) in enumerate(batch):
        assert by_id_unordered(second[f"m{i}"]) == by_id_unordered(first[f"m{i}"]), text + "\n---\n" + again[f"m{i}"]


def test_a_strict_mode_file_with_titles_numbers_in_data_and_shorthand_relations(read, read_again):
    """The shape of Argdown written in strict mode (as in public "verified argument map" repositories): `+ <A>` and
    `- <B>` shorthand, conclusions that bear on the thesis with `+>` / `->`, numbers in the data, links in the text,
    statements attacking each other (a contrary, symmetric for Argdown)."""
    amap, got = import_file(read["night-bus-strict"], "argdown")
    rows = {
        r["title"] or r["id"]: (r["parent"] and (amap[r["parent"]]["title"] or r["parent"]), r["relation"], r["group"]) for r in amap.rows if not r["same_as"]
    }
    assert rows == {
        "Night Bus": ("", "", ""),  # the thesis stays a root
        "Riders Exist": ("Night Bus", "supports", ""),
        "Late Shifts": ("Riders Exist", "supports", "Shift Workers"),
        "No Other Way": ("Riders Exist", "supports", "Shift Workers"),
        "Waste": ("Night Bus", "attacks", ""),
        "Few Riders": ("Waste", "supports", "Empty Seats"),
        "Survey Bias": ("Late Shifts", "undercuts", ""),  # undercuts the inference of <Shift Workers>
    }
    again = sorted((amap[r["same_as"]]["title"] or r["same_as"], amap[r["parent"]]["title"] or r["parent"]) for r in amap.rows if r["same_as"])
    assert again == [("Few Riders", "Late Shifts"), ("Late Shifts", "Few Riders"), ("Night Bus", "Waste")]  # each contrary both ways
    assert amap["S3"]["text"] == "A trial in 2019 carried fewer than 20 riders a night. trial report"
    assert amap["S4"]["type"] == "assumption" and got.left_out["data field (no claims column)"] == 8  # reason, credence, inference
    text, path = read_again["night-bus-strict"]  # argmap's Argdown of this map, read by the CLI again
    assert text == to_argdown(amap, title="")
    assert by_id_unordered(import_map(path, "argdown").csv_rows()) == by_id_unordered(amap.csv_rows())


def test_inference_rules_headings_and_an_argument_undercutting_another(read, read_again):
    """Strict-mode Argdown with inference rules between `--` lines, headings, a conclusion that undercuts another
    argument (`_> <Bus Argument>`), an entailment between two statements and a contradiction: every title kept,
    nothing refused, and the same rows after a round trip through argmap's Argdown."""
    amap, got = import_file(read["school-start"], "argdown")
    by_title = {r["title"]: r for r in amap.rows if r["title"]}
    assert sorted(by_title) == sorted(
        ["Later Start", "Sleep Study", "Sleep Matters", "Better Attention", "Shared Buses", "Bus Clash", "Spare Route", "Clash Avoidable", "No Clash"]
    )
    undercut = by_title["Clash Avoidable"]
    assert (undercut["parent"], undercut["relation"]) == (by_title["Shared Buses"]["id"], "undercuts")  # the inference of <Bus Argument>
    assert by_title["Spare Route"]["parent"] == undercut["id"] and by_title["Spare Route"]["group"] == "Second Route"
    entails = [r for r in amap.rows if r["same_as"] == by_title["Sleep Study"]["id"]]
    assert [(r["parent"], r["relation"], r["group"]) for r in entails] == [(by_title["Better Attention"]["id"], "supports", "")]  # besides its PCS
    assert got.came_in["argument (premise–conclusion structure)"] == 3 and got.came_in["relation"] == 5
    assert got.left_out["inference rule (no claims column)"] == 2  # the text between "--" lines: counted, not kept
    text, path = read_again["school-start"]  # argmap's Argdown of this map, read by the CLI again
    assert text == to_argdown(amap, title="")
    assert by_id_unordered(import_map(path, "argdown").csv_rows()) == by_id_unordered(amap.csv_rows())
