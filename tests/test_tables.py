"""Tables for the notebooks: rows per paragraph, recommendations, their chains of reasons and assumptions."""

from __future__ import annotations

from pathlib import Path

from argmap.analysis.tables import (
    assumptions_for,
    recommendation_paths,
    recommendation_summary,
    recommendations,
    rows_per_paragraph,
    support_chains,
    unquoted_sentences,
)
from argmap.core.model import ArgumentMap
from argmap.core.source import Source

ROOT = Path(__file__).resolve().parents[1]
PARAS = ("We should act. It is cheap.", "Costs fell by half. Nobody objects.", "A closing line.")


def row(
    id_: str,
    type_: str,
    parent: str = "",
    relation: str = "supports",
    *,
    quote: str = "",
    paragraph: str = "",
    group: str = "",
    origin: str = "article",
    text: str = "",
    certainty: str = "",
) -> dict[str, str]:
    return {
        "id": id_,
        "type": type_,
        "text": text or f"text of {id_}",
        "quote": quote,
        "paragraph": paragraph,
        "parent": parent,
        "relation": relation if parent else "",
        "group": group,
        "origin": origin,
        "certainty": certainty,
    }


def sample() -> ArgumentMap:
    rows = [
        row("T1", "thesis", quote="We should act.", paragraph="1"),
        row("R1", "recommendation", "T1", quote="We should act", paragraph="1", certainty="should", text="Act now"),
        row("C1", "claim", "R1", quote="It is cheap.", paragraph="1", group="g1", text="It is cheap"),
        row("A1", "assumption", "R1", group="g1", origin="analyst", text="Cheap means worth it"),
        row("E1", "evidence", "C1", quote="Costs fell by half.", paragraph="2", text="Costs halved"),
        row("E2", "evidence", "C1", "attacks", quote="Nobody objects.", paragraph="2"),
        row("C2", "claim", "R1", origin="analyst"),
        row("A2", "assumption", "C2", origin="analyst", text="Deep assumption"),
        row("R2", "recommendation", "T1", group="g2", quote="It is cheap", paragraph="1", certainty="could"),
        row("A3", "assumption", "T1", group="g2", origin="class-group-a", text="Sibling premise of R2"),
        row("A4", "assumption", "T1", origin="analyst", text="Unrelated assumption"),
    ]
    return ArgumentMap(rows, source=Source(path=Path("s.txt"), paragraphs=PARAS))


def test_rows_per_paragraph_counts_types_totals_and_empty_paragraphs() -> None:
    t = rows_per_paragraph(sample())
    assert list(t.index) == [1, 2, 3]
    assert list(t.columns) == ["thesis", "claim", "evidence", "recommendation", "total"]  # in the style's type order
    assert t.loc[1].to_dict() == {"thesis": 1, "claim": 1, "evidence": 0, "recommendation": 2, "total": 4}
    assert t.loc[2, "evidence"] == 2 and t.loc[3, "total"] == 0
    assert t["total"].sum() == sum(1 for r in sample().rows if r["paragraph"])  # analyst rows have no paragraph


def test_recommendation_paths_reach_evidence_through_supports_only() -> None:
    t = recommendation_paths(sample(), "R1")
    assert t.to_dict("records") == [{"step1": "C1: It is cheap", "step2": "E1: Costs halved", "ends in": "evidence"}]  # E2 attacks: not a path
    assert list(t.index) == [1]


def test_recommendation_paths_with_leaves_pads_shorter_chains() -> None:
    t = recommendation_paths(sample(), "R1", leaves=True)
    assert t["step1"].tolist() == ["C1: It is cheap", "A1: Cheap means worth it", "C2: text of C2"]
    assert t["step2"].tolist() == ["E1: Costs halved", "", "A2: Deep assumption"]
    assert t["ends in"].tolist() == ["evidence", "assumption", "assumption"]


def test_recommendation_without_reasons_gives_an_empty_table() -> None:
    t = recommendation_paths(sample(), "R2")
    assert t.empty and list(t.columns) == ["step1", "ends in"]


def test_support_chains_stop_at_a_cycle() -> None:
    rows = [row("A", "claim", "B"), row("B", "claim", "A")]
    assert support_chains(ArgumentMap(rows), "A") == [["A", "B"]]


def test_assumptions_in_the_subtree_with_their_linked_reasons() -> None:
    t = assumptions_for(sample(), "R1")
    assert list(t.index) == ["A1", "A2"]  # A3 and A4 are elsewhere
    assert t.loc["A1", "linked with"] == "C1: It is cheap"
    assert t.loc["A1", "bears on"] == "R1: Act now"
    assert t.loc["A2", "linked with"] == "" and t.loc["A2", "bears on"] == "C2: text of C2"


def test_assumptions_of_the_recommendations_own_group() -> None:
    t = assumptions_for(sample(), "R2")
    assert t.to_dict("index") == {
        "A3": {"assumption": "Sibling premise of R2", "origin": "class-group-a", "bears on": "T1: text of T1", "linked with": "R2: text of R2"}
    }


def test_assumptions_quoted_from_the_article_are_not_unstated() -> None:
    rows = [row("R1", "recommendation"), row("A1", "assumption", "R1", quote="x", paragraph="1")]
    assert assumptions_for(ArgumentMap(rows), "R1").empty


def test_recommendations_table() -> None:
    t = recommendations(sample())
    assert list(t.index) == ["R1", "R2"]
    assert t.loc["R1"].to_dict() == {"text": "Act now", "quote": "We should act", "¶": 1, "certainty": "should"}


def test_recommendation_summary() -> None:
    rows = sample().rows + [row("O1", "objection", "C1", "undercuts", origin="analyst"), row("O2", "objection", "R2", "attacks", origin="analyst")]
    t = recommendation_summary(ArgumentMap(rows, source=sample().source))
    assert list(t.index) == ["R1", "R2"]
    assert t.loc["R1"].to_dict() == {"reasons": 3, "chains": 3, "reach evidence": 1, "assumptions": 2, "against (in its branch)": "E2, O1"}
    assert t.loc["R2"].to_dict() == {"reasons": 0, "chains": 0, "reach evidence": 0, "assumptions": 1, "against (in its branch)": "O2"}


def test_unquoted_sentences() -> None:
    t = unquoted_sentences(sample())
    assert t.to_dict("records") == [{"¶": 3, "sentence": "A closing line."}]


def test_sentences_ending_in_a_closing_quote_split() -> None:
    src = Source(path=Path("s.txt"), paragraphs=("He said “stop.” Then we left. Why?",))
    amap = ArgumentMap([row("C1", "claim", quote="Then we", paragraph="1")], source=src)
    assert unquoted_sentences(amap)["sentence"].tolist() == ["He said “stop.”", "Why?"]


def test_real_map(real_map: ArgumentMap) -> None:
    amap = real_map
    per = rows_per_paragraph(amap)
    assert list(per.index) == list(range(1, 13))
    assert per["total"].sum() == int(amap.frame["paragraph"].notna().sum())
    recs = recommendations(amap)
    assert len(recs) == int((amap.frame["type"] == "recommendation").sum()) > 0
    for rec in recs.index:
        paths = recommendation_paths(amap, rec)
        assert len(paths) == len(amap.paths_to_evidence(rec))
        assert set(paths["ends in"]) <= {"evidence"}
        for a in assumptions_for(amap, rec).index:
            assert amap[a]["type"] == "assumption" and (rec in amap.ancestors(a) or amap[a]["parent"] == amap[rec]["parent"])
