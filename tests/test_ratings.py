"""ratings.csv: problems named by file, line and column; aggregation checked by hand; no rater names unless asked; exit codes."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from helpers import BASE, write_map
from helpers import run_main as run

import argmap
from argmap import InvalidMap
from argmap.classroom.ratings import accepted_objections, aggregate, class_verdict, disagreement, load_ratings, most_contested, outcome
from argmap.classroom.ratings_report import contested_chart, verdict_dot, write_report
from argmap.cli import main

#: BASE plus an analyst's objection to C1 (line 6), so the class has an outside objection to accept.
ROWS = BASE + "O2,objection,Shade from trees is patchy,,,C1,attacks,,analyst,,,,,\n"
GROUP = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url\nGA1,objection,Roots damage pavements,,,C1,attacks,,group-a,,,,,\n"
HEADER = "rater,id,verdict,strength,comment\n"
#: Hand-computed below. T1: 2 accept, 1 reject, 1 unsure; O2: 2 accept, 1 reject; E1: 2 accept. Rater names are unusual on purpose.
GOOD = """\
zephyrine,T1,accept,4,
quillon,T1,accept,2,
marrowby,T1,reject,3,too costly for the town
ottaline,T1,unsure,5,
zephyrine,O2,accept,4,shade varies by street
quillon,O2,accept,3,
marrowby,O2,reject,1,
zephyrine,E1,accept,5,
quillon,E1,accept,3,
"""
NAMES = ("zephyrine", "quillon", "marrowby", "ottaline")


def setup(tmp_path: Path, ratings: str = GOOD) -> tuple[Path, Path]:
    claims = write_map(tmp_path, ROWS)
    path = tmp_path / "ratings.csv"
    path.write_text(HEADER + ratings, encoding="utf-8")
    return claims, path


def test_aggregation_matches_the_numbers_worked_by_hand(tmp_path: Path) -> None:
    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    table = aggregate(load_ratings(path, amap), amap)
    assert list(table.index) == ["T1", "E1", "O2"]  # map order, not file order
    t1, o2, e1 = table.loc["T1"], table.loc["O2"], table.loc["E1"]
    assert (t1["raters"], t1["accept"], t1["reject"], t1["unsure"]) == (4, 2, 1, 1)
    assert t1["accepting"] == pytest.approx(2 / 4) and t1["mean strength"] == pytest.approx((4 + 2 + 3 + 5) / 4)
    assert t1["disagreement"] == pytest.approx(2 * 1 / 4) and t1["class verdict"] == "split"  # 2 of 4 is not more than half
    assert o2["accepting"] == pytest.approx(2 / 3) and o2["mean strength"] == pytest.approx(8 / 3)
    assert o2["disagreement"] == pytest.approx(2 * 1 / 3) and o2["class verdict"] == "accept"
    assert e1["disagreement"] == 0 and e1["class verdict"] == "accept"
    assert most_contested(table, 5) == ["O2", "T1"]  # E1 has no dissent, so it is not contested
    assert most_contested(table, 1) == ["O2"]


@pytest.mark.parametrize(
    ("a", "r", "u", "d", "verdict"),
    [(6, 6, 0, 1.0, "split"), (12, 0, 0, 0.0, "accept"), (1, 1, 10, 2 / 12, "split"), (0, 7, 1, 0.0, "reject"), (5, 3, 0, 6 / 8, "accept")],
)
def test_disagreement_and_class_verdict(a: int, r: int, u: int, d: float, verdict: str) -> None:
    assert disagreement(a, r, u) == pytest.approx(d)
    assert class_verdict(a, r, u) == verdict


def test_the_objections_the_class_accepts_decide_the_grounded_outcome(tmp_path: Path) -> None:
    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    table = aggregate(load_ratings(path, amap), amap)
    assert accepted_objections(table, amap) == ["O2"]  # O1 is the article's own row: it is always in the framework
    result = outcome(amap, table)
    assert result.loc["C1", "without class objections"] == "stands" and result.loc["C1", "with accepted objections"] == "falls"
    assert result.loc["C1", "why"] == "defeated by O2"  # which row defeats it
    assert result.loc["O2", "without class objections"] == "left out" and result.loc["O2", "with accepted objections"] == "stands"
    assert list(result.index[result["changed"]]) == ["C1", "O2"]
    assert set(result["with accepted objections"]) <= {"stands", "falls", "undecided", "left out"}


def problems(path: Path, amap: argmap.ArgumentMap) -> list[str]:
    with pytest.raises(InvalidMap) as e:
        load_ratings(path, amap)
    return [str(p) for p in e.value.problems]


def test_bad_ratings_name_file_line_and_column(tmp_path: Path) -> None:
    bad = """\
zephyrine,T1,Accept,4,
quillon,T1,accept,7,
marrowby,c1,accept,3,
zephyrine,T1,reject,2,changed my mind
,E1,unsure,x,
ottaline,E1,maybe,0,
"""
    claims, path = setup(tmp_path, bad)
    found = problems(path, argmap.load(claims))
    assert found == [
        f"{path}:2: verdict: 'Accept' is not one of: accept, reject, unsure; did you mean 'accept'? (values are lower case, with no spaces)",
        f"{path}:3: strength: 7 is more than 5",
        f"{path}:4: id: no row of claims.csv (or of the groups' files) has id 'c1'; did you mean 'C1'?",
        f"{path}:5: id: this rater already rated T1 on line 2; keep one rating per rater and row",
        f"{path}:6: rater: is empty but required",
        f"{path}:6: strength: 'x' is not a whole number",
        f"{path}:7: strength: 0 is less than 1",
        f"{path}:7: verdict: 'maybe' is not one of: accept, reject, unsure",
    ]
    assert not [n for n in NAMES if n in " ".join(found)]  # messages give lines, not raters


def test_missing_column_and_empty_file(tmp_path: Path) -> None:
    claims = write_map(tmp_path, ROWS)
    amap = argmap.load(claims)
    path = tmp_path / "ratings.csv"
    path.write_text("rater,id,strength\nann,T1,4\n", encoding="utf-8")
    assert problems(path, amap) == [f"{path}:1: missing column 'verdict'"]
    path.write_text(HEADER, encoding="utf-8")
    assert problems(path, amap) == [f"{path}: file has a header but no rows"]


def test_group_rows_can_be_rated_only_with_their_file(tmp_path: Path, capsys) -> None:
    claims, path = setup(tmp_path, GOOD + "ottaline,GA1,accept,4,\n")
    group = tmp_path / "group-a.csv"
    group.write_text(GROUP, encoding="utf-8")
    code, _, err = run(capsys, "ratings", path, "--claims", claims, "-o", tmp_path / "out")
    assert code == 1 and f"{path}:11: id: no row of claims.csv (or of the groups' files) has id 'GA1'" in err
    assert not (tmp_path / "out").exists()  # nothing is written when the ratings are invalid
    code, out, _ = run(capsys, "ratings", path, "--claims", claims, "--with", group, "-o", tmp_path / "out")
    assert code == 0, out
    assert "objections the class accepted: O2, GA1" in out
    assert "GA1,objection,group-a" in (tmp_path / "out" / "rows.csv").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, Path, Path, int, str, str]:
    """``argmap ratings`` run once on setup()'s files, for the two tests below that read what it wrote and said:
    (claims, ratings, the folder it wrote, exit code, stdout, stderr). The tests write nothing into its files."""
    folder = tmp_path_factory.mktemp("ratings")
    claims, path = setup(folder)
    out_dir = folder / "results"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["ratings", str(path), "--claims", str(claims), "-o", str(out_dir)])
    return claims, path, out_dir, code, out.getvalue(), err.getvalue()


def test_cli_writes_every_output_and_exit_codes(tmp_path: Path, capsys, written) -> None:
    claims, path, out_dir, code, out, err = written
    assert code == 0, err
    assert out.splitlines()[:3] == [
        f"{path}: 9 ratings of 3 rows by 4 raters, valid",
        "most contested: O2 (0.67), T1 (0.50)",
        "objections the class accepted: O2; statements whose outcome then changes: C1 (stands → falls: defeated by O2)",
    ]
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == [
        "comments.csv",
        "contested.png",
        "contested.svg",
        "outcome-map.png",
        "outcome-map.svg",
        "outcome.csv",
        "rows.csv",
        "verdict-map.png",
        "verdict-map.svg",
    ]
    assert (out_dir / "rows.csv").read_text(encoding="utf-8").splitlines()[1] == "T1,recommendation,article,Plant more trees,4,2,1,1,0.500,3.500,0.500,split"
    code, out, _ = run(capsys, "ratings", path, "--claims", claims, "-o", out_dir)
    assert code == 0 and out.splitlines()[-1] == f"{out_dir}: 0 written, 9 unchanged"  # the same input gives the same files
    assert run(capsys, "ratings", path, "--claims", claims, "--format", "gif")[0] == 2
    assert run(capsys, "ratings", path, "--claims", claims, "--root", "Z9")[0] == 2
    assert run(capsys, "ratings")[0] == 2
    bad = tmp_path / "ratings.csv"
    bad.write_text(HEADER + "ann,T1,yes,3,\n", encoding="utf-8")
    code, out, err = run(capsys, "ratings", bad, "--claims", claims, "-o", tmp_path / "other")
    assert code == 1 and out == "" and err == f"{bad}:2: verdict: 'yes' is not one of: accept, reject, unsure\n{bad}: 1 problem\n"


def test_no_rater_name_in_any_output_unless_asked(tmp_path: Path, capsys, written) -> None:
    claims, path, hidden, code, out, err = written
    shown = tmp_path / "shown"
    assert code == 0
    for f in hidden.iterdir():
        data = f.read_bytes().lower()
        assert not [n for n in NAMES if n.encode() in data], f.name
    assert not [n for n in NAMES if n in out + err]
    comments = (hidden / "comments.csv").read_text(encoding="utf-8")
    assert comments.splitlines() == ["id,verdict,strength,comment", "T1,reject,3,too costly for the town", "O2,accept,4,shade varies by street"]
    assert run(capsys, "ratings", path, "--claims", claims, "-o", shown, "--show-raters")[0] == 0
    assert (shown / "comments.csv").read_text(encoding="utf-8").splitlines()[1] == "marrowby,T1,reject,3,too costly for the town"
    assert (shown / "raters.csv").read_text(encoding="utf-8").splitlines()[1:] == [
        "marrowby,2,0,2,0,2.000",
        "ottaline,1,0,0,1,5.000",
        "quillon,3,3,0,0,2.667",
        "zephyrine,3,3,0,0,4.333",
    ]


def _nodes(dot: str) -> dict[str, str]:
    """Each node's attribute line of a DOT text, by id (the legend's swatches under their __legend names)."""
    return {line.split(" [")[0].strip().strip('"'): line for line in dot.splitlines() if line.startswith("  ") and " [" in line and " -> " not in line}


def test_verdict_map_marks_each_verdict_with_words_and_counts_and_the_most_contested(tmp_path: Path) -> None:
    from argmap.draw.style import CONTESTED, MARKS, NODE, PALETTE

    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    table = aggregate(load_ratings(path, amap), amap)
    dot = verdict_dot(amap, table, top=1)
    node = _nodes(dot)
    assert "class split: ✓ 2 · ✗ 1 · ? 1" in node["T1"] and "class accepts: ✓ 2 · ✗ 1 · ? 0" in node["O2"]  # badge lines
    assert "class accepts: ✓ 2 · ✗ 0 · ? 0" in node["E1"] and "class" not in node["C1"].split("label=")[1].split('"')[1]  # C1: not rated
    assert f'fillcolor="{MARKS["split"]["fillcolor"]}"' in node["T1"] and f'fillcolor="{MARKS["holds"]["fillcolor"]}"' in node["O2"]
    assert f'fontcolor="{MARKS["faded"]["fontcolor"]}"' in node["C1"]
    type_fills = {fill for _, fill in PALETTE.values()}
    assert not {m.get("fillcolor") for m in MARKS.values()} & type_fills  # verdicts never reuse the row-type fills
    assert 'shape="octagon"' in node["O2"] and f'shape="{NODE["recommendation"]["shape"]}"' in node["T1"]  # the type's shape stays
    assert f'penwidth="{CONTESTED["penwidth"]}"' in node["O2"] and dot.count(f'penwidth="{CONTESTED["penwidth"]}"') == 2  # O2 and its swatch
    legend = [line for name, line in node.items() if name.startswith("__legend_key")]
    assert [line.split('label="')[1].split('"')[0] for line in legend] == [
        "class accepts (more than half)",
        "class split (no majority)",
        "not rated",
        "thick border: the 1 most contested",
        "✓ accept · ✗ reject · ? unsure:\\nhow many raters",
    ]  # only what is drawn: no "class rejects"
    import argmap.classroom.ratings_report as report

    assert not hasattr(report, "mark")  # the DOT builder draws the marks; no DOT text is patched afterwards


def test_outcome_map_says_what_stands_what_falls_and_what_defeats_it(tmp_path: Path) -> None:
    from argmap.classroom.ratings_report import outcome_dot
    from argmap.draw.style import MARKS

    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    node = _nodes(outcome_dot(amap, aggregate(load_ratings(path, amap), amap)))
    assert "\\nfalls: defeated by O2\\n(was:\u00a0stands)" in node["C1"] and f'fillcolor="{MARKS["falls"]["fillcolor"]}"' in node["C1"]
    assert "\\nfalls: defeated by O1" in node["T1"] and "\\nstands" in node["O2"] and "\\nstands" in node["O1"]
    legend = [line.split('label="')[1].split('"')[0] for name, line in node.items() if name.startswith("__legend_key")]
    assert legend == ["stands", "falls (the badge says\\nwhat defeats it)"]  # only what is drawn: nothing undecided or left out
    assert "in (accepted)" not in str(node) and "out (defeated)" not in str(node)


def test_contested_chart_lists_the_most_contested_first(tmp_path: Path) -> None:
    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    fig = contested_chart(aggregate(load_ratings(path, amap), amap))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["O2 · Shade from trees is patchy", "T1 · Plant more trees"]
    assert [t.get_text() for t in fig.axes[1].get_yticklabels()] == ["0.67 · 2.7", "0.50 · 3.5"]


def test_report_writes_only_into_its_folder(tmp_path: Path) -> None:
    claims, path = setup(tmp_path)
    amap = argmap.load(claims)
    written = write_report(amap, load_ratings(path, amap), tmp_path / "r", ["svg"])
    assert all(p.parent == tmp_path / "r" for p in written) and all(written.values())


def test_the_classroom_example_aggregates() -> None:
    root = Path(__file__).resolve().parents[1]
    groups = [root / "examples" / "classroom" / f"group-{g}.csv" for g in "ab"]
    amap = argmap.load(root / "claims.csv", overlays=groups)
    ratings = load_ratings(root / "examples" / "classroom" / "ratings.csv", amap)
    table = aggregate(ratings, amap)
    assert ratings["rater"].nunique() == 12 and len(table) == 11
    assert accepted_objections(table, amap) == ["GB1"]
    assert outcome(amap, table).loc["R3", ["without class objections", "with accepted objections"]].tolist() == ["falls", "stands"]


WIDE = """\
rater,T1 · Towns should build bike lanes,O2,E1
zephyrine,accept 4,Accept (4),a5
quillon,accept 2,accept 3,accept 3
marrowby,reject 3,reject 1,
ottaline,unsure,,
"""


def test_a_wide_sheet_gives_the_same_ratings_as_the_long_layout(tmp_path: Path) -> None:
    claims, long = setup(
        tmp_path, GOOD.replace("ottaline,T1,unsure,5,", "ottaline,T1,unsure,,").replace(",too costly for the town", ",").replace(",shade varies by street", ",")
    )
    wide = tmp_path / "sheet.csv"
    wide.write_text(WIDE, encoding="utf-8")
    amap = argmap.load(claims)
    a, b = aggregate(load_ratings(long, amap), amap), aggregate(load_ratings(wide, amap), amap)
    assert a.equals(b) and a.loc["T1", "raters"] == 4
    assert a.loc["T1", "mean strength"] == pytest.approx((4 + 2 + 3) / 3)  # the unsure rating without a strength counts among raters only


def test_a_form_export_in_the_wide_shape_is_read(tmp_path: Path) -> None:
    claims = write_map(tmp_path, ROWS)
    amap = argmap.load(claims)
    form = tmp_path / "form.csv"
    form.write_text(
        "\ufeffTimestamp,Your pseudonym,Rate each row [T1],Rate each row [E1 · the count]\n"
        "2026/11/30 10:01:02,heron,Accept 4,unsure\n2026/11/30 10:01:09,otter,reject 2,\n",
        encoding="utf-8",
    )
    df = load_ratings(form, amap)
    assert df[["rater", "id", "verdict"]].values.tolist() == [["heron", "T1", "accept"], ["heron", "E1", "unsure"], ["otter", "T1", "reject"]]
    assert df["strength"].isna().tolist() == [False, True, False]


def test_bad_cells_of_a_wide_sheet_name_line_and_column(tmp_path: Path) -> None:
    claims = write_map(tmp_path, ROWS)
    amap = argmap.load(claims)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("rater,T1,O2\nheron,acept 3,accept\notter,reject 9,unsure\n", encoding="utf-8")
    assert problems(sheet, amap) == [
        f"{sheet}:2: column O2: 'accept' needs a strength from 1 to 5 after it (e.g. 'accept 4'); only 'unsure' may go without",
        f"{sheet}:2: column T1: 'acept 3' is not a rating: write accept, reject or unsure, then a strength from 1 to 5 (e.g. 'accept 4'); did you mean 'accept'?",
        f"{sheet}:3: column T1: 'reject 9': the strength must be from 1 to 5",
    ]
    sheet.write_text("rater,T1,c1\nheron,accept 3,\n", encoding="utf-8")
    assert problems(sheet, amap) == [f"{sheet}:1: column 'c1': no row has id 'c1'; did you mean 'C1'?"]


def test_strength_is_optional_only_for_unsure(tmp_path: Path) -> None:
    claims, path = setup(tmp_path, "heron,T1,unsure,,\notter,T1,accept,,\n")
    assert problems(path, argmap.load(claims)) == [f"{path}:3: strength: is empty; give a strength from 1 to 5 (only 'unsure' may go without) for T1"]


def test_template_writes_the_empty_sheet_and_never_replaces_ratings(tmp_path: Path, capsys) -> None:
    claims = write_map(tmp_path, ROWS)
    group = tmp_path / "group-a.csv"
    group.write_text(GROUP, encoding="utf-8")
    sheet = tmp_path / "sheet.csv"
    code, out, err = run(capsys, "ratings", "--template", "--claims", claims, "--with", group, "--branch", "C1", "--raters", "2", "-o", sheet)
    assert code == 0, err
    lines = sheet.read_text(encoding="utf-8").splitlines()
    assert [h.split(" · ")[0] for h in lines[0].split(",")] == ["rater", "C1", "E1", "O2", "GA1"]
    assert lines[1:] == ["r01,,,,", "r02,,,,"]
    amap = argmap.load(claims, overlays=[group])
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("r01,,,,", "r01,accept 4,,unsure,reject 1"), encoding="utf-8")
    assert len(load_ratings(sheet, amap)) == 3  # the filled template reads back
    code, _, err = run(capsys, "ratings", "--template", "--claims", claims, "-o", sheet)
    assert code == 1 and "exists and may hold ratings; not overwritten" in err and "accept 4" in sheet.read_text(encoding="utf-8")


def test_ratings_of_group_rows_without_their_files_say_to_pass_with(tmp_path: Path, capsys) -> None:
    claims, path = setup(tmp_path, GOOD + "ottaline,GA1,accept,4,\n")
    code, _, err = run(capsys, "ratings", path, "--claims", claims, "-o", tmp_path / "out")
    assert code == 1 and "if it is a row of a group's file, pass that file with --with" in err
    root = Path(__file__).resolve().parents[1]  # the real map has an A1, one letter from GA1: the hint is still --with
    code, _, err = run(capsys, "ratings", root / "examples" / "classroom" / "ratings.csv", "--claims", root / "claims.csv", "-o", tmp_path / "o2")
    assert code == 1 and "has id 'GA1'; if it is a row of a group's file, pass that file with --with" in err and "did you mean 'A1'" not in err
    path.write_text(HEADER + "ottaline,t1,accept,4,\n", encoding="utf-8")
    assert "has id 't1'; did you mean 'T1'?" in run(capsys, "ratings", path, "--claims", claims, "-o", tmp_path / "out")[2]


def test_the_summary_names_a_restated_statement_once(tmp_path: Path, capsys, recwarn) -> None:
    """Accepting O4 brings down C20, which the article's map draws three times (C20, C20.r1, C20.r2): the summary says C20 once.
    No row is contested, and the contested chart says so without matplotlib warnings on the terminal."""
    root = Path(__file__).resolve().parent.parent
    sheet = tmp_path / "ratings.csv"
    sheet.write_text("rater,id,verdict,strength,comment\n" + "".join(f"r{n},O4,accept,4,\n" for n in range(3)), encoding="utf-8")
    code, out, err = run(capsys, "ratings", sheet, "--claims", root / "claims.csv", "-o", tmp_path / "out")
    assert code == 0, err
    summary = next(line for line in out.splitlines() if line.startswith("objections the class accepted: O4"))
    assert "C20 (stands → falls" in summary and "C20.r" not in summary
    assert "most contested: none" in out and not [str(w.message) for w in recwarn if issubclass(w.category, UserWarning)]
