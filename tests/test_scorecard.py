"""scorecard.csv: its checks (each problem named by file and line), the join of forecasts with later events, and the real data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from helpers import run_main

import argmap
from argmap import InvalidMap
from argmap.analysis.events import load_events, parse_date
from argmap.analysis.scorecard import STATUSES, latest_date, load_scorecard, reading_notes, scorecard, scorecard_markdown, what_followed
from argmap.core.model import ArgumentMap

ROOT = Path(__file__).resolve().parents[1]
HEADER = "id,status,as_of,reasoning\n"

#: A small map: two predictions, a claim that a later event bears on, one that none does, and a piece of evidence.
CLAIMS = [
    {
        "id": "T1",
        "type": "thesis",
        "text": "Talks will drag on",
        "origin": "article",
        "parent": "",
        "relation": "",
        "paragraph": "1",
        "quote": "q",
        "certainty": "",
    },
    {
        "id": "C1",
        "type": "claim",
        "text": "Baku seeks no treaty",
        "origin": "article",
        "parent": "T1",
        "relation": "supports",
        "paragraph": "1",
        "quote": "Baku seeks *no* treaty",
        "certainty": "",
    },
    {
        "id": "C2",
        "type": "claim",
        "text": "Formats matter",
        "origin": "article",
        "parent": "T1",
        "relation": "supports",
        "paragraph": "1",
        "quote": "q",
        "certainty": "",
    },
    {
        "id": "E1",
        "type": "evidence",
        "text": "A summit was cancelled",
        "origin": "article",
        "parent": "C2",
        "relation": "supports",
        "paragraph": "2",
        "quote": "the summit of the Policy Community",
        "certainty": "",
    },
    {
        "id": "P1",
        "type": "prediction",
        "text": "A thin text will be signed",
        "origin": "article",
        "parent": "T1",
        "relation": "supports",
        "paragraph": "3",
        "quote": "a text will be signed",
        "certainty": "may",
    },
    {
        "id": "P2",
        "type": "prediction",
        "text": "Nothing will change",
        "origin": "article",
        "parent": "T1",
        "relation": "supports",
        "paragraph": "3",
        "quote": "nothing will change",
        "certainty": "",
    },
]


def event(date: str, kind: str, claim_ids: str, text: str, note: str = "") -> dict[str, object]:
    start, end = parse_date(date)
    return {
        "date": date,
        "event": text,
        "kind": kind,
        "source_title": f"News [{date}]",
        "source_url": f"https://example.org/{date}",
        "claim_ids": claim_ids,
        "quote": "q" if kind == "cited" else "",
        "paragraph": 2 if kind == "cited" else pd.NA,
        "note": note,
        "start": pd.Timestamp(start),
        "end": pd.Timestamp(end),
    }


#: Events as load_events returns them (in file order, not date order).
EVENTS = pd.DataFrame(
    [
        event("2023-10-05", "cited", "E1", "Summit in Granada; a meeting was cancelled", "Factual slip: the article writes Policy; the name is Political."),
        event("2024-01-10", "cited", "C2", "A census; a figure", "The figure is from a later count."),
        event("2025-08", "later", "P1;C1", "A restatement; said after the summit"),
        event("2025-08-08", "later", "P1", "A summit; a declaration signed"),
        event("2024-11-11/2024-11-22", "later", "P1", "A conference; no text signed"),
        event("2025-03-13", "later", "C1;P1", "A text agreed; a condition set"),
    ]
)

GOOD = "P1,not borne out,2025-09-01,The author predicted a text; none was signed (11–22 Nov 2024).\nP2,still open,2025-09-01,No event bears on it.\nC1,mixed,2025-09-01,Both ways (13 Mar 2025; Aug 2025).\n"


@pytest.fixture
def amap() -> ArgumentMap:
    return ArgumentMap(CLAIMS, path=Path("claims.csv"))


def write(folder: Path, body: str) -> Path:
    path = folder / "scorecard.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def problems(path: Path, amap: ArgumentMap, events: pd.DataFrame | None = EVENTS) -> list[str]:
    with pytest.raises(InvalidMap) as e:
        load_scorecard(path, amap, events)
    return [str(p) for p in e.value.problems]


def test_valid_scorecard_loads(tmp_path: Path, amap: ArgumentMap) -> None:
    df = load_scorecard(write(tmp_path, GOOD), amap, EVENTS)
    assert list(df.index) == ["P1", "P2", "C1"]
    assert list(df.columns) == ["status", "qualifier", "as_of", "reasoning"]
    assert (df["qualifier"] == "").all()  # an optional column left out reads as empty
    assert df.loc["C1", "status"] == "mixed"


def test_claims_may_be_a_path(tmp_path: Path) -> None:
    (tmp_path / "claims.csv").write_text(
        "id,type,text,quote,paragraph,origin\nP1,prediction,A text,A quote,1,article\nC1,claim,No treaty,Another,1,article\n", encoding="utf-8"
    )
    path = write(tmp_path, "P1,still open,2025-09-01,r\nC1,mixed,2025-09-01,r\n")
    assert list(load_scorecard(path, tmp_path / "claims.csv").index) == ["P1", "C1"]


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("confirmed", "'confirmed' is not one of: borne out, not borne out, mixed, still open"),
        (
            "Still Open",
            "'Still Open' is not one of: borne out, not borne out, mixed, still open; did you mean 'still open'? (values are lower case, with no spaces)",
        ),
        ("not_borne_out", "'not_borne_out' is not one of: borne out, not borne out, mixed, still open; did you mean 'not borne out'?"),
        ("", "is empty but required"),
    ],
)
def test_bad_status_is_named_by_file_and_line(tmp_path: Path, amap: ArgumentMap, status: str, message: str) -> None:
    path = write(tmp_path, GOOD.replace("P2,still open", f"P2,{status}"))
    assert problems(path, amap) == [f"{path}:3: id P2: status: {message}"]


def test_statuses_come_from_the_schema() -> None:
    assert STATUSES == ("borne out", "not borne out", "mixed", "still open")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("P9,still open,2025-09-01,r", "id P9: id: no row of claims.csv has id 'P9'"),
        ("p2,still open,2025-09-01,r", "id p2: id: no row of claims.csv has id 'p2'; did you mean 'P2'?"),
        (
            "E1,borne out,2025-09-01,r",
            "id E1: id: is a row of type 'evidence'; the scorecard takes predictions, and claims of the article that a later event in events.csv bears on (like C22)",
        ),
        (
            "C2,borne out,2025-09-01,r",
            "id C2: id: is a row of type 'claim'; the scorecard takes predictions, and claims of the article that a later event in events.csv bears on (like C22)",
        ),
    ],
)
def test_unknown_or_unscorable_id_is_named_by_file_and_line(tmp_path: Path, amap: ArgumentMap, row: str, message: str) -> None:
    path = write(tmp_path, GOOD + row + "\n")
    assert problems(path, amap) == [f"{path}:5: {message}"]


def test_any_article_claim_may_be_scored_without_events(tmp_path: Path, amap: ArgumentMap) -> None:
    path = write(tmp_path, GOOD + "C2,still open,2025-09-01,r\n")
    assert list(load_scorecard(path, amap).index) == ["P1", "P2", "C1", "C2"]


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2025-02-30", "'2025-02-30' is not a real date; write YYYY-MM-DD"),
        ("2025-13-01", "'2025-13-01' is not a real date; write YYYY-MM-DD"),
        ("1 Sep 2025", "'1 Sep 2025' is not a date; write YYYY-MM-DD"),
        ("2025-09", "'2025-09' is malformed; expected: The ISO date (YYYY-MM-DD)"),
        ("", "is empty but required"),
    ],
)
def test_bad_date_is_named_by_file_and_line(tmp_path: Path, amap: ArgumentMap, as_of: str, message: str) -> None:
    path = write(tmp_path, GOOD.replace("P2,still open,2025-09-01", f"P2,still open,{as_of}"))
    [problem] = problems(path, amap)
    assert problem.startswith(f"{path}:3: id P2: as_of: {message}")


def test_judgement_cannot_predate_an_event_it_weighs(tmp_path: Path, amap: ArgumentMap) -> None:
    path = write(tmp_path, GOOD.replace("P1,not borne out,2025-09-01", "P1,not borne out,2025-08-20"))
    assert problems(path, amap) == [
        f"{path}:2: id P1: as_of: is 2025-08-20, before the later event of 2025-08 that bears on P1; judge as of a date on or after every event weighed"
    ]


def test_every_prediction_needs_a_row_and_ids_are_unique(tmp_path: Path, amap: ArgumentMap) -> None:
    path = write(tmp_path, GOOD.replace("P2,still open", "P1,still open"))
    assert problems(path, amap) == [
        f"{path}: id P2: id: prediction P2 of claims.csv has no row; give it a status ('still open' if nothing bears on it yet)",
        f"{path}:3: id P1: id: duplicate id; first used on line 2",
    ]


def test_unknown_column_is_named(tmp_path: Path, amap: ArgumentMap) -> None:
    path = tmp_path / "scorecard.csv"
    path.write_text("id,state,as_of,reasoning\nP1,mixed,2025-09-01,r\n", encoding="utf-8")
    assert problems(path, amap) == [f"{path}:1: unknown column 'state'", f"{path}:1: missing column 'status'"]


def test_what_followed_puts_each_later_event_under_the_rows_it_names() -> None:
    df = what_followed(EVENTS, ["P1", "P2", "C1"])
    assert list(df.columns) == ["id", "date", "when", "event", "source_title", "source_url"]
    assert df[df["id"] == "P1"]["date"].tolist() == ["2024-11-11/2024-11-22", "2025-03-13", "2025-08-08", "2025-08"]  # by midpoint, as on the timeline
    assert df[df["id"] == "C1"]["date"].tolist() == ["2025-03-13", "2025-08"]
    assert "P2" not in set(df["id"]) and "E1" not in set(what_followed(EVENTS)["id"])  # cited events are not what followed
    assert df.iloc[0]["when"] == "11–22 Nov 2024" and df.iloc[0]["source_url"] == "https://example.org/2024-11-11/2024-11-22"


def test_scorecard_joins_rows_statuses_and_events_in_map_order(tmp_path: Path, amap: ArgumentMap) -> None:
    card = scorecard(amap, EVENTS, load_scorecard(write(tmp_path, GOOD), amap, EVENTS))
    assert list(card.index) == ["C1", "P1", "P2"]
    assert card["later events"].tolist() == [2, 4, 0]
    assert card.loc["C1", "what followed"] == "13 Mar 2025: A text agreed; Aug 2025: A restatement"
    assert card.loc["P2", "what followed"] == "no event in events.csv"
    assert card.loc["P1", "author's hedge"] == "may" and card.loc["P1", "¶"] == 3
    assert card.loc["P1", "status"] == "not borne out" and card.loc["P1", "as of"] == "2025-09-01"


def test_scorecard_markdown_links_sources_and_escapes(tmp_path: Path, amap: ArgumentMap) -> None:
    text = scorecard_markdown(amap, EVENTS, load_scorecard(write(tmp_path, GOOD), amap, EVENTS))
    c1, p1, p2 = text.split("### ")[1:]
    assert c1.startswith("C1 · mixed (as of 1 Sep 2025)")
    assert "“Baku seeks \\*no\\* treaty”" in c1
    assert "source: [News \\[2025-03-13\\]](https://example.org/2025-03-13)" in c1
    assert c1.count("\n- **") == 2 and p1.count("\n- **") == 4
    assert "(¶3; the author's word: *may*)" in p1
    assert "- none: no later event in events.csv bears on this row." in p2


def test_reading_notes_put_factual_slips_first_with_their_rows(amap: ArgumentMap) -> None:
    notes = reading_notes(EVENTS, amap)
    assert notes["kind"].tolist() == ["factual slip", "other note"]
    slip = notes.iloc[0]
    assert (slip["rows"], slip["when"], slip["event"]) == ("E1", "5 Oct 2023", "Summit in Granada")
    assert slip["rows in the map"] == "E1: A summit was cancelled"


def test_latest_date_is_the_end_of_the_latest_event() -> None:
    assert latest_date(EVENTS).isoformat() == "2025-08-31"


# The real data


@pytest.fixture(scope="module")
def real() -> tuple[ArgumentMap, pd.DataFrame, pd.DataFrame]:
    amap = argmap.load(ROOT / "claims.csv")
    events = load_events(ROOT / "events.csv", amap)
    return amap, events, load_scorecard(ROOT / "scorecard.csv", amap, events)


def test_real_scorecard_validates_and_covers_every_prediction_and_c22(real: tuple[ArgumentMap, pd.DataFrame, pd.DataFrame]) -> None:
    amap, _, judgements = real
    predictions = [r["id"] for r in amap.rows if r["type"] == "prediction" and not amap.is_restatement(r["id"])]
    assert set(judgements.index) == set(predictions) | {"C22"}


def test_real_scorecard_is_judged_as_of_the_latest_event(real: tuple[ArgumentMap, pd.DataFrame, pd.DataFrame]) -> None:
    _, events, judgements = real
    assert set(judgements["as_of"]) == {latest_date(events).isoformat()}


def test_real_rows_with_no_later_event_are_still_open_and_say_so(real: tuple[ArgumentMap, pd.DataFrame, pd.DataFrame]) -> None:
    amap, events, judgements = real
    card = scorecard(amap, events, judgements)
    quiet = card[card["later events"] == 0]
    assert len(quiet) >= 3 and set(quiet["status"]) == {"still open"}
    assert all("No event in events.csv bears on it" in r for r in quiet["reasoning"])


def test_real_reasoning_cites_dates_and_weighs_neutrally(real: tuple[ArgumentMap, pd.DataFrame, pd.DataFrame]) -> None:
    _, _, judgements = real
    for rid, reasoning in judgements["reasoning"].items():
        assert reasoning.startswith("The author "), rid
        assert "2025" in reasoning or "2026" in reasoning, rid
        ours = re.sub(r"“[^”]*”", "", reasoning)  # the author's words in quotation marks are his, not the reasoning's
        for word in ("wrong", "obviously", "clearly", "proved", "blackmail"):
            assert word not in ours.lower(), (rid, word)


def test_datapackage_lists_the_scorecard_with_its_schema() -> None:
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    [res] = [r for r in package["resources"] if r["name"] == "scorecard"]
    assert (res["path"], res["schema"], res["format"], res["encoding"]) == ("scorecard.csv", "argmap/schemas/scorecard.json", "csv", "utf-8")
    assert (ROOT / res["schema"]).is_file() and (ROOT / res["path"]).is_file()


def test_scorecard_command_exit_codes(tmp_path, capsys):
    root = Path(__file__).resolve().parent.parent
    code, out, _ = run_main(capsys, "scorecard", root / "scorecard.csv", "--claims", root / "claims.csv", "--events", root / "events.csv")
    assert code == 0 and "forecasts" in out and "valid" in out
    bad = tmp_path / "scorecard.csv"
    bad.write_text((root / "scorecard.csv").read_text(encoding="utf-8").replace(",mixed,", ",partly,", 1), encoding="utf-8")
    code, _, err = run_main(capsys, "scorecard", bad, "--claims", root / "claims.csv")
    assert code == 1 and "Traceback" not in err
    assert f"{bad}:2: id C22: status: 'partly' is not one of" in err
