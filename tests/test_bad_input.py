"""Every command that reads a claims CSV meets the same bad files the same way: a located message, exit 1, no traceback, nothing written.

The commands run in-process (:func:`helpers.run_main`, stdout and stderr apart); one subprocess run per command
checks the same as a user sees it (exit code, one line, no traceback). The commands come from the command line
itself (:func:`argmap.cli.commands`): a new one fails :func:`test_every_command_is_listed` until it is added here.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_main

import argmap.classroom.live.server as server
from argmap.cli import commands as cli_commands

CLAIMS_HEADER = (ROOT / "claims.csv").read_text(encoding="utf-8").splitlines()[0]
SOURCE = ROOT / "sources" / "poghosyan-current-stage-of-negotiations.txt"

BAD = {
    "empty": (b"", "file is empty"),
    "header-only": ((CLAIMS_HEADER + "\n").encode(), "has a header but no rows"),
    "not-utf8": ((CLAIMS_HEADER + "\nT1,thesis,Caf\xe9,,,,,,analyst,,,,,\n").encode("latin-1"), ":2: not UTF-8 (byte 0xe9)"),
    "nul-byte": ((CLAIMS_HEADER + "\nT1,thesis,a\x00b,,,,,,analyst,,,,,\n").encode(), ":2: contains a NUL byte"),
    "ragged": ((CLAIMS_HEADER + "\nT1,thesis,Too few,analyst\n").encode(), ":2: id T1: row has 4 fields but the header has 16"),
    "duplicate-header": ((b"id,id,type,text,origin\nT1,T1,thesis,t,analyst\n"), ":1: column 'id' appears twice in the header"),
    "utf-16": (
        (CLAIMS_HEADER + "\nT1,thesis,t,,,,,,analyst,,,,,,,\n").encode("utf-16"),
        ": is UTF-16 text (with a byte-order mark), not UTF-8; save it as UTF-8",
    ),
}

#: Files that read as CSV but do not validate (issue 14): refused by every command that validates the map.
INVALID = {
    "huge-integer": (f"T1,thesis,t,q,{'9' * 5000},,,,article,,,,,,,\n", ":2: id T1: paragraph: a number of 5,000 digits is too large"),
    "control-in-group": (
        "T1,thesis,t,,,,,,analyst,,,,,,,\nC1,claim,c,,,T1,supports,g\x01,analyst,,,,,,,\n",
        ":3: id C1: group: contains a control character (U+0001)",
    ),
    "case-clash": ("T1,thesis,t,,,,,,analyst,,,,,,,\nt1,thesis,u,,,,,,analyst,,,,,,,\n", ":3: id t1: id: differs from 'T1' (line 2) only in case"),
    "escape-in-type": ("T1,thesis\x1b[2J,t,,,,,,analyst,,,,,,,\n", ":2: id T1: type: 'thesis\\x1b[2J' is not one of"),
}

#: Commands that read no claims CSV, and why.
NO_CSV = {
    "schema": "prints the data dictionary",
    "new": "makes a new case from an article (.txt or .md) and refuses an existing folder",
    "draft": "reads only the source text beside the claims CSV (tests/test_bad_input_source.py)",
    "import": "reads AIF or Argdown, not a claims CSV (its bad input: tests/test_import_aif.py, tests/test_import_argdown.py)",
}
#: Commands that only check ids against the CSV, or read it without the map's schema: they meet the unreadable files, not the invalid rows.
NOT_VALIDATING = {"events", "questions", "scorecard"}


def commands(bad: Path, out: Path) -> dict[str, list[str]]:
    """Each command, pointed at ``bad`` as its claims file, writing (if at all) into ``out``."""
    src = str(SOURCE)
    return {
        "validate": ["validate", str(bad), "--source", src],
        "render": ["render", str(bad), "--source", src, "-o", str(out)],
        "charts": ["charts", str(bad), "--source", src, "-o", str(out)],
        "reader": ["reader", "--claims", str(bad), "--notebooks", str(ROOT / "notebooks"), "--figures", str(ROOT / "figures"), "-o", str(out)],
        "export": ["export", "--to", "aif", str(bad), "--source", src, "-o", str(out / "map.json")],
        "events": ["events", str(ROOT / "events.csv"), "--claims", str(bad), "--source", src, "--figure", str(out / "timeline.svg")],
        "questions": ["questions", str(ROOT / "questions.csv"), "--claims", str(bad)],
        "scorecard": ["scorecard", str(ROOT / "scorecard.csv"), "--claims", str(bad)],
        "handout": ["handout", "--claims", str(bad), "--source", src, "-o", str(out / "handout.pdf")],
        "ratings": ["ratings", str(ROOT / "examples" / "classroom" / "ratings.csv"), "--claims", str(bad), "--source", src, "-o", str(out)],
        "class": ["class", "start", "--claims", str(bad), "--db", str(out / "session.db")],
        "notebooks": ["notebooks", "--folder", str(bad.parent / "notebooks"), "-q"],
    }


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    """A folder for the bad claims.csv, beside the article's source and a notebook (what ``notebooks`` looks for)."""
    (tmp_path / "sources").mkdir()
    shutil.copy(SOURCE, tmp_path / "sources")
    (tmp_path / "notebooks").mkdir()
    shutil.copy(ROOT / "examples" / "bike-lanes" / "notebooks" / "10-start-here.ipynb", tmp_path / "notebooks")
    monkeypatch.setattr(server, "serve", lambda *a, **k: pytest.fail("class start served a map it should have refused"))
    return tmp_path


def test_every_command_is_listed(tmp_path):
    listed = set(commands(tmp_path, tmp_path)) | set(NO_CSV)
    assert listed == set(cli_commands()), "say whether the new command reads a claims CSV"


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", sorted(commands(Path(), Path())))
def test_bad_claims_file(folder, capsys, case, command):
    content, message = BAD[case]
    _refused(folder, capsys, content, message, command)


@pytest.mark.parametrize("case", sorted(INVALID))
@pytest.mark.parametrize("command", sorted(set(commands(Path(), Path())) - NOT_VALIDATING))
def test_invalid_claims_file(folder, capsys, case, command):
    rows, message = INVALID[case]
    _refused(folder, capsys, (CLAIMS_HEADER + "\n" + rows).encode("utf-8"), message, command)


def _prepare(folder: Path, content: bytes) -> tuple[Path, Path]:
    bad = folder / "claims.csv"
    bad.write_bytes(content)
    out = folder / "out"
    out.mkdir()
    (out / "map.svg").write_text("existing figure", encoding="utf-8")
    return bad, out


def _refused(folder: Path, capsys, content: bytes, message: str, command: str) -> None:
    bad, out = _prepare(folder, content)
    notebook = (folder / "notebooks" / "10-start-here.ipynb").read_bytes()
    code, stdout, stderr = run_main(capsys, *commands(bad, out)[command])
    assert code == 1, stderr
    assert stdout == ""
    assert "Traceback" not in stderr and "internal error" not in stderr and "\x1b" not in stderr
    assert message in stderr, stderr
    lines = stderr.splitlines()
    assert lines and all(str(bad) in line for line in lines), stderr  # every line names the file
    assert sorted(p.name for p in out.iterdir()) == ["map.svg"] and (out / "map.svg").read_text() == "existing figure"
    assert (folder / "notebooks" / "10-start-here.ipynb").read_bytes() == notebook


@pytest.mark.parametrize("command", sorted(commands(Path(), Path())))
def test_as_a_user_sees_it(folder, command):
    """The one subprocess run per command: exit 1, one line (and the count of problems), no traceback, nothing written."""
    bad, out = _prepare(folder, BAD["not-utf8"][0])
    done = subprocess.run([sys.executable, "-m", "argmap", *commands(bad, out)[command]], capture_output=True, text=True, cwd=folder, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{bad}:2: not UTF-8 (byte 0xe9); save") and lines[1] == f"{bad}: 1 problem", done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["map.svg"]


#: Cells that validate but once crashed a command (issue 14 items 3, 4, 6, 14): a 20 KB paraphrase, TeX-like dollars,
#: line separators, entities. Appended as analyst rows under T1 of the real map, so every other file's ids still resolve.
HOSTILE = [
    ("H1", "claim", "x " * 10_000),
    ("H2", "claim", r"Lanes cost $5 million, not $10 million; Price $\foo{$ here"),
    ("H3", "objection", "one\u2028two\u2029three &lt;script&gt; & more"),
]


@pytest.mark.parametrize("command", ["validate", "render", "charts", "export", "events", "questions", "scorecard", "handout", "ratings"])
def test_hostile_but_valid_cells_break_no_command(tmp_path, capsys, command):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    for rid, kind, text in HOSTILE:
        w.writerow([rid, kind, text, "", "", "T1", "attacks" if kind == "objection" else "supports", "", "analyst"] + [""] * 7)
    claims = tmp_path / "claims.csv"
    claims.write_text((ROOT / "claims.csv").read_text(encoding="utf-8") + buf.getvalue(), encoding="utf-8")
    ratings = tmp_path / "my-ratings.csv"
    ratings.write_text("rater,id,verdict,strength,comment\n" + "".join(f"a,{r},accept,3,\nb,{r},reject,2,\n" for r, _, _ in HOSTILE), encoding="utf-8")
    out = tmp_path / "out"
    args = commands(claims, out)[command]
    if command == "ratings":
        args[1] = str(ratings)
    if command in ("render", "ratings"):
        args += ["--format", "svg"]
    if command == "handout":  # the hostile rows' branch: drawn and on the sheet as in the whole map, in 5 drawings of 22
        args += ["--branch", "T1"]
    code, _, err = run_main(capsys, *args)
    assert code == 0, err
    assert "Traceback" not in err and "internal error" not in err


def test_a_100_kb_field_and_100_000_rows_are_read(tmp_path):
    import argmap

    (tmp_path / "sources").mkdir()
    shutil.copy(ROOT / "examples" / "bike-lanes" / "sources" / "bike-lanes.txt", tmp_path / "sources")
    rows = [CLAIMS_HEADER, "T1,thesis," + "x" * 100_000 + ",,,,,,analyst,,,,,,,"]
    rows += [f"C{i},claim,Row {i},,,T1,supports,,analyst,,,,,,," for i in range(99_999)]
    (tmp_path / "claims.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    amap = argmap.load(tmp_path / "claims.csv")
    assert len(amap) == 100_000 and len(amap["T1"]["text"]) == 100_000
    assert len(amap.children("T1")) == 99_999
