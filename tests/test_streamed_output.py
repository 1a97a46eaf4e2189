"""Files written as they are made (issue 17, big maps): `render --format dot` streams each figure's DOT text to its file,
yet the batch stays all or nothing and the bytes are those of :func:`argmap.to_dot`."""

from __future__ import annotations

import errno
import os

import pytest
from helpers import EXAMPLE, ROOT, run_main

import argmap
from argmap.core import atomic
from argmap.core.errors import ArgmapError
from argmap.draw.figures import Plan, figure_links, plan_figures


def _chunks(*parts: bytes, fail_after: int | None = None):
    for i, part in enumerate(parts):
        if fail_after is not None and i == fail_after:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "disk")
        yield part


def test_chunks_are_written_whole_and_an_unchanged_file_is_left_alone(tmp_path):
    (tmp_path / "same.txt").write_bytes(b"abcdef")
    before = os.stat(tmp_path / "same.txt").st_ino
    changed = atomic.write_all({tmp_path / "new.txt": _chunks(b"ab", b"", b"cd"), tmp_path / "same.txt": _chunks(b"abc", b"def"), tmp_path / "b.txt": b"whole"})
    assert changed == {tmp_path / "new.txt": True, tmp_path / "same.txt": False, tmp_path / "b.txt": True}
    assert (tmp_path / "new.txt").read_bytes() == b"abcd" and (tmp_path / "b.txt").read_bytes() == b"whole"
    assert os.stat(tmp_path / "same.txt").st_ino == before  # not replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.txt", "new.txt", "same.txt"]  # no temporary file left


def test_chunks_that_fail_halfway_leave_the_folder_as_it_was(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "c.txt").write_bytes(b"old c")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    files = {tmp_path / "a.txt": _chunks(b"new ", b"a"), tmp_path / "b.txt": b"new b", tmp_path / "c.txt": _chunks(b"new ", b"c", fail_after=1)}
    with pytest.raises(ArgmapError, match=r"c\.txt: cannot write \(No space left on device"):
        atomic.write_all(files)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # a.txt and b.txt were staged, then taken back


def test_a_dot_render_writes_each_figure_line_by_line_with_the_bytes_of_to_dot(tmp_path, capsys):
    amap = argmap.load(ROOT / "claims.csv")  # analyst rows and restatements: the sizes and links made before the nodes are written
    plan = plan_figures(amap)
    assert isinstance(plan, Plan)
    made = {n: list(plan.lines(n)) for n in plan}
    assert all(len(lines) > 10 and all(line.endswith("\n") and "\n" not in line[:-1] for line in lines) for lines in made.values())
    assert {n: "".join(lines) for n, lines in made.items()} == {n: argmap.to_dot(amap, None if n == "map" else n[7:], links=figure_links(amap)) for n in plan}
    out = tmp_path / "figs"
    assert run_main(capsys, "render", ROOT / "claims.csv", "-o", out, "--format", "dot", "-q")[0] == 0
    assert {p.stem: p.read_bytes() for p in out.glob("*.dot")} == {n: (ROOT / "figures" / f"{n}.dot").read_bytes() for n in plan}
    inodes = {p.name: os.stat(p).st_ino for p in out.iterdir()}
    code, said, _ = run_main(capsys, "render", ROOT / "claims.csv", "-o", out, "--format", "dot")
    assert code == 0 and f"0 written, {len(plan)} unchanged" in said
    assert {p.name: os.stat(p).st_ino for p in out.iterdir()} == inodes  # nothing replaced


def test_a_figure_that_fails_while_it_is_made_leaves_the_folder_as_it_was(tmp_path, capsys, monkeypatch):
    out = tmp_path / "figs"
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "dot", "-q")[0] == 0
    for p in out.glob("*.dot"):
        p.write_text("edited by hand", encoding="utf-8")  # so every figure is written again
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = Plan.lines

    def broken(self, name):
        if name == "branch-C2":  # the map and branch C1 are already staged
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)
        return real(self, name)

    monkeypatch.setattr(Plan, "lines", broken)
    code, _, err = run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "dot")
    assert code == 1 and err.count("\n") == 1 and "branch-C2.dot: cannot write (No space left on device" in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
