"""events.csv: its schema checks, the cited/later rules, claim ids, the real data, the CLI and the timeline figure."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from argmap import InvalidMap
from argmap.analysis.events import load_events, parse_date
from argmap.cli import main
from argmap.core.model import ArgumentMap
from argmap.draw.timeline import format_date, save_timeline, timeline_bytes, timeline_figure

ROOT = Path(__file__).resolve().parents[1]
COLUMNS = ["date", "event", "kind", "source_title", "source_url", "claim_ids", "quote", "paragraph", "note"]

#: A small article: two blocks of front matter, then body paragraphs 1 and 2; published June 2024.
ARTICLE = "A Title\n\nBy Someone\n\nThe summit in Granada was cancelled in October 2023.\n\nForeign ministers met in Almaty in May 2024.\n"
META = {"published": "2024-06", "front_matter_blocks": 2}
CLAIMS = "id,type,text,origin\nE1,evidence,The summit was cancelled,article\nP1,prediction,Talks will stall,article\n"

#: Valid rows, on lines 2, 3 and 4 of the file.
CITED = {
    "date": "2023-10-05",
    "event": "Summit in Granada; a meeting there was cancelled",
    "kind": "cited",
    "source_title": "Example News",
    "source_url": "https://example.org/a",
    "claim_ids": "E1",
    "quote": "The summit in Granada was cancelled",
    "paragraph": "1",
    "note": "",
}
SPAN = {
    "date": "2024-05-10/2024-05-11",
    "event": "Foreign ministers' talks in Almaty",
    "kind": "cited",
    "source_title": "Example News",
    "source_url": "https://example.org/b",
    "claim_ids": "",
    "quote": "Foreign ministers met in Almaty",
    "paragraph": "2",
    "note": "A reading note",
}
LATER = {
    "date": "2025-08",
    "event": "A later event; it bears on a prediction",
    "kind": "later",
    "source_title": "Example News",
    "source_url": "https://example.org/c",
    "claim_ids": "P1;E1",
    "quote": "",
    "paragraph": "",
    "note": "",
}


def write_events(folder: Path, rows: list[dict[str, str]] | None = None, *, columns: list[str] = COLUMNS) -> Path:
    """Write events.csv, claims.csv and sources/article.{txt,json} into ``folder``; returns the events path."""
    rows = [CITED, SPAN, LATER] if rows is None else rows
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = folder / "events.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    (folder / "claims.csv").write_text(CLAIMS, encoding="utf-8")
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sources" / "article.json").write_text(json.dumps(META), encoding="utf-8")
    return path


def problems(path: Path, claims: object = "claims") -> list[str]:
    claims = path.parent / "claims.csv" if claims == "claims" else claims
    with pytest.raises(InvalidMap) as e:
        load_events(path, claims)
    return [str(p) for p in e.value.problems]


def test_valid_file_passes(tmp_path: Path) -> None:
    path = write_events(tmp_path)
    df = load_events(path, tmp_path / "claims.csv")
    assert list(df.columns) == COLUMNS + ["start", "end"]
    assert pd.api.types.is_datetime64_any_dtype(df["start"]) and pd.api.types.is_datetime64_any_dtype(df["end"])
    assert [d.date().isoformat() for d in df["start"]] == ["2023-10-05", "2024-05-10", "2025-08-01"]
    assert [d.date().isoformat() for d in df["end"]] == ["2023-10-05", "2024-05-11", "2025-08-31"]
    assert df["paragraph"].tolist()[:2] == [1, 2] and pd.isna(df["paragraph"].iloc[2])
    assert df.attrs["published"] == "2024-06"


def test_claims_may_be_a_map_or_ids_or_absent(tmp_path: Path) -> None:
    path = write_events(tmp_path, [{**CITED, "claim_ids": "Z9"}])
    assert len(load_events(path)) == 1  # without claims, ids are not checked
    amap = ArgumentMap([{"id": "Z9", "type": "claim", "text": "t", "origin": "article", "parent": "", "relation": ""}])
    assert len(load_events(path, amap)) == 1
    assert problems(path, ["E1"]) == [f"{path}:2: claim_ids: no row of claims.csv has id 'Z9'"]


BAD = [
    ({"date": "2023/10/05"}, "date", "'2023/10/05' is not a date; write YYYY-MM-DD or YYYY-MM"),
    ({"date": "2024-02-30"}, "date", "'2024-02-30' is not a real date"),
    ({"date": "2023-13"}, "date", "'2023-13' is not a real date"),
    ({"date": "2023-10-06/2023-10-05"}, "date", "the span ends (2023-10-05) before it starts (2023-10-06)"),
    ({"date": ""}, "date", "is empty but required"),
    ({"date": "2024-07-01"}, "date", "a cited event cannot come after the article's publication (2024-06)"),
    ({"event": ""}, "event", "is empty but required"),
    ({"kind": "Cited"}, "kind", "'Cited' is not one of: cited, later; did you mean 'cited'?"),
    ({"source_title": ""}, "source_title", "is empty but required"),
    ({"source_url": ""}, "source_url", "is empty but required"),
    ({"source_url": "http://example.org/a"}, "source_url", "'http://example.org/a' is malformed"),
    ({"claim_ids": "E1, P1"}, "claim_ids", "'E1, P1' is malformed"),
    ({"claim_ids": "P9"}, "claim_ids", "no row of claims.csv has id 'P9'"),
    ({"claim_ids": "e1"}, "claim_ids", "no row of claims.csv has id 'e1'; did you mean 'E1'?"),
    ({"claim_ids": "E1;E1"}, "claim_ids", "lists 'E1' twice"),
    ({"quote": ""}, "quote", "is empty; a cited event needs the words of the article"),
    ({"paragraph": ""}, "paragraph", "is empty; a cited event needs the paragraph of its quote"),
    ({"paragraph": "x"}, "paragraph", "'x' is not a whole number"),
    ({"paragraph": "9"}, "paragraph", "paragraph 9 does not exist; article.txt has 2"),
    ({"quote": "The summit in Granada was canceled"}, "quote", "is not verbatim in the source: after '…"),
    ({"quote": "The summit in Granada was canceled"}, "quote", "the quote has 'e' (U+0065 LATIN SMALL LETTER E) where paragraph 1 has 'l'"),
    ({"quote": "Foreign ministers met in Almaty"}, "quote", "is in paragraph 2, not in paragraph 1"),
    ({"kind": "later", "date": "2025-01-01"}, "quote", "a later event has no quote: the article cannot refer to it"),
    ({"kind": "later", "date": "2025-01-01", "quote": ""}, "paragraph", "is set but a later event has no quote"),
    (
        {"kind": "later", "quote": "", "paragraph": "", "date": "2024-06-20"},
        "date",
        "a later event must come after the article's publication (2024-06), but this one starts 2024-06-20",
    ),
]


@pytest.mark.parametrize(("change", "column", "message"), BAD, ids=[f"{c}:{m[:30]}" for _, c, m in BAD])
def test_each_rule_names_file_line_and_column(tmp_path: Path, change: dict[str, str], column: str, message: str) -> None:
    path = write_events(tmp_path, [SPAN, {**CITED, **change}, LATER])
    found = problems(path)
    assert any(p.startswith(f"{path}:3: {column}: ") and message in p for p in found), found


def test_every_problem_is_listed(tmp_path: Path) -> None:
    path = write_events(tmp_path, [{**CITED, "kind": "later"}, SPAN, {**LATER, "source_url": "ftp://x", "claim_ids": "Q1"}])
    found = problems(path)
    assert [p.split(": ")[0] for p in found] == [f"{path}:2", f"{path}:2", f"{path}:4", f"{path}:4"]


def test_missing_column_is_reported(tmp_path: Path) -> None:
    path = write_events(tmp_path, columns=[c for c in COLUMNS if c != "kind"])
    assert problems(path) == [f"{path}:1: missing column 'kind'"]


def test_parse_date_spans_and_months() -> None:
    assert parse_date("2024-02") == (pd.Timestamp("2024-02-01").date(), pd.Timestamp("2024-02-29").date())
    assert parse_date("2025-08/2025-09") == (pd.Timestamp("2025-08-01").date(), pd.Timestamp("2025-09-30").date())
    with pytest.raises(ValueError, match="is not a date"):
        parse_date("2023-09-19/2023-09-20/2023-09-21")
    assert format_date("2025-08/2025-09") == "Aug – Sep 2025"


# --- the real data ---------------------------------------------------------------------------

REAL = ROOT / "events.csv"
REAL_CLAIMS = ROOT / "claims.csv"


@pytest.fixture(scope="module")
def real() -> pd.DataFrame:
    return load_events(REAL, REAL_CLAIMS if REAL_CLAIMS.exists() else None)


def test_real_events_validate(real: pd.DataFrame) -> None:
    assert len(real) >= 20
    assert set(real["kind"]) == {"cited", "later"}
    published_end = pd.Timestamp("2024-06-30")
    assert (real.loc[real["kind"] == "cited", "start"] <= published_end).all()
    assert (real.loc[real["kind"] == "later", "start"] > published_end).all()


def test_every_real_event_has_an_https_source(real: pd.DataFrame) -> None:
    assert real["source_url"].str.match(r"^https://\S+$").all()
    assert (real["source_title"].str.strip() != "").all()


def test_real_reading_notes_record_the_articles_slips(real: pd.DataFrame) -> None:
    notes = " ".join(real["note"])
    assert "European Political Community" in notes and "“European Policy Community”" in notes
    assert "“signed”" in notes and "“issued”" in notes


def test_real_cited_events_quote_the_article(real: pd.DataFrame) -> None:
    cited = real[real["kind"] == "cited"]
    assert (cited["quote"] != "").all() and cited["paragraph"].notna().all()
    assert (real.loc[real["kind"] == "later", "quote"] == "").all()


# --- the timeline figure and the command -----------------------------------------------------


def test_figure_is_deterministic(real: pd.DataFrame, tmp_path: Path) -> None:
    before = dict(matplotlib.rcParams)
    fig = timeline_figure(real)
    assert dict(matplotlib.rcParams) == before  # drawing leaves the global settings alone
    svg = timeline_bytes(fig, "svg")
    assert svg == timeline_bytes(timeline_figure(real), "svg")  # a fresh figure, the same bytes
    assert b"<dc:date>" not in svg
    path = tmp_path / "timeline.svg"
    assert save_timeline(fig, path) is True
    first = path.read_bytes()  # the same figure saved again: checked against svg below
    assert save_timeline(timeline_figure(real), path) is False
    assert path.read_bytes() == first == svg
    assert timeline_bytes(fig, "png") == timeline_bytes(timeline_figure(real), "png")


def test_timeline_needs_no_pyplot() -> None:
    code = "import sys, argmap.draw.timeline as t, argmap.analysis.events as e; t.timeline_bytes(t.timeline_figure(e.load_events(sys.argv[1])), 'png'); print('matplotlib.pyplot' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code, str(REAL)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_timeline_marks_publication_and_both_kinds(real: pd.DataFrame) -> None:
    ax = timeline_figure(real).axes[0]
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert names == ["Cited in the article", "After the article", "Publication of the article"]
    labels = [t.get_text() for t in ax.texts]
    assert any(t.startswith("Article published") and "June 2024" in t for t in labels)
    assert any("(off the scale)" in t for t in labels)  # the 1991 declaration


def test_cli_validates_and_writes_the_figure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_events(tmp_path)
    figure = tmp_path / "out" / "timeline.svg"
    assert main(["events", str(path), "--claims", str(tmp_path / "claims.csv"), "--figure", str(figure)]) == 0
    assert figure.read_bytes().startswith(b"<?xml")
    out = capsys.readouterr().out
    assert "3 events, valid" in out and "written" in out
    assert main(["events", str(path), "--figure", str(figure), "-q"]) == 0
    assert capsys.readouterr().out == ""


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_events(tmp_path, [{**CITED, "claim_ids": "P9"}])
    assert main(["events", str(path), "--claims", str(tmp_path / "claims.csv")]) == 1
    captured = capsys.readouterr()
    assert f"{path}:2: claim_ids: no row of claims.csv has id 'P9'" in captured.err and f"{path}: 1 problem" in captured.err
    assert main(["events", str(path), "--figure", str(tmp_path / "t.gif")]) == 2
    assert "must end in .svg, .png, .pdf" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["events", "--no-such-option"])
    assert e.value.code == 2
