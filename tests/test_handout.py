"""argmap handout: a PDF (or self-contained HTML) with the branch drawn to read on the page, its quotes, its questions and an exercise sheet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import run_main as run
from helpers import write_map
from pypdf import PdfReader

from argmap.classroom.handout import map_parts
from argmap.classroom.handout_layout import EXERCISE_COLUMNS, EXERCISE_LABELS, MIN_SCALE

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = """\
id,row_ids,kind,minutes,question
Q1,T1,comprehension,3,What does the town plan?
Q2,C1;E1,evaluation,5,Does the survey show that trees cool streets?
Q3,O1,perspective,4,How might a shopkeeper answer the critics?
Q4,E1,exercise,10,Write an objection to the survey row.
"""


def setup(tmp_path: Path, questions: str | None = QUESTIONS) -> Path:
    claims = write_map(tmp_path)
    if questions is not None:
        (tmp_path / "questions.csv").write_text(questions, encoding="utf-8")
    return claims


def pages_text(path: Path) -> list[str]:
    return [" ".join(p.extract_text().split()) for p in PdfReader(path).pages]


def test_pdf_of_a_branch_has_its_map_quotes_questions_and_sheet(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path)
    out = tmp_path / "handout-C1.pdf"
    code, stdout, err = run(capsys, "handout", "--claims", claims, "--branch", "C1", "-o", out)
    assert code == 0, err
    assert stdout == f"{out}: written (1 map drawing, 2 quotes, 2 questions)\n"
    reader = PdfReader(out)
    assert len(reader.pages) == 3
    assert len(reader.pages[0].images) == 2  # the key and the drawing of the branch
    first, words, sheet = pages_text(out)
    assert "Branch C1: Trees cool streets" in first and "Map, part 1 of 1." in first and "page 1" in first
    assert "“Trees cool the streets in summer.”" in words and "“That’s what the 2023 survey found.”" in words and "¶2" in words
    assert "The town should plant more trees." not in words and "Critics say" not in words  # quotes outside the branch stay out
    assert "Questions (2, about 15 minutes)" in words
    assert "Does the survey show that trees cool streets?" in words and "Write an objection to the survey row." in words
    assert "What does the town plan?" not in words
    assert "Exercise sheet: your group's rows" in sheet
    assert "linked with (group)" in sheet and "your group (origin)" in sheet  # students' labels, the file's column beneath
    assert sheet.count("supports · attacks · undercuts") == 12  # the choices are pre-filled, to circle
    assert float(reader.pages[2].mediabox.width) > float(reader.pages[2].mediabox.height)  # the sheet is landscape
    assert reader.metadata.title == "Branch C1: Trees cool streets"


def test_whole_map_by_default_and_letter_paper(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path)
    out = tmp_path / "handout.pdf"
    assert run(capsys, "handout", "--claims", claims, "--paper", "letter", "-o", out)[0] == 0
    reader = PdfReader(out)
    assert {tuple(sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height))))) for p in reader.pages} == {(612, 792)}
    words = pages_text(out)[-2]
    assert all(q in words for q in ("The town should plant more trees.", "Critics say trees cost too much", "What does the town plan?"))


def test_same_input_same_pdf(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path)
    out = tmp_path / "h.pdf"
    assert run(capsys, "handout", "--claims", claims, "-o", out)[0] == 0
    first = out.read_bytes()
    code, stdout, _ = run(capsys, "handout", "--claims", claims, "-o", out)
    assert code == 0 and stdout.startswith(f"{out}: unchanged") and out.read_bytes() == first
    assert not re.search(rb"/CreationDate \(D:20[1-9]", first)  # no build date in the file


def test_html_is_self_contained_and_holds_the_same_content(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path)
    out = tmp_path / "h.html"
    assert run(capsys, "handout", "--claims", claims, "--branch", "C1", "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "<svg" in html and "@page" in html
    assert not re.search(r"<script|<link|<img|src=|href=\"http|url\(", html)  # nothing loaded from elsewhere
    assert "<q>Trees cool the streets in summer.</q>" in html and "<q>The town should plant more trees.</q>" not in html
    assert "Does the survey show that trees cool streets?" in html and "What does the town plan?" not in html
    assert "".join(f"<th>{EXERCISE_LABELS[c]}<br><small>({c})</small></th>" for c in EXERCISE_COLUMNS) in html
    assert html.count("<td><small>supports · attacks · undercuts</small></td>") == 12


def test_without_a_question_bank_the_handout_says_so(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path, questions=None)
    out = tmp_path / "h.pdf"
    code, stdout, _ = run(capsys, "handout", "--claims", claims, "-o", out)
    assert code == 0 and stdout.endswith("no question bank)\n")
    assert "Questions" not in " ".join(pages_text(out))


def test_exit_codes(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path)
    code, _, err = run(capsys, "handout", "--claims", claims, "--branch", "Z9", "-o", tmp_path / "x.pdf")
    assert code == 2 and "--branch Z9: no row has this id" in err
    assert run(capsys, "handout", "--claims", claims, "-o", tmp_path / "x.txt")[0] == 2
    assert run(capsys, "handout", "--claims", claims, "--paper", "a5")[0] == 2
    (tmp_path / "questions.csv").write_text(QUESTIONS.replace("Q2,C1;E1", "Q2,C1;Z9"), encoding="utf-8")
    code, _, err = run(capsys, "handout", "--claims", claims, "-o", tmp_path / "x.pdf")
    assert code == 1 and f"{tmp_path / 'questions.csv'}:3: id Q2: row_ids: no row of claims.csv has id 'Z9'" in err
    assert not (tmp_path / "x.pdf").exists()


def test_the_whole_map_is_cut_into_drawings_that_read_on_the_page(real_map) -> None:
    amap = real_map
    parts = map_parts(amap)
    assert {i for p in parts for i in p.ids} == set(amap.ids)  # every row is drawn somewhere
    assert all(p.scale >= MIN_SCALE for p in parts), [(p.root, round(p.scale, 2)) for p in parts]
    assert len(parts) > len(amap.roots())  # the big branches were cut
    assert [p.root for p in map_parts(amap, "R3")] == ["R3"]


def test_the_committed_example_handout_is_the_r3_branch() -> None:
    words = " ".join(pages_text(ROOT / "examples" / "classroom" / "handout-R3.pdf"))
    assert "“Armenia should refuse to sign an ambiguous framework agreement”" in words and "¶11" in words
    assert "Q20" in words and "Lesson 1 · mapping" in words and "Exercise sheet" in words


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_sizes_fit_the_page(paper: str) -> None:
    from argmap.classroom.handout_layout import HEADER, MARGIN, PAPER, fit

    w, h = PAPER[paper]
    landscape, scale = fit(2000, 500, paper)
    assert landscape and scale == pytest.approx((h - 2 * MARGIN) / 2000)
    landscape, scale = fit(400, 1600, paper)
    assert not landscape and scale == pytest.approx((h - 2 * MARGIN - HEADER) / 1600)


PHASED = """\
id,row_ids,kind,minutes,phase,question
Q1,C1,comprehension,3,reading,What does C1 say?
Q2,E1,exercise,10,groups,Write an objection to the survey row.
Q3,T1,evaluation,4,mapping,Is the thesis well supported?
"""


def test_questions_come_under_their_lesson_phase_and_empty_sections_are_left_out(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path, PHASED)
    out = tmp_path / "h.html"
    assert run(capsys, "handout", "--claims", claims, "--branch", "C1", "-o", out)[0] == 0
    html = out.read_text(encoding="utf-8")
    assert re.findall(r"<h3>(.*?)</h3>", html) == ["Lesson 1 · reading", "Lesson 2 · your group&#x27;s rows"]  # no empty 'mapping' heading
    no_questions = setup(tmp_path, PHASED.replace("C1,comprehension", "T1,comprehension").replace("E1,exercise", "T1,exercise"))
    code, stdout, _ = run(capsys, "handout", "--claims", no_questions, "--branch", "C1", "-o", out)
    assert code == 0 and stdout.endswith("0 questions)\n")
    assert "Questions" not in out.read_text(encoding="utf-8")  # no "Questions (0, about 0 minutes)"
    pdf = tmp_path / "h.pdf"
    assert run(capsys, "handout", "--claims", no_questions, "--branch", "C1", "-o", pdf)[0] == 0
    assert "Questions" not in " ".join(pages_text(pdf))


def test_a_groups_sheet_is_pre_filled_with_its_name_and_ids(tmp_path: Path, capsys) -> None:
    claims = setup(tmp_path)
    out = tmp_path / "h.pdf"
    assert run(capsys, "handout", "--claims", claims, "--branch", "C1", "--group", "group-b", "-o", out)[0] == 0
    sheet = pages_text(out)[-1]
    assert "Your group: group-b" in sheet and "GB1" in sheet and "GB12" in sheet and sheet.count("group-b") == 13
    code, _, err = run(capsys, "handout", "--claims", claims, "--group", "Group B", "-o", out)
    assert code == 2 and "e.g. 'group-b'" in err
