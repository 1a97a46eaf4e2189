"""Every validation rule: one invalid fixture per rule (with a valid twin), plus inline maps for the rest."""

from __future__ import annotations

import pytest
from helpers import BASE, FIXTURE_SOURCE, FIXTURES, problems, write_map

from argmap.cli import main

#: invalid fixture name -> (line, id, column, fragment of the message). Its valid twin differs only in the broken cell.
EXPECTED = {
    "duplicate-id": (6, "C1", "id", "duplicate id; first used on line 3"),
    "id-with-space": (3, "C 1", "id", "'C 1' is malformed"),
    "id-starts-with-digit": (3, "1C", "id", "'1C' is malformed"),
    "type-unknown": (3, "C1", "type", "'claimz' is not one of: thesis, claim, evidence, prediction, recommendation, assumption, objection"),
    "type-capitalised": (
        3,
        "C1",
        "type",
        "'Claim' is not one of: thesis, claim, evidence, prediction, recommendation, assumption, objection; did you mean 'claim'?",
    ),
    "type-stray-space": (
        3,
        "C1",
        "type",
        "' claim' is not one of: thesis, claim, evidence, prediction, recommendation, assumption, objection; did you mean 'claim'?",
    ),
    "relation-unknown": (3, "C1", "relation", "'support' is not one of: supports, attacks, undercuts"),
    "relation-capitalised": (3, "C1", "relation", "'Supports' is not one of: supports, attacks, undercuts; did you mean 'supports'?"),
    "parent-missing": (3, "C1", "parent", "no row has id 'T9'"),
    "parent-wrong-case": (4, "E1", "parent", "no row has id 'c1'; did you mean 'C1'?"),
    "parent-self": (3, "C1", "parent", "a row cannot be its own parent"),
    "cycle-of-two": (3, "C1", "parent", "parent links form a cycle of 2 rows: C1 → E1 → C1"),
    "root-with-relation": (2, "T1", "relation", "a root (no parent) has no relation, but this row says 'supports'"),
    "non-root-without-relation": (3, "C1", "relation", "is empty; say how this row bears on 'T1'"),
    "undercut-of-root": (3, "C1", "relation", "undercuts the inference from 'T1' to its parent, but 'T1' is a root"),
    "quote-straight-apostrophe": (
        4,
        "E1",
        "quote",
        "is not verbatim in the source: after '…That' the quote has ''' (U+0027 APOSTROPHE) where paragraph 2 has '’' (U+2019 RIGHT SINGLE QUOTATION MARK)",
    ),
    "quote-hyphen-for-dash": (5, "O1", "quote", "the quote has '-' (U+002D HYPHEN-MINUS) where paragraph 3 has '—' (U+2014 EM DASH)"),
    "quote-other-paragraph": (3, "C1", "quote", "is in paragraph 2, not in paragraph 3"),
    "paragraph-out-of-range": (3, "C1", "paragraph", "paragraph 9 does not exist; article.txt has 3"),
    "paragraph-not-number": (3, "C1", "paragraph", "'two' is not a whole number"),
    "article-without-quote": (3, "C1", "quote", "is empty; a row from the article needs the verbatim words"),
    "article-without-paragraph": (3, "C1", "paragraph", "is empty; a row from the article needs the paragraph of its quote"),
    "analyst-with-quote": (6, "A1", "quote", "a row with origin 'analyst' must not carry a quote"),
    "analyst-with-paragraph": (6, "A1", "paragraph", "is set but there is no quote"),
    "group-different-parents": (6, "A1", "group", "co-premises of group 'g1' must share one parent: 'O1' here, 'T1' on line 3"),
    "group-different-relations": (6, "A1", "group", "co-premises of group 'g1' must share one relation: 'attacks' here, 'supports' on line 3"),
    "group-on-root": (2, "T1", "group", "a root cannot be a co-premise (group 'g1')"),
    "date-not-real": (4, "E1", "date", "'2024-02-30' is not a real date"),
    "date-month-13": (4, "E1", "date", "'2024-13' is not a real date"),
    "date-malformed": (4, "E1", "date", "'2023/05' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
    "text-empty": (3, "C1", "text", "is empty but required"),
    "origin-malformed": (6, "A1", "origin", "'Analyst' is malformed"),
    "scheme-unknown": (3, "C1", "scheme", "'causal' is not one of: practical-reasoning, sign,"),
    "source-url-malformed": (6, "A1", "source_url", "'www.example.org/trees' is malformed"),
}


def _validate(capsys, path, *extra):
    code = main(["validate", str(path), "--source", str(FIXTURE_SOURCE), *extra])
    out, err = capsys.readouterr()
    return code, (err if code else out).splitlines(), out if code else err


def test_every_invalid_fixture_has_an_expectation_and_a_valid_twin():
    invalid = {p.stem for p in (FIXTURES / "invalid").glob("*.csv")}
    valid = {p.stem for p in (FIXTURES / "valid").glob("*.csv")}
    assert invalid == set(EXPECTED)
    assert valid == invalid


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_reports_its_one_problem(capsys, name):
    path = FIXTURES / "invalid" / f"{name}.csv"
    line, id_, column, fragment = EXPECTED[name]
    code, out, err = _validate(capsys, path)
    assert code == 1
    assert out[1:] == [f"{path}: 1 problem"], out
    assert out[0].startswith(f"{path}:{line}: id {id_}: {column}: "), out[0]
    assert fragment in out[0]
    assert err == ""  # stdout: nothing


#: invalid fixture name -> the stable code of its problem (what tools and tests match on; messages may be reworded).
CODES = {
    "duplicate-id": "unique", "id-with-space": "pattern", "id-starts-with-digit": "pattern", "type-unknown": "enum",
    "type-capitalised": "enum", "type-stray-space": "enum", "relation-unknown": "enum", "relation-capitalised": "enum",
    "parent-missing": "parent-missing", "parent-wrong-case": "parent-missing", "parent-self": "parent-self", "cycle-of-two": "cycle",
    "root-with-relation": "root-relation", "non-root-without-relation": "relation-missing", "undercut-of-root": "undercut-root",
    "quote-straight-apostrophe": "quote-mismatch", "quote-hyphen-for-dash": "quote-mismatch", "quote-other-paragraph": "quote-elsewhere",
    "paragraph-out-of-range": "paragraph-range", "paragraph-not-number": "integer", "article-without-quote": "quote-missing",
    "article-without-paragraph": "paragraph-missing", "analyst-with-quote": "quote-not-article", "analyst-with-paragraph": "paragraph-without-quote",
    "group-different-parents": "group-parent", "group-different-relations": "group-relation", "group-on-root": "group-root",
    "date-not-real": "date", "date-month-13": "date", "date-malformed": "date", "text-empty": "required", "origin-malformed": "pattern",
    "scheme-unknown": "enum", "source-url-malformed": "pattern",
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_fixture_problem_has_its_code_and_location(name):
    import argmap

    path = FIXTURES / "invalid" / f"{name}.csv"
    line, id_, column, _ = EXPECTED[name]
    with pytest.raises(argmap.InvalidMap) as e:
        argmap.load(path, FIXTURE_SOURCE)
    [problem] = e.value.problems
    assert (problem.code, problem.line, problem.id, problem.column) == (CODES[name], line, id_, column)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_valid_twin_passes(capsys, name):
    code, out, _ = _validate(capsys, FIXTURES / "valid" / f"{name}.csv")
    assert code == 0
    assert out[0].endswith("rows, valid")


@pytest.mark.parametrize("value", ["Claim", " claim", "claim ", "CLAIM"])
def test_type_in_other_case_or_with_spaces_is_rejected_with_a_hint_never_normalised(tmp_path, value):
    path = write_map(tmp_path, BASE.replace("C1,claim,", f'C1,"{value}",'))
    assert problems(path) == [
        f"{path}:3: id C1: type: '{value}' is not one of: thesis, claim, evidence, prediction, recommendation, assumption, objection; "
        "did you mean 'claim'? (values are lower case, with no spaces)"
    ]


def test_unrelated_unknown_type_gets_no_hint(tmp_path):
    path = write_map(tmp_path, BASE.replace("C1,claim,", "C1,premise,"))
    [p] = problems(path)
    assert "premise" in p and "did you mean" not in p


def test_a_blank_label_counts_as_empty(tmp_path):
    path = write_map(tmp_path, BASE.replace("C1,claim,Trees cool streets,", "C1,claim,   ,", 1))
    [p] = problems(path)
    assert p.endswith("id C1: text: is empty but required")


def _chain_cycle(n: int) -> str:
    rows = ["T1,thesis,Root,,,,,,analyst,,,,,"]
    rows += [f"N{i},claim,Node {i},,,N{(i + 1) % n},supports,,analyst,,,,," for i in range(n)]
    return "\n".join(rows) + "\n"


def test_cycle_of_fifty_is_one_problem_naming_its_size_and_ends(tmp_path):
    path = write_map(tmp_path, _chain_cycle(50))
    assert problems(path) == [f"{path}:3: id N0: parent: parent links form a cycle of 50 rows: N0 → N1 → N2 → N3 → … → N47 → N48 → N49 → N0"]


def test_long_cycle_is_found_without_recursion(tmp_path):
    path = write_map(tmp_path, _chain_cycle(5000))
    [p] = problems(path)
    assert "cycle of 5000 rows" in p


def test_cycle_below_a_tail_is_reported_once_at_its_first_member(tmp_path):
    rows = """\
    T1,thesis,Root,,,,,,analyst,,,,,
    A,claim,a,,,B,supports,,analyst,,,,,
    B,claim,b,,,C,supports,,analyst,,,,,
    C,claim,c,,,B,supports,,analyst,,,,,
    """
    path = write_map(tmp_path, rows)
    assert problems(path) == [f"{path}:4: id B: parent: parent links form a cycle of 2 rows: B → C → B"]


def test_quote_running_past_its_paragraph_names_the_end(tmp_path):
    path = write_map(tmp_path, BASE.replace("The town should plant more trees.", "The town should plant more trees. Now."))
    [p] = problems(path)
    assert p.startswith(f"{path}:2: id T1: quote: is not verbatim in the source")
    assert "the quote has ' ' (U+0020 SPACE) where paragraph 1 has the end of the paragraph" in p


def test_quote_with_no_matching_first_character(tmp_path):
    path = write_map(tmp_path, BASE.replace("Trees cool the streets in summer.", "«Trees cool the streets in summer.»"))
    [p] = problems(path)
    assert "its first character '«' (U+00AB LEFT-POINTING DOUBLE ANGLE QUOTATION MARK) starts no match in paragraph 2" in p


def test_quote_may_span_lines_of_one_paragraph(tmp_path):
    source = "The town should plant\nmore trees.\n"
    rows = 'T1,recommendation,Plant more trees,"The town should plant\nmore trees.",1,,,,article,,,,,\n'
    path = write_map(tmp_path, rows, source=source)
    assert problems(path) == []


def test_paragraph_zero_is_below_the_minimum(tmp_path):
    path = write_map(tmp_path, BASE.replace("summer.,2,", "summer.,0,"))
    found = problems(path)
    assert f"{path}:3: id C1: paragraph: 0 is less than 1" in found


def test_non_ascii_digits_are_not_a_paragraph_number(tmp_path):
    path = write_map(tmp_path, BASE.replace("summer.,2,", "summer.,٢,"))
    assert problems(path) == [f"{path}:3: id C1: paragraph: '٢' is not a whole number"]


@pytest.mark.parametrize("date", ["2024", "2024-02", "2024-02-29", "1999-12-31"])
def test_real_dates_pass(tmp_path, date):
    path = write_map(tmp_path, BASE.replace(",2023,", f",{date},"))
    assert problems(path) == []


@pytest.mark.parametrize("date", ["2024-02-30", "2024-13", "2024-00", "2023-02-29", "2024-04-31", "2024-1-5"])
def test_impossible_or_malformed_dates_fail(tmp_path, date):
    path = write_map(tmp_path, BASE.replace(",2023,", f",{date},"))
    [p] = problems(path)
    assert p.startswith(f"{path}:4: id E1: date: '{date}' is ")


def test_all_problems_are_reported_at_once(tmp_path, capsys):
    rows = BASE.replace("C1,claim,", "C1,claimz,").replace("C1,supports", "C9,supports").replace(",2023,", ",2024-13,")
    path = write_map(tmp_path, rows)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().err.splitlines()
    assert out == [
        f"{path}:3: id C1: type: 'claimz' is not one of: thesis, claim, evidence, prediction, recommendation, assumption, objection; did you mean 'claim'?",
        f"{path}:4: id E1: date: '2024-13' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)",
        f"{path}:4: id E1: parent: no row has id 'C9'",
        f"{path}: 3 problems",
    ]


def test_problems_are_sorted_by_line_whichever_check_found_them(tmp_path):
    # line 2: a quote problem (checked last); line 4: a tree problem; line 5: a field problem (checked first)
    rows = (
        BASE.replace("The town should plant more trees.", "The town should plant many trees.")
        .replace("C1,supports", "X1,supports")
        .replace("O1,objection", "O1,objectionn")
    )
    path = write_map(tmp_path, rows)
    lines = [int(p.split(":")[1]) for p in problems(path)]
    assert lines == [2, 4, 5]


def test_problem_lines_follow_file_lines_not_row_numbers(tmp_path):
    # a quoted newline makes C1 span lines 3-4, so E1 starts on line 5
    rows = BASE.replace("Trees cool streets,", '"Trees cool\nstreets",').replace(",2023,", ",2023-13,")
    path = write_map(tmp_path, rows)
    assert problems(path) == [f"{path}:5: id E1: date: '2023-13' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)"]


def test_parent_hint_for_a_parent_with_stray_spaces(tmp_path):
    path = write_map(tmp_path, BASE.replace("C1,supports", " C1,supports"))
    assert problems(path) == [f"{path}:4: id E1: parent: no row has id ' C1'; did you mean 'C1'?"]


def test_undercut_of_a_non_root_is_valid(tmp_path):
    rows = BASE + "U1,objection,One survey is not enough,,,E1,undercuts,,analyst,,,,,\n"
    assert problems(write_map(tmp_path, rows)) == []


def test_co_premises_with_the_same_parent_and_relation_are_valid(tmp_path):
    rows = BASE.replace("summer.,2,T1,supports,,", "summer.,2,T1,supports,g1,") + "A1,assumption,Cool streets matter,,,T1,supports,g1,analyst,,,,,\n"
    assert problems(write_map(tmp_path, rows)) == []


def test_a_group_may_be_reused_only_under_the_same_parent(tmp_path):
    rows = BASE.replace("summer.,2,T1,supports,,", "summer.,2,T1,supports,g1,").replace("found.,2,C1,supports,,", "found.,2,C1,supports,g1,")
    path = write_map(tmp_path, rows)
    assert problems(path) == [f"{path}:4: id E1: group: co-premises of group 'g1' must share one parent: 'C1' here, 'T1' on line 3"]


def test_quotes_are_not_checked_without_a_source():
    from argmap.core.table import read_rows
    from argmap.core.validate import validate

    table = read_rows(FIXTURES / "invalid" / "quote-straight-apostrophe.csv")
    assert validate(table, None) == []
