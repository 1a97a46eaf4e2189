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
}


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
    }


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["validate", "render", "charts", "export", "events", "questions", "scorecard", "handout"])
def test_bad_claims_file(tmp_path, case, command):
    content, message = BAD[case]
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
    assert sorted(p.name for p in out.iterdir()) == ["map.svg"] and (out / "map.svg").read_text() == "existing figure"


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
