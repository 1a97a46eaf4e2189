"""Evaluation counts statements, not boxes: a restatement is the same argument as its original."""

from __future__ import annotations

import pytest
from helpers import write_map
from test_statements import GRAPH, H

import argmap
from argmap.analysis.semantics import STATUS_COLOURS, grounded, labelling, status_fill, why_out
from argmap.analysis.structure import branch_summary, evidence_beneath, structure_counts, unsupported_claims
from argmap.analysis.tables import recommendations, support_chains


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    return argmap.load(write_map(tmp_path_factory.mktemp("graph"), GRAPH, header=H))


@pytest.fixture(scope="module")
def mutual(tmp_path_factory):
    """T1 and O1 attack each other and nothing else bears on O1 (A2 and C1.r1 removed)."""
    rows = "".join(line + "\n" for line in GRAPH.splitlines() if not line.startswith(("A2,", "C1.r1,")))
    return argmap.load(write_map(tmp_path_factory.mktemp("mutual"), rows, header=H))


def test_grounded_is_keyed_by_statement(graph):
    status = grounded(graph)
    assert list(status) == graph.statements()
    lab = labelling(graph)
    assert lab.rows["T1.r1"] == lab.statements["T1"] and lab.rows["C1.r1"] == lab.statements["C1"]


def test_a_third_statement_settles_a_mutual_attack(graph):
    # A2 (supported by C1, drawn again under A2) attacks O1, so O1 is out and T1, attacked only by O1, is in
    assert grounded(graph) == {"T1": "in", "C1": "in", "E1": "in", "O1": "out", "A2": "in"}


def test_two_statements_that_only_attack_each_other_are_undecided(mutual):
    assert grounded(mutual) == {"T1": "undecided", "C1": "in", "E1": "in", "O1": "undecided"}
    why = why_out(mutual)
    assert list(why.index) == ["T1", "O1"]
    assert set(why["why"]) == {"neither accepted nor defeated: attacks or supports run in a cycle"}


def test_restatement_is_filled_in_its_statements_colour(graph):
    fill, _ = status_fill(grounded(graph), graph)
    assert fill["T1.r1"] == fill["T1"] == STATUS_COLOURS["in"]
    assert fill["C1.r1"] == fill["C1"]


def test_evidence_beneath_a_restatement_is_the_originals(graph):
    assert evidence_beneath(graph, "A2") == ["E1"]
    assert evidence_beneath(graph, "C1.r1") == ["E1"]
    assert support_chains(graph, "A2") == [["A2", "C1.r1", "E1"]]


def test_unsupported_claims_count_statements_once(graph):
    assert list(unsupported_claims(graph).index) == []  # C1.r1 is C1, which has E1 beneath it
    assert list(unsupported_claims(graph, types=("recommendation", "objection")).index) == ["O1"]
    assert list(recommendations(graph).index) == ["T1"]


def test_structure_counts_statements(graph):
    s = structure_counts(graph)
    assert s.by_type.loc["total", "total"] == len(graph.statements()) == 5
    assert branch_summary(graph).loc["T1", "claims without evidence"] == 0


def _ratings(tmp_path, text: str):
    path = tmp_path / "ratings.csv"
    path.write_text("rater,id,verdict,strength,comment\n" + text, encoding="utf-8")
    return path


def test_a_rating_of_a_restated_row_counts_for_the_statement(graph, tmp_path):
    from argmap.classroom.ratings import aggregate, load_ratings
    from argmap.classroom.ratings_report import verdict_dot

    table = aggregate(load_ratings(_ratings(tmp_path, "heron,C1,accept,4,\nwren,C1.r1,accept,2,\nowl,T1.r1,reject,3,\n"), graph), graph)
    assert list(table.index) == ["T1", "C1"]
    assert table.loc["C1", "raters"] == 2 and table.loc["C1", "mean strength"] == 3.0
    node = {line.split(" [")[0].strip().strip('"'): line for line in verdict_dot(graph, table).splitlines() if line.startswith('  "')}

    def mark(i: str) -> tuple[str, str]:  # a node's verdict fill and its badge line (the label's last line)
        return node[i].split('fillcolor="')[-1].split('"')[0], node[i].split('label="')[1].split('"')[0].split("\\n")[-1]

    assert mark("C1.r1") == mark("C1") and mark("C1")[1] == "class accepts: ✓ 2 · ✗ 0 · ? 0"
    assert mark("T1.r1") == mark("T1") and mark("T1")[1] == "class rejects: ✓ 0 · ✗ 1 · ? 0"


def test_one_rater_rating_a_statement_twice_is_refused(graph, tmp_path):
    from argmap.classroom.ratings import load_ratings
    from argmap.core.errors import InvalidMap

    with pytest.raises(InvalidMap) as e:
        load_ratings(_ratings(tmp_path, "heron,C1,accept,4,\nheron,C1.r1,reject,2,\n"), graph)
    assert [str(p) for p in e.value.problems] == [
        f"{tmp_path / 'ratings.csv'}:3: id: this rater already rated C1 (as C1.r1, which restates C1) on line 2; keep one rating per rater and row"
    ]
