"""The optional ``title`` column: a file may leave it out, a restatement leaves it empty, and every export carries it."""

from __future__ import annotations

import json

from helpers import BASE, HEADER, problems, write_map

from argmap import ArgumentMap, load, schema
from argmap.formats.export_aif import EXTRA, to_aif
from argmap.formats.export_argdown import shown_titles, to_argdown
from argmap.formats.export_graphml import to_networkx
from argmap.formats.export_markdown import to_markdown
from argmap.formats.import_aif import from_aif
from argmap.formats.interop import check_rows


def _row(id_: str, parent: str = "", relation: str = "", **extra: str) -> dict[str, str]:
    return {"id": id_, "type": "claim", "text": id_.lower() + " text", "parent": parent, "relation": relation, "origin": "analyst"} | extra


def test_a_file_without_the_title_column_loads_with_empty_titles(tmp_path):
    path = write_map(tmp_path)
    assert "title" not in HEADER.split(",") and problems(path) == []
    assert {r["title"] for r in load(path).rows} == {""}
    assert "title" in schema("claims").names and "title" not in schema("claims").usual


def test_a_table_written_back_keeps_its_rows_columns(tmp_path):
    """A file without the column reads it as empty and lists it last, so rows written back with the header fit."""
    import csv

    from argmap.core.table import read_rows

    table = read_rows(write_map(tmp_path))
    assert table.header == HEADER.split(",") + ["same_as", "note", "title"]
    with (tmp_path / "copy.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=table.header)
        writer.writeheader()
        writer.writerows(table.rows)
    assert problems(tmp_path / "copy.csv") == []


def test_a_title_is_one_line_and_a_restatement_has_none(tmp_path):
    header = HEADER + ",same_as,note,title"
    rows = BASE.replace("\n", ",,,\n")
    bad = rows + "X1,,,,,O1,attacks,,analyst,,,,,,T1,,Again\nX2,claim,x,,,T1,attacks,,analyst,,,,,,,, Leading space\n"
    path = write_map(tmp_path, bad, header=header)
    got = problems(path)
    assert got[0] == f"{path}:6: id X1: title: must be empty in a restatement: the title is that of 'T1'", got
    assert got[1].startswith(f"{path}:7: id X2: title: ' Leading space' is malformed; expected: An optional title") and len(got) == 2, got


def test_argdown_shows_a_title_it_can_hold_and_keeps_the_rest_in_the_data():
    rows = [
        _row("T", title="Statement 1"),
        _row("A", "T", "supports", title="Cost [2024]"),  # brackets: Argdown cannot hold it as a title
        _row("B", "T", "attacks", title="Twice"),
        _row("C", "T", "attacks", title="Twice"),  # the same title twice would be one statement for Argdown
        _row("D", "T", "attacks", title="T"),  # another row's id
        _row("E", "T", "attacks", title="E"),  # its own id
    ]
    m = ArgumentMap(rows)
    assert shown_titles(m) == {"T": "Statement 1", "A": "A", "B": "B", "C": "C", "D": "D", "E": "E"}
    text = to_argdown(m, title="")
    assert text.startswith('[Statement 1]: t text #claim #analyst {origin: "analyst", id: "T"}\n')
    assert '[A]: a text #claim #analyst {origin: "analyst", title: "Cost [2024]"}' in text
    assert '[E]: e text #claim #analyst {origin: "analyst", title: "E"}' in text


# titles through the Argdown CLI: tests/test_export_argdown.py (test_titles_come_back_from_argdown_through_the_cli),
# in the one CLI run of that module


def test_aif_graphml_and_markdown_carry_the_title(tmp_path):
    rows = [_row("T", title="Status quo"), _row("A", "T", "attacks"), {**_row("T.r1", "A", "attacks", same_as="T"), "type": "", "text": ""}]
    m = ArgumentMap(rows)
    aif = to_aif(m)
    assert [n[EXTRA].get("title") for n in aif["nodes"] if n["type"] == "I"] == ["Status quo", None]
    assert [n["text"] for n in aif["nodes"] if n["type"] == "I"] == ["t text", "a text"]  # the I-node's text stays the text
    path = tmp_path / "m.json"
    path.write_text(json.dumps(aif), encoding="utf-8")
    assert [r["title"] for r in check_rows(from_aif(path).rows, str(path)).csv_rows()] == ["Status quo", "", ""]
    assert to_networkx(m).nodes["T"]["title"] == "Status quo"
    assert "- **T** “Status quo” · *claim* · t text" in to_markdown(m)
    assert "↪ the same statement as **T** “Status quo”" in to_markdown(m)
