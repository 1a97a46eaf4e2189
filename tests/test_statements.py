"""The graph model: a row with ``same_as`` restates another row's statement in a second place of the map."""

from __future__ import annotations

import pytest
from helpers import problems, write_map

import argmap

H = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url,same_as,note"

#: Two conclusions that attack each other (O1 attacks T1; T1.r1 restates T1 under O1), and one statement (C1)
#: supporting two conclusions (C1 under T1, C1.r1 under O1's rival A2). Lines: T1 2, C1 3, E1 4, O1 5, T1.r1 6, A2 7, C1.r1 8.
GRAPH = """\
T1,recommendation,Plant more trees,The town should plant more trees.,1,,,,article,town,,should,,,,
C1,claim,Trees cool streets,Trees cool the streets in summer.,2,T1,supports,,article,,,,cause-to-effect,,,
E1,evidence,A 2023 survey found so,That’s what the 2023 survey found.,2,C1,supports,,article,,2023,,sign,,,
O1,objection,Trees cost too much,Critics say trees cost too much,3,T1,attacks,,article,critics,,,,,,
T1.r1,,,,,O1,attacks,,article,,,,,,T1,The author answers the critics: the survey disagrees.
A2,assumption,Cool streets are worth money,,,O1,attacks,,analyst,,,,,,,
C1.r1,,,,,A2,supports,,analyst,,,,,,C1,
"""


def _problems(tmp_path, rows: str) -> list[str]:
    """The problems of the map ``rows``, with file names relative to ``tmp_path``."""
    return [p.removeprefix(f"{tmp_path}/") for p in problems(write_map(tmp_path, rows, header=H))]


def _with_row5(row: str) -> str:
    lines = GRAPH.splitlines()
    lines[4] = row
    return "\n".join(lines) + "\n"


@pytest.fixture
def graph(tmp_path):
    return argmap.load(write_map(tmp_path, GRAPH, header=H))


def test_statement_api(graph):
    assert graph.statement_of("T1.r1") == "T1" and graph.statement_of("C1") == "C1"
    assert graph.is_restatement("C1.r1") and not graph.is_restatement("C1")
    assert graph.restatements("T1") == ["T1.r1"] and graph.restatements("E1") == []
    assert graph.statements() == ["T1", "C1", "E1", "O1", "A2"]
    assert graph.rows_of("C1") == ["C1", "C1.r1"]


def test_load_fills_type_and_text_from_the_original_but_keeps_it_marked(graph):
    assert graph["T1.r1"]["type"] == "recommendation" and graph["T1.r1"]["text"] == "Plant more trees"
    assert graph["T1.r1"]["same_as"] == "T1" and graph["T1.r1"]["quote"] == ""
    written = {r["id"]: r for r in graph.csv_rows()}
    assert written["T1.r1"]["type"] == written["T1.r1"]["text"] == ""
    assert written["T1"]["text"] == "Plant more trees"


def test_one_statement_supports_two_conclusions(graph):
    by_row = {i.row: i for i in graph.inferences()}
    assert (by_row["C1"].premise, by_row["C1"].conclusion) == ("C1", "T1")
    assert (by_row["C1.r1"].premise, by_row["C1.r1"].conclusion, by_row["C1.r1"].relation) == ("C1", "A2", "supports")
    assert len(graph.inferences()) == 6  # every row with a parent


def test_two_statements_attack_each_other(graph):
    pairs = {(i.premise, i.conclusion) for i in graph.inferences() if i.relation == "attacks"}
    assert ("O1", "T1") in pairs and ("T1", "O1") in pairs


def test_reasons_bear_on_the_statement_from_every_place_it_is_drawn(graph):
    assert graph.reasons("T1") == [(("C1",), "supports"), (("O1",), "attacks")]
    assert graph.reasons("O1") == [(("T1",), "attacks"), (("A2",), "attacks")]
    assert graph.reason_rows("A2") == [(("C1.r1",), "supports")]


def test_linked_reason_groups_premises_under_one_parent_row(tmp_path):
    rows = GRAPH.replace("A2,assumption,Cool streets are worth money,,,O1,attacks,,", "A2,assumption,Cool streets are worth money,,,O1,attacks,g1,")
    rows = rows.replace("T1.r1,,,,,O1,attacks,,", "T1.r1,,,,,O1,attacks,g1,")
    m = argmap.load(write_map(tmp_path, rows, header=H))
    assert m.reasons("O1") == [(("T1", "A2"), "attacks")]


BAD = {
    "target missing": ("T1.r1,,,,,O1,attacks,,article,,,,,,T9,", 6, "same_as", "no row has id 'T9'"),
    "target wrong case": ("T1.r1,,,,,O1,attacks,,article,,,,,,t1,", 6, "same_as", "no row has id 't1'; did you mean 'T1'?"),
    "itself": ("T1.r1,,,,,O1,attacks,,article,,,,,,T1.r1,", 6, "same_as", "a row cannot restate itself"),
    "chain": ("T1.r1,,,,,O1,attacks,,article,,,,,,C1.r1,", 6, "same_as", "'C1.r1' is itself a restatement (of 'C1'); name the original 'C1' instead"),
    "other type": ("T1.r1,claim,,,,O1,attacks,,article,,,,,,T1,", 6, "type", "'claim' differs from the type of 'T1' ('recommendation')"),
    "no parent": ("T1.r1,,,,,,,,article,,,,,,T1,", 6, "parent", "is empty; a restatement of 'T1' says where else the statement bears"),
    "under its original": ("T1.r1,,,,,T1,attacks,,article,,,,,,T1,", 6, "parent", "a restatement cannot bear on its own original 'T1'"),
    "text copied": ("T1.r1,,Plant more trees,,,O1,attacks,,article,,,,,,T1,", 6, "text", "must be empty in a restatement: the text is that of 'T1'"),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_restatement_has_one_clear_message(tmp_path, case):
    row, line, column, message = BAD[case]
    found = _problems(tmp_path, _with_row5(row))
    assert len(found) == 1 and found[0].startswith(f"claims.csv:{line}: id T1.r1: {column}: {message}"), found


def test_quote_copied_reports_the_paragraph_too(tmp_path):
    found = _problems(tmp_path, _with_row5("T1.r1,,,The town should plant more trees.,1,O1,attacks,,article,,,,,,T1,"))
    assert found == [
        "claims.csv:6: id T1.r1: paragraph: must be empty in a restatement: the paragraph is that of 'T1'",
        "claims.csv:6: id T1.r1: quote: must be empty in a restatement: the quote is that of 'T1'",
    ]


def test_restatement_repeating_the_type_is_valid(tmp_path):
    rows = GRAPH.replace("T1.r1,,,", "T1.r1,recommendation,,")
    assert _problems(tmp_path, rows) == []


def test_without_same_as_an_empty_text_is_still_refused(tmp_path):
    rows = GRAPH.replace("A2,assumption,Cool streets are worth money,", "A2,assumption,,")
    assert _problems(tmp_path, rows) == ["claims.csv:7: id A2: text: is empty but required"]


def test_overlay_row_may_restate_a_main_row(tmp_path):
    main = write_map(tmp_path, GRAPH, header=H)
    overlay = tmp_path / "group-a.csv"
    overlay.write_text(H + "\nA-1,objection,Shade is uneven,,,C1,attacks,,group-a,,,,,,,\nA-2,,,,,A-1,attacks,,group-a,,,,,,E1,\n", encoding="utf-8")
    m = argmap.load(main, overlays=[overlay])
    assert m.statement_of("A-2") == "E1" and m["A-2"]["type"] == "evidence"
    assert ("E1", "A-1", "attacks") in {(i.premise, i.conclusion, i.relation) for i in m.inferences()}
