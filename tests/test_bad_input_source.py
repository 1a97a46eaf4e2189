"""Bad source metadata (issue 14 item 8): every command that reads a source text meets a broken ``sources/NAME.json``
the same way: exit 1, one line naming the file and the field, no traceback, nothing written.

The commands are enumerated from the command line itself (:func:`argmap.cli.commands`): a new command fails
:func:`test_every_command_is_listed` until it is added to ``READS_SOURCE`` or ``NO_SOURCE``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import EXAMPLE, run_main

import argmap.classroom.live.server as server
from argmap.cli import commands, main

CASE_FILES = {
    "events.csv": "date,event,kind,source_title,source_url,claim_ids,quote,paragraph,note\n"
    '2021-04,"700 cyclists a day on Main Street",cited,Council count,https://example.org/count,E1,"up from 700 in 2021",2,\n',
    "scorecard.csv": "id,status,qualifier,as_of,reasoning\nP1,still open,,2025-06-01,No event bears on it yet.\n",
    "questions.csv": "id,row_ids,kind,minutes,phase,question\nQ1,T1,comprehension,3,reading,Why?\n",
    "ratings.csv": "rater,id,verdict,strength,comment\nann,T1,accept,3,\nbob,T1,reject,2,\n",
}
META = Path("sources") / "bike-lanes.json"
PREDICTION = "P1,prediction,Injuries will fall on Main Street too,,,C2,supports,,analyst,,,,,,,\n"

#: Each command that reads the source text, as run inside the case folder (``--case``); class has two actions.
READS_SOURCE: dict[str, list[list[str]]] = {
    "validate": [["validate"]],
    "render": [["render", "-o", "figures", "--format", "svg", "-q"]],
    "charts": [["charts", "-o", "figures", "-q"]],
    "reader": [["reader", "-o", "site", "-q"]],
    "events": [["events", "--figure", "timeline.svg", "-q"]],
    "export": [["export", "--to", "aif", "-o", "map.aif.json", "-q"]],
    "import": [["import", "--from", "aif", "good.aif.json", "--source", "sources/bike-lanes.txt", "-o", "imported/claims.csv", "-q"]],
    "ratings": [["ratings", "ratings.csv", "-o", "ratings-out", "--format", "svg", "-q"]],
    "handout": [["handout", "-o", "handout.pdf", "-q"]],
    "scorecard": [["scorecard", "--events", "events.csv", "-q"]],
    "class": [["class", "start", "--db", "new-session.db"], ["class", "export", "session.db", "-o", "class-out", "-q"]],
    "draft": [["draft", "-o", "draft.csv"]],
    "notebooks": [["notebooks", "10-start-here", "-q"]],
}
#: Commands that never read a source text's metadata, and why.
NO_SOURCE = {
    "schema": "prints the data dictionary",
    "questions": "checks a question bank against the claims' ids only",
    "new": "makes a new case (and its metadata) from an article; it refuses an existing folder",
}

#: Broken metadata and the field (or phrase) its one-line message must name.
BAD_META = {
    "front-matter-text": ('{"front_matter_blocks": "two"}', 'front_matter_blocks: "two" is not a whole number'),
    "front-matter-null": ('{"front_matter_blocks": null}', "front_matter_blocks: null is not a whole number"),
    "front-matter-negative": ('{"front_matter_blocks": -1}', "front_matter_blocks: -1 is less than 0"),
    "a-list": ("[1, 2]", "metadata must be a JSON object"),
    "published-in-words": ('{"published": "June 2024"}', "published: 'June 2024' is not a date"),
    "invalid-json": ('{"title": "Lanes",', ":1: metadata is not valid JSON"),
    "nested-100000-deep": ("[" * 100_000 + "]" * 100_000, "metadata is nested more than 20 levels deep"),
    "5000-digit-number": ('{"front_matter_blocks": ' + "9" * 5000 + "}", "metadata holds a number of 5,000 characters"),
    "lone-surrogate": ('{"title": "\\ud800"}', "metadata holds a lone surrogate (\\ud800)"),
}


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    """A copy of the bike-lanes case with every file the commands read, its figures drawn, an AIF export and a class session begun."""
    case = tmp_path_factory.mktemp("case")
    for name in ("claims.csv", "sources", "notebooks"):
        (shutil.copytree if name != "claims.csv" else shutil.copy)(EXAMPLE.parent / name, case / name)
    with open(case / "claims.csv", "a", encoding="utf-8") as f:
        f.write(PREDICTION)
    for name, text in CASE_FILES.items():
        (case / name).write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(server, "serve", lambda *a, **k: None)
        for args in (["render", "-o", "figures", "--format", "svg", "-q"], ["export", "--to", "aif", "-o", "good.aif.json", "-q"]):
            assert main([args[0], "--case", str(case), *args[1:]]) == 0
        assert main(["class", "--case", str(case), "start", "--db", "session.db"]) == 0
    return case


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run a command in a case folder in-process; ``class start`` sets up its session and returns instead of serving."""
    monkeypatch.setattr(server, "serve", lambda *a, **k: None)

    def run(folder: Path, args: list[str]) -> tuple[int, str, str]:
        at = args.index("class") + 1 if args[0] == "class" else 1
        return run_main(capsys, *args[:at], "--case", folder, *args[at:])

    return run


def _snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (as None), but the metadata file the tests write."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*")) if p.name != META.name}


def test_every_command_is_listed():
    assert set(READS_SOURCE) | set(NO_SOURCE) == set(commands()), "say whether the new command reads a source text"
    assert not set(READS_SOURCE) & set(NO_SOURCE)


def test_with_good_metadata_every_command_runs(case, cli, tmp_path):
    """The control: each invocation succeeds in (a copy of) the case, so a refusal in the next test is the metadata's."""
    copy = shutil.copytree(case, tmp_path / "case")
    for name, runs in READS_SOURCE.items():
        for args in runs:
            code, _, err = cli(copy, args)
            assert code == 0, (name, args, err)


@pytest.mark.parametrize("bad", sorted(BAD_META))
@pytest.mark.parametrize("command", sorted(READS_SOURCE))
def test_bad_metadata_stops_every_command_in_one_line(case, cli, bad, command):
    meta, said = BAD_META[bad]
    meta_file = case / META
    meta_file.write_text(meta, encoding="utf-8", errors="surrogatepass")
    before = _snapshot(case)
    try:
        for args in READS_SOURCE[command]:
            code, out, err = cli(case, args)
            assert code == 1, (args, out, err)
            assert "Traceback" not in err and "internal error" not in err, err
            named = [line for line in err.splitlines() if said in line]
            assert len(named) == 1 and str(META) in named[0], err
            assert [line for line in err.splitlines() if line not in named and not line.endswith(": 1 problem")] == [], err
            assert out == "", out
            assert _snapshot(case) == before, f"{args} wrote, changed or removed a file"
    finally:
        shutil.copy(EXAMPLE.parent / META, meta_file)
