"""The reading rules of claims.csv that the README states: labels keep the author's evaluative terms and hedges, forecasts are typed as predictions."""

import re
from pathlib import Path

import pytest

import argmap

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: The author's evaluative terms (README, "The label rule"): a label keeps the word and sets it in “…”.
TERMS = {
    "undermine": r"undermin\w*",
    "smoke screen": r"smoke[ -]screen",
    "assertive": r"assertive",
    "aggressive": r"aggressi\w*",
    "blackmail": r"blackmail",
    "ethnically cleansed": r"ethnically cleansed",
    "forced displacement": r"forced displacement",
    "military takeover": r"military takeover",
    "incapacitated": r"incapacitated",
    "killed": r"killed",
}
#: The author's hedges and modal words: each one in a quote is in the row's label or its certainty.
HEDGES = ["highly likely", "unlikely", "likely", "may", "can", "could", "should", "effectively", "obvious", "cannot be considered"]


@pytest.fixture(scope="module")
def amap():
    return argmap.load(ROOT / "claims.csv")


def _quoted(label: str) -> str:
    return " ".join(re.findall(r"“([^”]*)”", label))


def _unquoted(label: str) -> str:
    return re.sub(r"“[^”]*”", " ", label)


def test_the_readme_states_the_label_rule_with_every_term():
    rule = README.split("### The label rule", 1)[1].split("\n## ", 1)[0]
    for term in TERMS:
        assert term in rule, f"the README's label rule does not list {term!r}"


@pytest.mark.parametrize("term", TERMS)
def test_an_evaluative_term_of_the_quote_is_kept_in_the_label_in_quotation_marks(amap, term):
    pattern = re.compile(rf"\b{TERMS[term]}", re.I)
    for row in amap.rows:
        if pattern.search(row["quote"]):
            assert pattern.search(_quoted(row["text"])), f"{row['id']}: the quote says {term!r}; the label must keep it inside “…”"
        assert not pattern.search(_unquoted(row["text"])), f"{row['id']}: {term!r} is used in the label outside “…”, as if it were the map's own word"


def test_the_author_s_hedges_are_kept_in_the_label_or_in_certainty(amap):
    for row in amap.rows:
        if row["origin"] != "article" or not row["quote"] or row["type"] == "evidence":
            continue  # evidence reports others' words; its modals are not the author's hedges
        quote = _unquoted(row["quote"])
        for hedge in HEDGES:
            if re.search(rf"\b{hedge}\b", quote) and not re.search(rf"\b{hedge}\b", row["text"], re.I) and hedge not in row["certainty"]:
                pytest.fail(f"{row['id']}: the author's {hedge!r} is in neither the label nor certainty")


def test_what_the_author_says_will_happen_is_typed_as_a_prediction(amap):
    for row in amap.rows:
        if row["origin"] == "article" and re.search(r"\bwill\b", _unquoted(row["quote"])):
            assert row["type"] == "prediction", f"{row['id']}: the quote says what will happen, so its type is prediction, not {row['type']}"


def test_every_row_that_attacks_or_restates_says_why_in_a_note(amap):
    for row in amap.rows:
        interpretive = row["relation"] in ("attacks", "undercuts") and row["origin"] == "article" or row.get("same_as")
        if interpretive:
            assert row["note"].strip(), f"{row['id']}: an interpretive row needs a note"


def test_analyst_rows_that_state_a_dated_fact_cite_a_public_source(amap):
    for row in amap.rows:
        if row["origin"] == "analyst" and not amap.is_restatement(row["id"]) and re.search(r"\b(19|20)[0-9]{2}\b", row["text"]):
            # a restatement's origin is whose link it is; its text is the original's
            assert row["source_url"].startswith("https://"), f"{row['id']}: an analyst row stating a dated outside fact needs its source_url"
        if row["origin"] == "analyst":
            assert not row["date"], f"{row['id']}: the date column is for events the author reports; say the date in the label"


def test_retired_ids_are_listed_in_the_readme_and_not_reused(amap):
    section = README.split("### Retired ids", 1)[1].split("\n## ", 1)[0]
    retired = re.findall(r"^- `([A-Z][0-9]+)`", section, re.M)
    assert retired, "the README lists no retired ids"
    assert not set(retired) & set(amap.ids), f"retired ids are in use again: {set(retired) & set(amap.ids)}"


#: The diagnosis each recommendation answers (README, "The graph model"): a statement drawn in T2's branch.
GROUNDS = {"R1": {"C20"}, "R2": {"C22"}, "R4": {"C30", "P5"}}


@pytest.mark.parametrize("rec", sorted(GROUNDS))
def test_a_recommendation_stands_on_the_diagnosis_it_answers(amap, rec):
    premises = {p for reason in amap.reasons(rec) if reason.relation == "supports" for p in reason.premises}
    assert GROUNDS[rec] <= premises, f"{rec} no longer rests on {sorted(GROUNDS[rec] - premises)}: restate the diagnosis beneath it (same_as)"
    in_t2 = {p for p in premises if p in amap.subtree("T2")}
    assert in_t2, f"{rec} has no premise statement from T2's branch, the diagnosis it answers"
    for row in amap.rows:
        if row["parent"] == rec and amap.is_restatement(row["id"]):
            assert row["note"].strip(), f"{row['id']}: a restatement says in its note why it bears on {rec}"


def test_the_readme_names_every_restatement_of_the_map(amap):
    section = README.split("## The graph model", 1)[1].split("\n## ", 1)[0]
    for i in amap.ids:
        if amap.is_restatement(i):
            assert f"`{i}`" in section, f"{i}: the README's graph-model section does not name this restatement"
