"""Markdown outline: nested bullets with type, text, relation and the verbatim quote with its paragraph."""

from __future__ import annotations

from helpers import write_map
from interop_maps import ROOT

from argmap import ArgumentMap, load
from argmap.cli import main
from argmap.formats.export_markdown import to_markdown


def test_rows_nest_under_their_parents_with_quote_and_paragraph(tmp_path):
    text = to_markdown(load(write_map(tmp_path)))
    lines = text.splitlines()
    assert lines[0] == "# article"  # the source's title (its file name here)
    items = [ln for ln in lines if ln.lstrip().startswith("- ")]
    assert items == [
        "- **T1** · *recommendation* · Plant more trees — “The town should plant more trees.” (¶1)",
        "  - supports: **C1** · *claim* · Trees cool streets — “Trees cool the streets in summer.” (¶2)",
        "    - supports: **E1** · *evidence* · A 2023 survey found so — “That’s what the 2023 survey found.” (¶2)",
        "  - attacks: **O1** · *objection* · Trees cost too much — “Critics say trees cost too much” (¶3)",
    ]


def test_groups_undercuts_analyst_rows_and_markup():
    rows = [
        {"id": "T", "type": "thesis", "text": "Do *it*", "parent": "", "relation": "", "group": "", "origin": "analyst"},
        {"id": "A", "type": "claim", "text": "a_b", "parent": "T", "relation": "supports", "group": "g", "origin": "analyst"},
        {"id": "B", "type": "claim", "text": "two\nlines", "parent": "T", "relation": "supports", "group": "g", "origin": "analyst"},
        {"id": "U", "type": "objection", "text": "[no]", "parent": "A", "relation": "undercuts", "group": "", "origin": "class-a"},
    ]
    items = [ln for ln in to_markdown(ArgumentMap(rows), title="T").splitlines() if ln.lstrip().startswith("- ")]
    assert items == [
        r"- **T** · *thesis* · Do \*it\* — *added by analyst*",
        r"  - supports (together with B): **A** · *claim* · a\_b — *added by analyst*",
        r"    - undercuts the step from A to T: **U** · *objection* · \[no\] — *added by class-a*",
        r"  - supports (together with A): **B** · *claim* · two lines — *added by analyst*",
    ]


def test_every_row_appears_once_and_the_committed_outline_is_current(capsys, real_map):
    amap = real_map
    text = to_markdown(amap)
    assert sum(ln.lstrip().startswith("- ") for ln in text.splitlines()) == len(amap)
    assert (ROOT / "exports" / "claims.md").read_text(encoding="utf-8") == text, "run: make"
    assert main(["export", "--to", "markdown", str(ROOT / "claims.csv")]) == 0
    assert capsys.readouterr().out == text


def test_a_restatement_says_it_is_the_same_statement():
    from argmap import ArgumentMap
    from argmap.formats.export_markdown import to_markdown

    m = ArgumentMap(
        [
            {"id": "T", "type": "thesis", "text": "Build lanes", "parent": "", "relation": "", "origin": "analyst"},
            {"id": "O", "type": "objection", "text": "Shops lose parking", "parent": "T", "relation": "attacks", "origin": "analyst"},
            {"id": "T.r1", "type": "", "text": "", "parent": "O", "relation": "attacks", "origin": "analyst", "same_as": "T"},
        ]
    )
    lines = to_markdown(m, title="x").splitlines()
    assert lines[-1] == "    - attacks: **T.r1** · ↪ the same statement as **T** (placed first as a root) · *thesis* · Build lanes — *link added by analyst*"
