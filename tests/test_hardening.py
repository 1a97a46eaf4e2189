"""Hostile and careless input that validates or should not (issue 14 items 3–6, 9, 10, 12–14): no crash, no raw escapes, no collisions."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from helpers import BASE, run_main, write_map

import argmap
from argmap.core.model import ArgumentMap

HUGE = "x " * 10_000  # 20,000 characters: over Graphviz's 16,384-byte limit on a quoted string
RATING_HEADER = "rater,id,verdict,strength,comment\n"


def _ratings(folder: Path, rows: str) -> Path:
    path = folder / "ratings.csv"
    path.write_text(RATING_HEADER + rows, encoding="utf-8")
    return path


# --- item 3: a cell over 16 KB


def test_a_cell_over_16_kb_is_drawn_by_every_command_with_its_tooltip_cut(tmp_path, capsys):
    claims = write_map(tmp_path, BASE + f"O2,objection,{HUGE},,,C1,attacks,,analyst,,,,,\n")
    code, _, err = run_main(capsys, "render", claims, "-o", tmp_path / "fig", "--format", "svg")
    assert code == 0, err
    svg = (tmp_path / "fig" / "map.svg").read_text(encoding="utf-8")
    assert "… (shortened; 20,000 characters in all)" in svg
    code, _, err = run_main(capsys, "handout", "--claims", claims, "-o", tmp_path / "h.html", "-q")
    assert code == 0, err
    ratings = _ratings(tmp_path, "ann,O2,reject,3,\nbob,O2,accept,4,\n")
    code, _, err = run_main(capsys, "ratings", ratings, "--claims", claims, "-o", tmp_path / "r", "--format", "svg", "-q")
    assert code == 0, err
    assert "shortened" in (tmp_path / "r" / "verdict-map.svg").read_text(encoding="utf-8")


# --- item 4: "$" is a dollar sign wherever matplotlib draws text


DOLLARS = "Lanes cost $5 million, not $10 million"
BROKEN_TEX = r"Price $\foo{$ here"


def _texts(fig) -> list:
    from matplotlib.text import Text

    fig.canvas.draw() if hasattr(fig.canvas, "draw") else None
    return [t for t in fig.findobj(Text) if t.get_text()]


def _assert_plain(fig, *wanted: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if fig.canvas is None or not hasattr(fig.canvas, "draw"):
        FigureCanvasAgg(fig)
    fig.canvas.draw()
    shown = []
    for t in _texts(fig):
        s, math = t._preprocess_math(t.get_text())
        assert math is False, t.get_text()
        shown.append(s)
    for w in wanted:
        assert any(w in s for s in shown), (w, shown)


def _dollar_map(tmp_path: Path) -> Path:
    rows = BASE.replace("C1,claim,Trees cool streets,", f'C1,claim,"{DOLLARS}",').replace("E1,evidence,A 2023 survey found so,", f'E1,evidence,"{BROKEN_TEX}",')
    return write_map(tmp_path, rows)


def test_dollar_signs_are_text_in_the_structure_charts(tmp_path):
    from argmap.draw.charts import dated_evidence_timeline, evidence_beneath_claims

    amap = argmap.load(_dollar_map(tmp_path))
    _assert_plain(evidence_beneath_claims(amap), DOLLARS[:20])
    _assert_plain(dated_evidence_timeline(amap), "Price $")


def test_dollar_signs_are_text_in_the_contested_chart_and_timeline(tmp_path):
    import pandas as pd

    from argmap.classroom.ratings_report import contested_chart
    from argmap.draw.timeline import timeline_figure

    table = pd.DataFrame(
        {
            "text": [DOLLARS, BROKEN_TEX],
            "accept": [1, 1],
            "unsure": [0, 0],
            "reject": [1, 1],
            "raters": [2, 2],
            "disagreement": [1.0, 1.0],
            "mean strength": [3.0, 3.0],
        },
        index=["C1", "E1"],
    )
    _assert_plain(contested_chart(table), "Lanes cost $5")
    events = pd.DataFrame(
        {
            "date": ["2023-05-01", "2023-06"],
            "event": [DOLLARS, BROKEN_TEX],
            "kind": ["cited", "later"],
            "start": pd.to_datetime(["2023-05-01", "2023-06-01"]),
            "end": pd.to_datetime(["2023-05-01", "2023-06-30"]),
        }
    )
    try:
        fig = timeline_figure(events)
    except (KeyError, TypeError) as e:  # the frame's columns are load_events' own; say so rather than pass silently
        pytest.fail(f"timeline_figure needs other columns: {e}")
    _assert_plain(fig, "Lanes cost $5")


def test_broken_tex_crashes_no_command(tmp_path, capsys):
    claims = _dollar_map(tmp_path)
    code, _, err = run_main(capsys, "charts", claims, "-o", tmp_path / "charts")
    assert code == 0, err
    ratings = _ratings(tmp_path, "ann,E1,reject,3,\nbob,E1,accept,4,\nann,C1,accept,2,\nbob,C1,reject,4,\n")
    code, _, err = run_main(capsys, "ratings", ratings, "--claims", claims, "-o", tmp_path / "r", "--format", "svg", "-q")
    assert code == 0, err
    assert {p.name for p in (tmp_path / "r").iterdir()} >= {"rows.csv", "comments.csv", "contested.svg", "verdict-map.svg"}


# --- item 5: deep maps


def _chain(n: int) -> list[dict[str, str]]:
    rows = [{"id": "T0", "type": "thesis", "text": "top", "quote": "", "paragraph": "", "parent": "", "relation": "", "group": "", "origin": "analyst"}]
    rows += [
        {**rows[0], "id": f"C{i}", "type": "claim", "text": f"step {i}", "parent": rows[0]["id"] if i == 1 else f"C{i - 1}", "relation": "supports"}
        for i in range(1, n)
    ]
    return rows


def test_depth_and_root_are_linear_in_rows_however_deep(monkeypatch):
    amap = ArgumentMap(_chain(5000))
    calls = []
    real = ArgumentMap.parent
    monkeypatch.setattr(ArgumentMap, "parent", lambda self, i: calls.append(i) or real(self, i))
    assert [amap.depth(f"C{i}") for i in (1, 2500, 4999)] == [1, 2500, 4999]
    assert {amap.root_of(r["id"]) for r in amap.rows} == {"T0"}
    assert calls == []  # one pass from the roots down, not a walk up per row
    assert len(amap.ancestors("C4999")) == 4999 and len(calls) == 5000  # each row once: linear, not quadratic


def test_a_5000_deep_chain_exports_to_graphml(tmp_path, capsys):
    from argmap.formats.export_graphml import to_graphml

    text = to_graphml(ArgumentMap(_chain(5000)))
    assert text.count("<node ") >= 5000


def test_a_handout_too_deep_for_paper_says_so(tmp_path, capsys):
    header = "id,type,text,quote,paragraph,parent,relation,group,origin"
    body = "\n".join(",".join(r[k] for k in header.split(",")) for r in _chain(1000))
    claims = write_map(tmp_path, body + "\n", header=header)
    code, _, err = run_main(capsys, "handout", "--claims", claims, "-o", tmp_path / "h.pdf")
    assert (
        code == 1
        and err == "argmap handout: error: the map is 999 levels deep; a handout draws at most 40 levels on paper: choose a branch further down with --branch\n"
    )
    assert not (tmp_path / "h.pdf").exists()


# --- item 6: line and paragraph separators


def test_line_separators_are_line_breaks_in_dot_and_keep_the_contested_border():
    from argmap.draw.dot import dot_string, rows_to_dot
    from argmap.draw.render import render_dot
    from argmap.draw.style import CONTESTED

    assert dot_string("a\u2028b\u2029c") == '"a\\nb\\nc"'
    rows = _chain(3)
    rows[1]["text"] = "one\u2028two\u2029three"
    rows[1]["origin"] = "analyst"
    dot = rows_to_dot(rows, node_attrs={"C1": CONTESTED}, badges={"C1": "class split:\u2028✓ 1 · ✗ 1"})
    assert "\u2028" not in dot and "\u2029" not in dot
    node = [line for line in dot.splitlines() if line.lstrip().startswith('"C1" [')]
    assert len(node) == 1 and 'color="#000000"' in node[0] and 'penwidth="4"' in node[0] and "\\nclass split:\\n✓ 1 · ✗ 1" in node[0]
    svg = render_dot(dot, ["svg"])["svg"].decode("utf-8")  # Graphviz reads it, and draws C1's thick black border
    drawn = svg[svg.index('id="C1"') :].split("</g>")[0]
    assert 'stroke="#000000"' in drawn and 'stroke-width="4"' in drawn and "three" in drawn


# --- item 9: integer cells over 4,300 digits


def test_huge_integers_are_refused_in_one_line(tmp_path, capsys):
    big = "9" * 5000
    claims = write_map(
        tmp_path, BASE.replace("Plant more trees,The town should plant more trees.,1,", f"Plant more trees,The town should plant more trees.,{big},")
    )
    code, out, err = run_main(capsys, "validate", claims)
    assert code == 1 and f"{claims}:2: id T1: paragraph: a number of 5,000 digits is too large (at most 15 digits)" in out + err
    good = write_map(tmp_path / "good", BASE)
    questions = tmp_path / "questions.csv"
    questions.write_text(f"id,row_ids,kind,minutes,question\nQ1,T1,comprehension,{big},Why?\n", encoding="utf-8")
    code, out, err = run_main(capsys, "questions", questions, "--claims", good)
    assert code == 1 and "minutes: a number of 5,000 digits is too large" in out + err and "Traceback" not in err
    ratings = _ratings(tmp_path, f"ann,T1,accept,{big},\n")
    code, out, err = run_main(capsys, "ratings", ratings, "--claims", good, "-o", tmp_path / "r")
    assert code == 1 and "strength: a number of 5,000 digits is too large" in out + err and not (tmp_path / "r").exists()


# --- item 10: spreadsheet formulas


def test_csvs_for_spreadsheets_neutralise_formulas(tmp_path, capsys):
    claims = write_map(tmp_path, BASE)
    group = tmp_path / "group.csv"
    group.write_text(
        "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url\n"
        'GA1,objection,"=HYPERLINK(""http://evil.example"",""click"")",,,C1,attacks,,group-a,,,,,\n',
        encoding="utf-8",
    )
    ratings = _ratings(tmp_path, "ann,GA1,accept,3,=1+1\nbob,GA1,reject,4,@SUM(A1)\ncat,GA1,accept,2,-2+3\ndan,T1,accept,2,\tTAB\n")
    code, _, err = run_main(capsys, "ratings", ratings, "--claims", claims, "--with", group, "-o", tmp_path / "r", "--format", "svg", "-q")
    assert code == 0, err
    cells = [
        c
        for name in ("comments.csv", "rows.csv", "outcome.csv")
        for row in csv.reader(io.StringIO((tmp_path / "r" / name).read_text(encoding="utf-8")))
        for c in row
    ]
    assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or re.match(r"-[^0-9.]", c)], cells
    assert "'=1+1" in cells and "'@SUM(A1)" in cells and "'-2+3" in cells and "'\tTAB" in cells
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_claims_csvs_argmap_reads_back_are_kept_exact():
    from argmap.formats.interop import rows_to_csv

    text = rows_to_csv([{"id": "T1", "type": "thesis", "text": "=1+1 and -2", "origin": "analyst"}])
    assert list(csv.DictReader(io.StringIO(text)))[0]["text"] == "=1+1 and -2"


# --- item 12: control characters in messages


def test_terminal_escapes_in_cells_are_shown_escaped(tmp_path, capsys):
    claims = write_map(tmp_path, BASE.replace("C1,claim,", "C1,claim\x1b]0;pwned\x07\x1b[31m,"))
    code, out, err = run_main(capsys, "validate", claims)
    assert code == 1
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "claim\\x1b]0;pwned\\x07\\x1b[31m" in out + err


def test_a_newline_in_an_id_keeps_one_message_per_line(tmp_path, capsys):
    claims = write_map(tmp_path, BASE.replace("C1,claim,", '"C1\nX",claim,'))
    code, out, err = run_main(capsys, "validate", claims)
    assert code == 1
    lines = [line for line in (out + err).splitlines() if "C1" in line]
    assert lines and all("C1\\nX" in line for line in lines if "X" in line)


# --- item 13: control characters in ids and groups


def test_groups_differing_by_a_control_character_are_refused(tmp_path):
    from helpers import problems

    rows = BASE.replace(
        "E1,evidence,A 2023 survey found so,That’s what the 2023 survey found.,2,C1,supports,,",
        "E1,evidence,A 2023 survey found so,That’s what the 2023 survey found.,2,C1,supports,g1,",
    )
    rows += 'A1,assumption,Streets get hot,,,C1,supports,"g1\t",analyst,,,,,\n'
    found = problems(write_map(tmp_path, rows))
    assert found == [f"{tmp_path / 'claims.csv'}:6: id A1: group: contains a control character (U+0009); ids and groups must be plain text"]


def test_a_rater_name_with_an_escape_is_refused(tmp_path, capsys):
    claims = write_map(tmp_path, BASE)
    ratings = _ratings(tmp_path, "ann\x1b[2J,T1,accept,3,\n")
    code, out, err = run_main(capsys, "ratings", ratings, "--claims", claims, "-o", tmp_path / "r")
    assert code == 1 and "rater: contains a control character (U+001B)" in out + err and "\x1b" not in out + err


# --- item 14: ids differing only in case, Markdown "&", unique ids in the handout


def test_ids_differing_only_in_case_are_refused(tmp_path):
    from helpers import problems

    found = problems(write_map(tmp_path, BASE + "c1,claim,Shade helps,,,T1,supports,,analyst,,,,,\n"))
    assert found == [
        f"{tmp_path / 'claims.csv'}:6: id c1: id: differs from 'C1' (line 3) only in case; ids must differ in more than case, as figure files are named by id"
    ]


def test_markdown_export_escapes_ampersands():
    import mistune

    from argmap.formats.export_markdown import to_markdown

    rows = _chain(2)
    rows[1]["text"] = "&lt;script&gt; A & B"
    html = mistune.html(to_markdown(ArgumentMap(rows), title="t"))
    assert "&amp;lt;script&amp;gt; A &amp; B" in html and "<script>" not in html


def test_handout_html_has_unique_element_ids(tmp_path, capsys):
    from argmap.classroom.handout import map_parts
    from argmap.classroom.handout_layout import MIN_SCALE

    rows = _chain(2)
    for b in range(4):
        rows.append({**rows[0], "id": f"B{b}", "type": "claim", "parent": "T0", "relation": "supports", "text": "a reason " * 6})
        rows += [{**rows[0], "id": f"B{b}E{k}", "type": "evidence", "parent": f"B{b}", "relation": "supports", "text": "evidence " * 6} for k in range(8)]
    header = "id,type,text,quote,paragraph,parent,relation,group,origin"
    claims = write_map(tmp_path, "\n".join(",".join(r[k] for k in header.split(",")) for r in rows) + "\n", header=header)
    assert len(map_parts(argmap.load(claims))) > 1, f"the map should need several drawings at scale {MIN_SCALE}"
    code, _, err = run_main(capsys, "handout", "--claims", claims, "-o", tmp_path / "h.html", "-q")
    assert code == 0, err
    page = (tmp_path / "h.html").read_text(encoding="utf-8")
    ids = re.findall(r'\sid="([^"]*)"', page)
    assert ids and len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1][:5]


def test_support_chains_cost_linear_steps_however_deep(monkeypatch):
    """``charts`` counts the support chains beneath every claim: on a chain 5,000 deep each count walks the chain once."""
    rows = _chain(5000)
    rows.append({**rows[0], "id": "E1", "type": "evidence", "text": "at the bottom", "parent": "C4999", "relation": "supports"})
    amap = ArgumentMap(rows)
    calls = []
    real = ArgumentMap.statement_of
    monkeypatch.setattr(ArgumentMap, "statement_of", lambda self, i: calls.append(i) or real(self, i))
    paths = amap.paths_to_evidence("T0")
    assert [len(p) for p in paths] == [5001] and paths[0][0] == "T0" and paths[0][-1] == "E1"
    assert len(calls) < 5 * 5001  # once per step down and back up, not once per row of the path at every step (12.5 million)
    assert amap.evidence_beneath("C2500") == ["E1"]


def test_charts_draw_a_map_with_no_paragraphs(tmp_path, capsys):
    header = "id,type,text,quote,paragraph,parent,relation,group,origin"
    claims = write_map(tmp_path, "T1,thesis,Start at nine,,,,,,student\nC1,claim,Teenagers sleep later,,,T1,supports,,student\n", header=header, source=None)
    code, out, err = run_main(capsys, "charts", claims, "-o", tmp_path / "charts")
    assert code == 0 and err == "", err
    assert (tmp_path / "charts" / "structure-types.svg").exists()


def test_a_huge_strength_in_a_wide_ratings_sheet_is_refused_in_one_line(tmp_path, capsys):
    claims = write_map(tmp_path, BASE)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(f"rater,T1,C1\nann,accept {'9' * 5000},reject 2\nbob,reject 2,accept 3\n", encoding="utf-8")
    code, out, err = run_main(capsys, "ratings", sheet, "--claims", claims, "-o", tmp_path / "r")
    assert code == 1 and out == "" and "the strength must be from 1 to 5" in err and "internal error" not in err, err
    assert not (tmp_path / "r").exists()


def test_a_5000_character_value_is_shown_cut_short_in_its_one_line_message(tmp_path, capsys):
    """A cell of 5,000 characters where a date or a pattern is expected: the message shows its start and its length."""
    from helpers import ROOT

    long = "2" * 5000
    claims = write_map(tmp_path, BASE.replace("2023,,sign", f"{long},,sign"))
    card = tmp_path / "scorecard.csv"
    rows = list(csv.DictReader(io.StringIO((ROOT / "scorecard.csv").read_text(encoding="utf-8"))))
    rows[0]["as_of"] = long
    with card.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    for args in (["validate", claims], ["scorecard", card, "--claims", ROOT / "claims.csv", "--events", ROOT / "events.csv"]):
        code, out, err = run_main(capsys, *args)
        said = [line for line in (out + err).splitlines() if "(5,000 characters)" in line]
        assert code == 1 and len(said) == 1 and len(said[0]) < 400 and long not in out + err, (args[0], out + err)
