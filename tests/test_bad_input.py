"""Every command that reads a CSV meets the same bad files the same way: a located message, exit 1, no traceback, nothing written."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLAIMS_HEADER = (ROOT / "claims.csv").read_text(encoding="utf-8").splitlines()[0]

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
VALIDATING = ["validate", "render", "charts", "export", "handout", "ratings"]


def commands(bad: Path, out: Path) -> dict[str, list[str]]:
    """Each command, pointed at ``bad`` as its claims file, writing (if at all) into ``out``."""
    src = str(ROOT / "sources" / "poghosyan-current-stage-of-negotiations.txt")
    return {
        "validate": ["validate", str(bad), "--source", src],
        "render": ["render", str(bad), "--source", src, "-o", str(out)],
        "charts": ["charts", str(bad), "--source", src, "-o", str(out)],
        "export": ["export", "--to", "aif", str(bad), "--source", src, "-o", str(out / "map.json")],
        "events": ["events", str(ROOT / "events.csv"), "--claims", str(bad), "--source", src, "--figure", str(out / "timeline.svg")],
        "questions": ["questions", str(ROOT / "questions.csv"), "--claims", str(bad)],
        "scorecard": ["scorecard", str(ROOT / "scorecard.csv"), "--claims", str(bad)],
        "handout": ["handout", "--claims", str(bad), "--source", src, "-o", str(out / "handout.pdf")],
        "ratings": ["ratings", str(ROOT / "examples" / "classroom" / "ratings.csv"), "--claims", str(bad), "--source", src, "-o", str(out)],
    }


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["validate", "render", "charts", "export", "events", "questions", "scorecard", "handout", "ratings"])
def test_bad_claims_file(tmp_path, case, command):
    content, message = BAD[case]
    _refused(tmp_path, content, message, command)


@pytest.mark.parametrize("case", sorted(INVALID))
@pytest.mark.parametrize("command", VALIDATING)
def test_invalid_claims_file(tmp_path, case, command):
    rows, message = INVALID[case]
    _refused(tmp_path, (CLAIMS_HEADER + "\n" + rows).encode("utf-8"), message, command)


def _refused(tmp_path: Path, content: bytes, message: str, command: str) -> None:
    bad = tmp_path / "claims.csv"
    bad.write_bytes(content)
    out = tmp_path / "out"
    out.mkdir()
    (out / "map.svg").write_text("existing figure", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "argmap.cli", *commands(bad, out)[command]], capture_output=True, text=True, cwd=tmp_path)
    text = done.stdout + done.stderr
    assert done.returncode == 1, text
    assert "Traceback" not in text
    assert f"{bad}" in text and message in text, text
    assert "\x1b" not in text
    assert sorted(p.name for p in out.iterdir()) == ["map.svg"] and (out / "map.svg").read_text() == "existing figure"


#: Cells that validate but once crashed a command (issue 14 items 3, 4, 6, 14): a 20 KB paraphrase, TeX-like dollars,
#: line separators, entities. Appended as analyst rows under T1 of the real map, so every other file's ids still resolve.
HOSTILE = [
    ("H1", "claim", "x " * 10_000),
    ("H2", "claim", r"Lanes cost $5 million, not $10 million; Price $\foo{$ here"),
    ("H3", "objection", "one\u2028two\u2029three &lt;script&gt; & more"),
]


@pytest.mark.parametrize("command", ["validate", "render", "charts", "export", "events", "questions", "scorecard", "handout", "ratings"])
def test_hostile_but_valid_cells_break_no_command(tmp_path, command):
    import csv
    import io

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
    done = subprocess.run([sys.executable, "-m", "argmap.cli", *args], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


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
