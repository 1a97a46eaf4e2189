"""argmap/schemas/claims.json is the one place the columns and vocabularies live: validation enforces exactly it."""

from __future__ import annotations

import json

import pytest
from helpers import BASE, HEADER, ROOT, SCHEMA_JSON, problems, write_map

from argmap import schema
from argmap.draw.style import EDGE, NODE

RAW = json.loads(SCHEMA_JSON.read_text(encoding="utf-8"))
FIELDS = {f["name"]: f for f in RAW["fields"]}


def enum(name: str) -> list[str]:
    return FIELDS[name]["constraints"]["enum"]


#: an analyst row (line 6) whose only interesting cell is filled in from the test's value
ROW = {
    "type": "X1,{},An extra row,,,T1,attacks,,analyst,,,,,",
    "relation": "X1,claim,An extra row,,,C1,{},,analyst,,,,,",
    "scheme": "X1,claim,An extra row,,,T1,supports,,analyst,,,,{},",
}


def test_the_enum_fields_are_the_ones_tested_here():
    assert {n for n, f in FIELDS.items() if "enum" in f.get("constraints", {})} == set(ROW)


@pytest.mark.parametrize(("column", "value"), [(c, v) for c in ROW for v in enum(c)])
def test_every_enum_value_in_the_schema_passes(tmp_path, column, value):
    assert problems(write_map(tmp_path, BASE + ROW[column].format(value) + "\n")) == []


@pytest.mark.parametrize("column", sorted(ROW))
@pytest.mark.parametrize("value", ["bogus", "none", "-"])
def test_a_value_not_in_the_schema_fails(tmp_path, column, value):
    path = write_map(tmp_path, BASE + ROW[column].format(value) + "\n")
    assert problems(path) == [f"{path}:6: id X1: {column}: '{value}' is not one of: {', '.join(enum(column))}"]


def test_the_parsed_schema_matches_the_json():
    s = schema("claims")
    assert s.names == tuple(FIELDS)
    assert s.primary_key == RAW["primaryKey"] == "id"
    for f in s.fields:
        c = FIELDS[f.name].get("constraints", {})
        assert f.enum == (tuple(c["enum"]) if "enum" in c else None)
        assert f.required == c.get("required", False)
        assert f.pattern == c.get("pattern")


def test_every_type_and_relation_has_a_drawing_style():
    assert set(NODE) == set(enum("type"))
    assert set(EDGE) == set(enum("relation"))


@pytest.mark.parametrize("column", [n for n, f in FIELDS.items() if f.get("constraints", {}).get("required")])
def test_required_columns_may_not_be_left_out_of_the_header(tmp_path, column):
    cols = HEADER.split(",")
    i = cols.index(column)
    header = ",".join(c for c in cols if c != column)
    rows = "".join(",".join(v for j, v in enumerate(line.split(",")) if j != i) + "\n" for line in BASE.splitlines())
    path = write_map(tmp_path, rows, header=header)
    assert problems(path) == [f"{path}:1: missing column '{column}'"]


@pytest.mark.parametrize("column", [n for n, f in FIELDS.items() if f.get("constraints", {}).get("required")])
def test_required_cells_may_not_be_empty(tmp_path, column):
    cols = HEADER.split(",")
    cells = "X1,claim,An extra row,,,T1,attacks,,analyst,,,,,".split(",")
    cells[cols.index(column)] = ""
    path = write_map(tmp_path, BASE + ",".join(cells) + "\n")
    where = f"{path}:6: " + ("" if column == "id" else "id X1: ")
    assert problems(path) == [f"{where}{column}: is empty but required"]


@pytest.mark.parametrize(("value", "ok"), [("a", True), ("A.b-c_9", True), ("Z" * 32, True), ("Z" * 33, False), ("_a", False), ("a/b", False), ("é1", False)])
def test_id_pattern_is_enforced(tmp_path, value, ok):
    path = write_map(tmp_path, BASE + f"{value},claim,An extra row,,,T1,attacks,,analyst,,,,,\n")
    found = problems(path)
    assert (found == []) == ok, found
    if not ok:
        assert found == [f"{path}:6: id {value}: id: {value!r} is malformed; expected: " + schema("claims").field("id").description]


@pytest.mark.parametrize(
    ("value", "ok"), [("analyst", True), ("group-3", True), ("class2b", True), ("Analyst", False), ("3rd-group", False), ("my group", False)]
)
def test_origin_pattern_is_enforced(tmp_path, value, ok):
    path = write_map(tmp_path, BASE + f"X1,claim,An extra row,,,T1,attacks,,{value},,,,,\n")
    found = problems(path)
    assert (found == []) == ok, found


@pytest.mark.parametrize(("value", "ok"), [("https://example.org/a?b=c", True), ("http://x.y", True), ("ftp://x.y", False), ("https://a b", False)])
def test_source_url_pattern_is_enforced(tmp_path, value, ok):
    path = write_map(tmp_path, BASE + f"X1,claim,An extra row,,,T1,attacks,,analyst,,,,,{value}\n")
    assert (problems(path) == []) == ok


def test_datapackage_claims_resource_points_at_the_package_schema():
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    [claims] = [r for r in package["resources"] if r["name"] == "claims"]
    assert claims["schema"] == "argmap/schemas/claims.json"
    assert (ROOT / claims["schema"]).resolve() == SCHEMA_JSON.resolve()
    assert claims["encoding"] == "utf-8"
    assert claims["format"] == "csv"
