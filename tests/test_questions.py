"""questions.csv: checked like the other CSVs, picked by branch, and the one source of notebook 80's questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import run_main as run
from helpers import write_map

import argmap
from argmap import InvalidMap
from argmap.classroom.questions import KINDS, load_questions, questions_for

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id,row_ids,kind,minutes,question\n"
GOOD = """\
Q1,T1,comprehension,3,What does the town plan?
Q2,C1;E1,evaluation,5,Does the survey show that trees cool streets?
Q3,O1,perspective,4,How might a shopkeeper answer the critics?
Q4,E1,exercise,10,"Write an objection to E1, with its parent and relation."
"""


def setup(tmp_path: Path, body: str = GOOD) -> tuple[Path, Path]:
    claims = write_map(tmp_path)
    path = tmp_path / "questions.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return claims, path


def problems(path: Path, claims: Path) -> list[str]:
    with pytest.raises(InvalidMap) as e:
        load_questions(path, claims)
    return [str(p) for p in e.value.problems]


def test_valid_bank_loads_and_questions_are_picked_by_branch(tmp_path: Path) -> None:
    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    bank = load_questions(path, amap)
    assert list(bank.index) == ["Q1", "Q2", "Q3", "Q4"]
    assert bank["minutes"].tolist() == [3, 5, 4, 10]
    assert list(questions_for(bank, amap, "C1").index) == ["Q2", "Q4"]  # C1's branch holds C1 and E1
    assert list(questions_for(bank, amap, "E1").index) == ["Q2", "Q4"]
    assert list(questions_for(bank, amap, "O1").index) == ["Q3"]
    assert list(questions_for(bank, amap).index) == ["Q1", "Q2", "Q3", "Q4"]


def test_bad_questions_name_file_line_and_column(tmp_path: Path) -> None:
    bad = """\
Q1,T1,Evaluation,3,What does the town plan?
Q2,"C1, E1",evaluation,5,Does the survey show it?
Q3,c1;Z9,comprehension,4,Which rows?
Q3,T1,exercise,0,Duplicate id
q5,T1,exercise,90,Lower-case id
Q6,T1,comprehension,x,
"""
    claims, path = setup(tmp_path, bad)
    assert problems(path, claims) == [
        f"{path}:2: id Q1: kind: 'Evaluation' is not one of: comprehension, evaluation, perspective, exercise; did you mean 'evaluation'? (values are lower case, with no spaces)",
        f"{path}:3: id Q2: row_ids: 'C1, E1' is malformed; expected: Ids of the rows of claims.csv the question is about, separated by ';' without spaces (e.g. R3;C30). Each must be an id in claims.csv.",
        f"{path}:4: id Q3: row_ids: no row of claims.csv has id 'Z9'",
        f"{path}:4: id Q3: row_ids: no row of claims.csv has id 'c1'; did you mean 'C1'?",
        f"{path}:5: id Q3: id: duplicate id; first used on line 4",
        f"{path}:5: id Q3: minutes: 0 is less than 1",
        f"{path}:6: id q5: id: 'q5' is malformed; expected: Unique id: Q and a number (Q1, Q2, …).",
        f"{path}:6: id q5: minutes: 90 is more than 60",
        f"{path}:7: id Q6: minutes: 'x' is not a whole number",
        f"{path}:7: id Q6: question: is empty but required",
    ]


def test_missing_column(tmp_path: Path) -> None:
    claims = write_map(tmp_path)
    path = tmp_path / "questions.csv"
    path.write_text("id,row_ids,question\nQ1,T1,Why?\n", encoding="utf-8")
    assert problems(path, claims) == [f"{path}:1: missing column 'kind'", f"{path}:1: missing column 'minutes'"]


def test_cli_exit_codes(tmp_path: Path, capsys) -> None:
    claims, path = setup(tmp_path)
    assert run(capsys, "questions", path, "--claims", claims) == (
        0,
        f"{path}: 4 questions (1 comprehension, 1 evaluation, 1 perspective, 1 exercise; 22 minutes in all), valid\n",
        "",
    )
    assert run(capsys, "questions", path, "--claims", claims, "-q") == (0, "", "")
    path.write_text(HEADER + "Q1,T9,comprehension,3,Which?\n", encoding="utf-8")
    assert run(capsys, "questions", path, "--claims", claims) == (1, "", f"{path}:2: id Q1: row_ids: no row of claims.csv has id 'T9'\n{path}: 1 problem\n")
    assert run(capsys, "questions", path, "--bogus")[0] == 2
    code, _, err = run(capsys, "questions", tmp_path / "none.csv", "--claims", claims)
    assert code == 1 and "none.csv: file not found" in err


def test_the_real_bank_is_valid_and_covers_every_kind(real_map) -> None:
    amap = real_map
    bank = load_questions(ROOT / "questions.csv", amap)
    assert set(bank["kind"]) == set(KINDS)
    assert list(bank.index) == [f"Q{n}" for n in range(1, len(bank) + 1)]
    assert len(questions_for(bank, amap, "R3")) >= 5  # the classroom session's branch has its own questions


def test_notebook_80_reads_its_questions_from_the_bank() -> None:
    import nbformat

    nb = nbformat.read(ROOT / "notebooks" / "80-classroom-discussion-guide.ipynb", as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    source = "\n".join(c.source for c in code)
    assert 'load_questions("../questions.csv", amap)' in source
    assert "questions = pd.DataFrame" not in source and "prompts = pd.DataFrame" not in source
    shown = "".join(o.get("data", {}).get("text/html", "") for c in code for o in c.outputs)
    bank = load_questions(ROOT / "questions.csv")
    assert all(f"<th>{q}</th>" in shown for q in bank.index[bank["kind"] == "perspective"])  # the executed notebook shows every prompt


def test_datapackage_lists_the_bank_with_its_schema() -> None:
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in package["resources"]}
    assert by_name["questions"]["path"] == "questions.csv" and by_name["questions"]["schema"] == "argmap/schemas/questions.json"
    assert by_name["classroom-ratings"]["schema"] == "argmap/schemas/ratings.json"
    for r in package["resources"]:
        assert (ROOT / r["path"]).exists() and ("schema" not in r or (ROOT / r["schema"]).exists())


def test_every_branch_figure_has_at_least_two_questions() -> None:
    amap = argmap.load(ROOT / "claims.csv")
    bank = load_questions(ROOT / "questions.csv", amap)
    branches = sorted(p.stem.removeprefix("branch-") for p in (ROOT / "figures").glob("branch-*.svg"))
    assert branches
    few = {b: len(questions_for(bank, amap, b)) for b in branches if b in amap and len(questions_for(bank, amap, b)) < 2}
    assert not few, f"branches with fewer than two questions: {few}"


def test_no_question_needs_a_terminal() -> None:
    bank = load_questions(ROOT / "questions.csv")
    needs = bank[bank["question"].str.contains(r"argmap |\.csv|\.venv|terminal|command|--with", regex=True)]
    assert needs.empty, f"questions that need a terminal: {list(needs.index)}"


def test_the_bank_is_ordered_by_lesson_phase() -> None:
    from argmap.core.schema import schema

    bank = load_questions(ROOT / "questions.csv")
    phases = list(schema("questions").field("phase").enum or ())
    assert (bank["phase"] != "").all(), "every question has a lesson phase"
    order = [phases.index(p) for p in bank["phase"]]
    assert order == sorted(order), "questions.csv is kept in lesson order: reading, mapping, perspectives, groups, rating, wrap-up"
    assert list(bank.index) == [f"Q{n}" for n in range(1, len(bank) + 1)], "numbered in lesson order"
