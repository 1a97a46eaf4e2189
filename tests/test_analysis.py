"""Grounded semantics and the evaluation tables, on small maps worked out by hand and on the article's map."""

from __future__ import annotations

import pytest

from argmap import ArgumentMap, schema, to_dot
from argmap.analysis import structure as analysis
from argmap.analysis.semantics import STATUS_COLOURS, labelling

COLUMNS = schema("claims").names


def amap(*specs: str) -> ArgumentMap:
    """A map from 'ID type parent relation [origin] [group]' specs; other columns empty."""
    rows = []
    for spec in specs:
        parts = spec.split() + [""] * 6
        rid, type_, parent, rel, origin, group = parts[:6]
        row = dict.fromkeys(COLUMNS, "")
        row.update(
            id=rid,
            type=type_,
            parent=parent if parent != "-" else "",
            relation=rel if parent != "-" else "",
            origin=origin or "article",
            group=group,
            text=f"text of {rid}",
        )
        rows.append(row)
    return ArgumentMap(rows)


@pytest.fixture(scope="module")
def article(real_map: ArgumentMap) -> ArgumentMap:
    return real_map


# --- grounded semantics on hand-worked maps -------------------------------------------------------


def test_attack_chain_reinstates_the_root():
    m = amap("a claim - -", "b claim a attacks", "c claim b attacks")
    assert analysis.grounded(m) == {"a": "in", "b": "out", "c": "in"}


def test_unanswered_attack_defeats_its_target():
    m = amap("a claim - -", "b claim a attacks")
    assert analysis.grounded(m) == {"a": "out", "b": "in"}


def test_analyst_objection_is_left_out_unless_accepted():
    m = amap("a claim - -", "b claim a attacks", "O objection b attacks analyst", "S claim O supports analyst")
    assert analysis.grounded(m) == {"a": "out", "b": "in"}
    assert analysis.grounded(m, ["O"]) == {"a": "in", "b": "out", "O": "in", "S": "in"}
    assert labelling(m).left_out == ("O", "S")


def test_undercut_voids_the_reason_but_not_the_row():
    m = amap("T thesis - -", "C claim T supports", "U claim C undercuts")
    lab = labelling(m)
    assert lab.rows == {"T": "out", "C": "in", "U": "in"}
    assert lab.inferences["C"] == "out"


def test_undercut_leaves_other_reasons_standing():
    m = amap("T thesis - -", "C claim T supports", "D claim T supports", "U claim C undercuts")
    assert analysis.grounded(m)["T"] == "in"


def test_defeated_undercutter_restores_the_inference():
    m = amap("T thesis - -", "C claim T supports", "U claim C undercuts", "V claim U attacks")
    lab = labelling(m)
    assert lab.rows["U"] == "out" and lab.inferences["C"] == "in" and lab.rows["T"] == "in"


def test_accepted_undercutting_objection():
    m = amap("T thesis - -", "C claim T supports", "E evidence C supports", "O objection C undercuts analyst")
    assert analysis.grounded(m)["T"] == "in"
    assert analysis.grounded(m, ["O"]) == {"T": "out", "C": "in", "E": "in", "O": "in"}
    assert analysis.what_falls(m, "O") == ["T"]


def test_undercutting_one_co_premise_defeats_the_linked_reason():
    m = amap("T thesis - -", "C claim T supports article g", "D claim T supports article g", "U claim D undercuts")
    lab = labelling(m)
    assert lab.inferences["C"] == lab.inferences["D"] == "out"
    assert lab.rows["T"] == "out"


def test_linked_reason_needs_every_co_premise():
    m = amap("T thesis - -", "C claim T supports article g", "D claim T supports article g", "X claim D attacks")
    assert analysis.grounded(m)["T"] == "out"
    m2 = amap("T thesis - -", "C claim T supports", "D claim T supports", "X claim D attacks")
    assert analysis.grounded(m2)["T"] == "in"


def test_support_is_needed_all_the_way_down():
    m = amap("T thesis - -", "C claim T supports", "E evidence C supports", "X evidence E attacks")
    assert analysis.grounded(m) == {"T": "out", "C": "out", "E": "out", "X": "in"}


def test_undercut_of_an_attack_disarms_it():
    m = amap("a claim - -", "b claim a attacks", "u claim b undercuts")
    assert analysis.grounded(m) == {"a": "in", "b": "in", "u": "in"}


def test_cycles_are_undecided():
    m = amap("a claim b attacks", "b claim a attacks", "c claim - -")
    assert analysis.grounded(m) == {"a": "undecided", "b": "undecided", "c": "in"}


def test_accepting_an_unknown_or_article_row_is_an_error():
    m = amap("a claim - -", "b claim a attacks", "O objection b attacks analyst")
    with pytest.raises(KeyError):
        analysis.grounded(m, ["O9"])
    with pytest.raises(ValueError, match="b is not an objection"):
        analysis.grounded(m, ["b"])


def test_status_fill_colours_and_key():
    m = amap("a claim - -", "b claim a attacks", "O objection a attacks analyst")
    fill, key = analysis.status_fill(analysis.grounded(m), m)
    assert fill == {"a": STATUS_COLOURS["out"], "b": STATUS_COLOURS["in"], "O": "#FFFFFF"}
    assert list(key) == ["in (accepted)", "out (defeated)", "left out (objection not accepted)"]
    assert len(set(STATUS_COLOURS.values())) == 3
    assert 'fillcolor="#D55E00"' in to_dot(m, fill=fill, key=key)


# --- the article's map ------------------------------------------------------------------------------


def test_article_baseline(article):
    status = analysis.grounded(article)
    assert set(status) == set(article.statements()) - set(analysis.objections(article))  # one status per statement
    out = [i for i, s in status.items() if s != "in"]
    # the two points the author concedes and outweighs ("despite", "while") without rebutting them
    assert out == ["R3", "C33"]
    assert status["T1"] == status["T2"] == status["T3"] == "in"


def test_article_what_falls(article):
    assert analysis.what_falls(article, "O1") == []
    assert analysis.what_falls(article, "O4") == ["C20", "R1", "C30"]  # R1 stands on C20 (C20.r1), C30 presupposes it (C20.r2); T2 has other reasons
    assert analysis.what_falls(article, "O5") == []  # C22 also rests on C26
    assert analysis.what_falls(article, "O7") == ["R4"]
    assert analysis.what_falls(article, "O8") == ["C9", "C10"]


def test_article_objections_table(article):
    t = analysis.objections_table(article)
    assert list(t.index) == ["O1", "O2", "O8", "O9", "O3", "O4", "O5", "O10", "O6", "O11", "O7", "O12"]
    assert t.loc["O9", "rows that fall"] == "C6, C7" and t.loc["O9", "falls"] == 2 and t.loc["O1", "falls"] == 0
    assert t.loc["O1", "target"] == "E4 → C2" and t.loc["O1", "inference defeated"] == "E4 → C2"
    assert t.loc["O3", "rows that fall"] == "none"


# --- evidence, predictions, hedges, schemes ----------------------------------------------------------


def test_evidence_beneath_follows_supports_only():
    m = amap("T thesis - -", "C claim T supports", "E evidence C supports", "F evidence E supports", "X evidence T attacks")
    assert analysis.evidence_beneath(m, "T") == ["E"]
    assert analysis.evidence_beneath(m, "X") == []


def test_unsupported_and_single_evidence_claims():
    m = amap("T thesis - -", "C claim T supports", "E evidence C supports", "D claim T supports", "P prediction D supports", "R recommendation - -")
    assert list(analysis.unsupported_claims(m).index) == ["D", "P"]
    assert analysis.unsupported_claims(m).loc["D", "supported by"] == "P"
    assert list(analysis.unsupported_claims(m, ["recommendation"]).index) == ["R"]
    single = analysis.single_evidence_claims(m)
    assert list(single.index) == ["T", "C"]
    assert single.loc["T", "chain"] == "T ← C ← E"


def test_article_evidence_counts(article):
    unsupported = analysis.unsupported_claims(article)
    assert {"C11", "C12", "C14", "P6"} <= set(unsupported.index)
    assert "C13" not in unsupported.index  # the boycott (C1, restated beneath C13) carries its evidence
    assert not {"T1", "C1", "C3", "C22"} & set(unsupported.index)
    single = analysis.single_evidence_claims(article)
    assert single.loc["C23", "evidence"] == "E15" and "T2" not in single.index


def test_predictions_vs_facts(article):
    t = analysis.predictions_vs_facts(article)
    n = {k: sum(article[i]["type"] == k for i in article.statements()) for k in ("prediction", "evidence")}  # a restated prediction once
    assert (t["kind"] == "prediction").sum() == n["prediction"] and (t["kind"] == "reported fact").sum() == n["evidence"]
    assert list(t["kind"].iloc[: n["prediction"]]) == ["prediction"] * n["prediction"]
    assert t.loc["P6", "certainty"] == "highly likely" and t.loc["E7", "date"] == "2023-12-07"
    assert t.loc["P2", "bears on"] == "supports C27"


def test_hedges(article):
    h = analysis.hedges(article)
    assert len(h) == sum(1 for r in article.rows if r["certainty"]) >= 10
    assert list(h["paragraph"]) == sorted(h["paragraph"])
    assert h.loc["C24", "certainty"] == "obvious" and "obvious" in h.loc["C24", "quote"]
    assert all(c in q.lower() for c, q in zip(h["certainty"], h["quote"]) if c != "should") and "R4" in h.index


def test_critical_questions_cover_every_scheme():
    enum = schema("claims").field("scheme").enum
    cq = analysis.critical_questions()
    assert list(dict.fromkeys(cq.index.get_level_values("scheme"))) == list(enum)
    counts = cq.groupby(level="scheme").size()
    assert counts.between(2, 4).all()
    assert cq["question"].str.endswith("?").all()


def test_schemes_table(article):
    t = analysis.schemes_table(article)
    assert t["uses"].sum() == sum(1 for r in article.rows if r["scheme"])
    assert list(t["uses"]) == sorted(t["uses"], reverse=True)
    assert t.loc["sign", "name"] == "Argument from sign" and t.loc["sign", "critical questions"] == 2
    assert "E4" in t.loc["sign", "rows"].split(", ")


def test_evidence_table():
    m = amap("T thesis - -", "C claim T supports", "E evidence C supports", "F evidence T attacks")
    t = analysis.evidence_table(m, "C")
    assert list(t.index) == ["E"]
    assert t.loc["E", "taken to show"] == "text of C" and t.loc["E", "relation"] == "supports"
    assert list(analysis.evidence_table(m).index) == ["E", "F"]


def test_structure_counts(article):
    s = analysis.structure_counts(article)
    assert s.by_type.loc["total", "total"] == len(article.statements())
    assert s.by_type.loc["claim", "article"] == 26 and s.by_type.loc["objection", "analyst"] == 12
    assert s.by_depth.loc[0, "thesis"] == 3 and s.by_depth.loc["total", "total"] == len(article.statements())
    assert list(s.by_paragraph.index) == list(range(1, 13))
    assert s.by_paragraph["total"].sum() == sum(1 for r in article.rows if r["origin"] == "article" and r["paragraph"])  # restatements quote nothing
    assert s.evidence.loc["T1", "evidence"] == len(analysis.evidence_beneath(article, "T1")) >= 10
    assert s.evidence.loc["C11", "evidence"] == 0
    assert "E1" not in s.evidence.index
    # each table alone (what one chart draws) is the same table
    from argmap.core import counts

    assert counts.type_counts(article).equals(s.by_type) and counts.depth_counts(article).equals(s.by_depth)
    assert counts.evidence_counts(article).equals(s.evidence) and counts.paragraph_counts(article).equals(s.by_paragraph)


def test_branch_summary():
    m = amap("T thesis - -", "C claim T supports", "E evidence C supports", "D claim T attacks", "O objection E undercuts analyst", "S thesis - -")
    t = analysis.branch_summary(m)
    assert list(t.index) == ["T", "S"]
    assert t.loc["T", ["rows", "from the article", "evidence beneath", "claims without evidence", "attacks", "undercuts", "depth"]].tolist() == [
        5,
        4,
        1,
        1,
        1,
        1,
        3,
    ]
    assert t.loc["S", "rows"] == 1 and t.loc["S", "depth"] == 0


def test_article_branch_summary(article):
    t = analysis.branch_summary(article)
    assert list(t.index) == ["T1", "T2", "T3"]
    assert t["rows"].sum() == len(article)


def test_paragraph_branches():
    m = amap("T thesis - -", "C claim T supports", "S thesis - -", "A assumption S supports analyst")
    for r, p in zip(m.rows, ["2", "1", "2", ""]):
        r["paragraph"] = p
    t = analysis.paragraph_branches(m)
    assert list(t.columns) == ["T", "S"] and list(t.index) == [1, 2]
    assert t.loc[1].tolist() == [1, 0] and t.loc[2].tolist() == [1, 1]


def test_reasons():
    m = amap("T thesis - -", "C claim T supports article g", "D claim T supports article g", "E evidence C supports", "X claim T attacks")
    t = analysis.reasons(m, "T")
    assert list(t.index) == ["C", "D", "X"]
    assert t["relation"].tolist() == ["supports", "supports", "attacks"] and t.loc["C", "group"] == "g"
    assert t["evidence beneath"].tolist() == [1, 0, 0]


def test_why_out():
    m = amap(
        "T thesis - -",
        "C claim T supports article g",
        "D claim T supports article g",
        "U claim D undercuts",
        "S thesis - -",
        "X claim S attacks",
        "Y claim - -",
        "Z claim Y supports",
        "W claim Z attacks",
    )
    t = analysis.why_out(m)
    assert list(t.index) == ["T", "S", "Y", "Z"]
    assert t.loc["T", "why"] == "no reason left: the step C → T is undercut by U; the step D → T is undercut by U"
    assert t.loc["S", "why"] == "attacked by X"
    assert t.loc["Y", "why"] == "no reason left: Z is out"
    cyc = analysis.why_out(amap("a claim b attacks", "b claim a attacks"))
    assert cyc["status"].tolist() == ["undecided", "undecided"] and cyc.loc["a", "why"].startswith("neither")


def test_article_why_out(article):
    t = analysis.why_out(article)
    assert t.loc["R3", "why"] == "attacked by E17" and t.loc["C33", "why"] == "attacked by C31"
    t4 = analysis.why_out(article, ["O4"])
    assert t4.loc["C20", "why"] == "attacked by O4" and "T2" not in t4.index
