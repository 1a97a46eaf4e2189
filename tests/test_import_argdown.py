"""Argdown import from the Argdown CLI's JSON: maps written by hand, and bad files refused with a reason."""

from __future__ import annotations

import json

import pytest
from interop_maps import argdown_json

from argmap.cli import main
from argmap.formats.interop import import_map

HAND_WRITTEN = """\
# Bike lanes

[Lanes]: Build protected lanes on Main Street. #recommendation
  <+ [Riders]: 1,200 cyclists a day use the street (council count). #evidence {quote: "Last spring the council counted 1,200 cyclists a day", paragraph: 2, origin: article}
  <- [Cost]: Lanes cost too much. #objection #class-b
    <_ [Cheap]: Paint and posts are cheap.

Cycling is healthy.
"""


def test_a_hand_written_map_imports_with_tags_data_and_defaults(tmp_path):
    data = argdown_json(tmp_path, {"bike": HAND_WRITTEN}, with_map=False)["bike"]
    path = tmp_path / "bike.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    amap = import_map(path, "argdown")
    got = [(r["id"], r["type"], r["text"], r["parent"], r["relation"], r["origin"], r["paragraph"]) for r in amap.rows]
    assert got == [
        ("Lanes", "recommendation", "Build protected lanes on Main Street.", "", "", "analyst", ""),
        ("Riders", "evidence", "1,200 cyclists a day use the street (council count).", "Lanes", "supports", "article", "2"),
        ("Cost", "objection", "Lanes cost too much.", "Lanes", "attacks", "class-b", ""),
        ("Cheap", "claim", "Paint and posts are cheap.", "Cost", "undercuts", "analyst", ""),
        ("S1", "claim", "Cycling is healthy.", "", "", "analyst", ""),
    ]


def test_arguments_are_refused_by_name(tmp_path, capsys):
    text = "<Lanes help>: Lanes make cycling safer.\n  +> [Build]: Build lanes.\n"
    data = argdown_json(tmp_path, {"args": text}, with_map=False)["args"]
    path = tmp_path / "args.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["import", "--from", "argdown", str(path)]) == 1
    err = capsys.readouterr().err
    assert "args.json: has 1 argument(s) (<Lanes help>)" in err


def _statement(title: str, *tags: str, **data: str) -> dict:
    member = {"type": "statement", "title": title, "text": title.lower() + "".join(f" #{t}" for t in tags), "tags": list(tags)}
    return {"type": "equivalence-class", "title": title, "members": [member], "tags": list(tags)} | ({"data": data} if data else {})


def _relation(a: str, kind: str, b: str) -> dict:
    return {"type": "relation", "relationType": kind, "from": a, "fromType": "equivalence-class", "to": b, "toType": "equivalence-class"}


def _doc(*relations: dict, statements=("T", "C", "D")) -> dict:
    return {"arguments": {}, "statements": {s: _statement(s, "claim") for s in statements}, "relations": list(relations)}


BAD = {
    "not JSON": ("[1, 2", "not valid JSON"),
    "a list": ([], "an Argdown JSON export is an object"),
    "no statements": ({"relations": []}, "missing key 'statements'; is this the output of 'argdown json'?"),
    "relation to a missing statement": (_doc(_relation("C", "support", "X")), "relation #1 (C support X) names statement 'X', which does not exist"),
    "two parents": (_doc(_relation("C", "support", "T"), _relation("C", "attack", "D")), "id C: bears on both 'T' and 'D'; a row has one parent"),
    "a symmetric relation": (_doc(_relation("C", "contradictory", "T")), "relation #1 is a 'contradictory' relation"),
    "relation without target": (_doc({"relationType": "support", "from": "C"}), "relation #1 has no 'from', 'to' or 'relationType'"),
    "a cycle": (_doc(_relation("C", "support", "D"), _relation("D", "support", "C")), "parent links form a cycle"),
    "undercut of a root": (_doc(_relation("C", "undercut", "T")), "undercuts the inference from 'T' to its parent, but 'T' is a root"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_input_is_refused_with_a_reason_and_writes_nothing(tmp_path, capsys, case):
    data, message = BAD[case]
    path = tmp_path / "bad.argdown.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    out = tmp_path / "claims.csv"
    assert main(["import", "--from", "argdown", str(path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert message in err and "bad.argdown.json" in err, err
    assert "Traceback" not in err
    assert not out.exists()
