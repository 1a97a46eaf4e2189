"""Shared paths and small builders for the tests: inline CSVs written to tmp_path, beside a sources/ folder."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

from argmap import InvalidMap, load

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
FIXTURE_SOURCE = FIXTURES / "sources" / "article.txt"
EXAMPLE = ROOT / "examples" / "bike-lanes" / "claims.csv"
SCHEMA_JSON = ROOT / "argmap" / "schemas" / "claims.json"

HEADER = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url"

#: The source every inline map is checked against (the same text as tests/fixtures/sources/article.txt).
SOURCE = FIXTURE_SOURCE.read_text(encoding="utf-8")

#: A valid map of that source; with the header, its rows are on lines 2 (T1), 3 (C1), 4 (E1) and 5 (O1).
BASE = """\
T1,recommendation,Plant more trees,The town should plant more trees.,1,,,,article,town,,should,,
C1,claim,Trees cool streets,Trees cool the streets in summer.,2,T1,supports,,article,,,,cause-to-effect,
E1,evidence,A 2023 survey found so,That’s what the 2023 survey found.,2,C1,supports,,article,,2023,,sign,
O1,objection,Trees cost too much,Critics say trees cost too much,3,T1,attacks,,article,critics,,,,
"""


def write_map(folder: Path, rows: str = BASE, *, header: str | None = HEADER, source: str | None = SOURCE, name: str = "claims.csv") -> Path:
    """Write ``header`` + ``rows`` as ``folder/name`` and ``source`` as ``folder/sources/article.txt``."""
    folder.mkdir(parents=True, exist_ok=True)
    body = textwrap.dedent(rows).lstrip("\n")
    text = body if header is None else header + "\n" + body
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    if source is not None:
        (folder / "sources").mkdir(exist_ok=True)
        (folder / "sources" / "article.txt").write_text(source, encoding="utf-8")
    return path


def write_bytes_map(folder: Path, raw: bytes, *, source: str | None = SOURCE, name: str = "claims.csv") -> Path:
    """Like :func:`write_map`, for files whose exact bytes matter (encodings, line ends)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(raw)
    if source is not None:
        (folder / "sources").mkdir(exist_ok=True)
        (folder / "sources" / "article.txt").write_text(source, encoding="utf-8")
    return path


def problems(path: Path, source: Path | None = None) -> list[str]:
    """Every problem ``argmap.core.load`` reports for ``path``, as printed; [] when the map is valid."""
    try:
        load(path, source)
    except InvalidMap as e:
        return [str(p) for p in e.problems]
    return []


def run_argmap(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed command line in a subprocess, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "ARGMAP_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "argmap.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def run_main(capsys, *args) -> tuple[int, str, str]:
    """Run the CLI in-process; returns (exit code, stdout, stderr)."""
    from argmap.cli import main

    try:
        code = main([str(a) for a in args])
    except SystemExit as e:
        code = e.code
    out, err = capsys.readouterr()
    return code, out, err


def disk_fills(monkeypatch, at: int = 2, cause: int = errno.ENOSPC, when: Callable[[Path], bool] | None = None) -> list[Path]:
    """Make the all-or-nothing writer (``argmap.core.atomic``) fail as a full, read-only or forbidden disk would, on the
    ``at``-th file it stages (or the first for which ``when`` is true); returns the files it was asked to stage, in order."""
    from argmap.core import atomic

    real, staged = atomic._stage, []

    def stage(target, data):
        staged.append(target)
        if when(target) if when else len(staged) == at:
            raise OSError(cause, os.strerror(cause), str(target))
        return real(target, data)

    monkeypatch.setattr(atomic, "_stage", stage)
    return staged
