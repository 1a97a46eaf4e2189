"""Writing outputs safely (issue 14 items 1, 2, 15, 16, 17): only regular files, all or nothing, a lock per folder, one-line errors."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import threading

import pytest
from helpers import EXAMPLE, ROOT, disk_fills, run_argmap, run_main

from argmap.core import atomic, manifest, output
from argmap.core.errors import ArgmapError

SRC = EXAMPLE.parent / "sources" / "bike-lanes.txt"


# --- item 1: -o onto something that is not a regular file


@pytest.mark.parametrize("target", ["/dev/null", "/dev/zero", "/dev/full"])
def test_export_refuses_a_device_in_one_line_and_leaves_it_alone(capsys, target):
    before = os.stat(target)
    code, out, err = run_main(capsys, "export", "--to", "markdown", EXAMPLE, "-o", target)
    assert code == 1 and out == ""
    assert err == f"argmap export: error: {target}: is a device, not a regular file; argmap writes only regular files (use - for standard output)\n"
    after = os.stat(target)
    assert (after.st_mode, after.st_rdev, after.st_ino) == (before.st_mode, before.st_rdev, before.st_ino)


def test_a_fifo_is_refused_before_anything_is_read(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = run_argmap("export", "--to", "markdown", EXAMPLE, "-o", fifo)  # would hang forever if it opened the pipe
    assert done.returncode == 1 and "is a named pipe (FIFO), not a regular file" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("dash", ["-", "/dev/stdout"])
def test_dash_and_dev_stdout_print_to_stdout(tmp_path, dash):
    done = run_argmap("export", "--to", "markdown", EXAMPLE, "-o", dash)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("#") and done.stdout == run_argmap("export", "--to", "markdown", EXAMPLE).stdout
    assert os.path.islink("/dev/stdout") or dash == "-"


def test_a_symlink_is_written_through_not_replaced(tmp_path, capsys):
    real = tmp_path / "real.md"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code, _, err = run_main(capsys, "export", "--to", "markdown", EXAMPLE, "-o", link)
    assert code == 0, err
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("#")
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "made.md")
    assert run_main(capsys, "export", "--to", "markdown", EXAMPLE, "-o", dangling)[0] == 0
    assert dangling.is_symlink() and (tmp_path / "made.md").read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize(
    "command",
    [
        ["handout", "--claims", str(EXAMPLE), "-o", "{d}/x.pdf"],
        ["events", str(ROOT / "events.csv"), "--figure", "{d}/x.svg"],
        ["import", "--from", "aif", str(ROOT / "exports" / "claims.aif.json"), "-o", "{d}"],
    ],
    ids=["handout", "events", "import"],
)
def test_every_file_output_refuses_a_folder_or_a_device(tmp_path, capsys, command):
    folder = tmp_path / "x.pdf"
    folder.mkdir()
    (tmp_path / "x.svg").mkdir()
    args = [a.replace("{d}/", str(tmp_path) + "/").replace("{d}", str(tmp_path)) for a in command]
    code, _, err = run_main(capsys, *args)
    assert code == 1 and "is a folder, not a file" in err and err.count("\n") == 1, err


# --- item 2 (render): remove only what the tool wrote


def test_render_keeps_the_users_own_branch_files_and_prunes_its_own(tmp_path, capsys):
    out = tmp_path / "figs"
    out.mkdir()
    (out / "branch-mine.png").write_bytes(b"my own picture")
    (out / "branch-C9.svg").write_text("mine too", encoding="utf-8")
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "-q")[0] == 0
    ours = manifest.read_manifest(out)
    assert "map.svg" in ours and "branch-C1.png" in ours and "branch-mine.png" not in ours
    # a branch that an earlier run wrote and that no longer exists is removed; the user's files stay
    (out / "branch-OLD.svg").write_text("stale", encoding="utf-8")
    (out / manifest.MANIFEST).write_bytes(manifest.manifest_bytes(ours | {"branch-OLD.svg"}, "render"))
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "-q")[0] == 0
    assert not (out / "branch-OLD.svg").exists()
    assert (out / "branch-mine.png").read_bytes() == b"my own picture" and (out / "branch-C9.svg").read_text() == "mine too"
    assert not list(out.glob(".*.lock"))


# --- item 15: two renders into one folder


def test_a_second_run_into_a_locked_folder_waits_and_says_so(tmp_path):
    out = tmp_path / "figs"
    holding = threading.Event()
    release = threading.Event()

    def hold():
        with manifest.folder_lock(out):
            holding.set()
            release.wait(60)

    t = threading.Thread(target=hold)
    t.start()
    assert holding.wait(60)
    proc = subprocess.Popen([sys.executable, "-m", "argmap", "render", str(EXAMPLE), "-o", str(out), "--format", "svg"], stderr=subprocess.PIPE, text=True)
    first = proc.stderr.readline()  # blocks until the waiting run says so
    release.set()
    t.join()
    rest = proc.stderr.read()
    assert proc.wait(120) == 0, rest
    assert first.startswith("argmap render: waiting for another argmap run writing into") and str(out) in first
    assert (out / "map.svg").exists() and not (out / ".argmap.lock").exists()


def test_two_concurrent_renders_both_succeed(tmp_path):
    out = tmp_path / "figs"
    cmd = [sys.executable, "-m", "argmap", "render", str(EXAMPLE), "-o", str(out), "--format", "svg,png"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(180), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    assert all("Traceback" not in err for _, err in results)
    assert {p.name for p in out.iterdir()} == {f"{n}.{f}" for n in ("map", "branch-C1", "branch-C2", "branch-C3") for f in ("svg", "png")} | {manifest.MANIFEST}


def test_a_folder_another_run_makes_meanwhile_is_used_and_not_ours_to_remove(tmp_path, monkeypatch):
    """The race behind two renders side by side: between seeing the folder missing and making it, the other run made it."""
    real = os.mkdir

    def other_run_first(path, *args):
        real(path, *args)
        if path == tmp_path / "a" / "b":
            raise FileExistsError(errno.EEXIST, "File exists", str(path))

    monkeypatch.setattr(output.os, "mkdir", other_run_first)
    assert output.make_folders(tmp_path / "a" / "b" / "c") == [tmp_path / "a", tmp_path / "a" / "b" / "c"]
    (tmp_path / "x").write_text("a file", encoding="utf-8")
    monkeypatch.setattr(output.os, "mkdir", lambda path, *a: (_ for _ in ()).throw(FileExistsError(errno.EEXIST, "File exists", str(path))))
    with pytest.raises(FileExistsError):
        output.make_folders(tmp_path / "x" / "y")  # a file in the way stays an error


# --- item 16: environment errors, all-or-nothing writes, orphans


def test_output_folder_that_is_a_file_is_one_line(tmp_path, capsys):
    f = tmp_path / "figs"
    f.write_text("a file", encoding="utf-8")
    for command in (["render", EXAMPLE], ["charts", EXAMPLE], ["render", EXAMPLE, "--root", "C1"]):
        code, _, err = run_main(capsys, *command, "-o", f)
        assert code == 1 and err == f"argmap {command[0]}: error: {f}: is a file, not a folder\n"
    code, _, err = run_main(capsys, "render", EXAMPLE, "-o", f / "sub")
    assert code == 1 and err == f"argmap render: error: {f / 'sub'}: cannot write ({f} is a file, not a folder)\n"
    assert f.read_text() == "a file"


@pytest.mark.parametrize("cause", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_names_the_path_and_cause_and_leaves_the_folder_as_it_was(tmp_path, capsys, monkeypatch, cause):
    out = tmp_path / "figs"
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "svg")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (out / "map.svg").write_text("edited by hand", encoding="utf-8")  # so map.svg is written again
    before["map.svg"] = b"edited by hand"
    disk_fills(monkeypatch, at=2, cause=cause)  # the first file is already staged when the disk fills
    (out / "branch-C1.svg").write_text("edited too", encoding="utf-8")
    before["branch-C1.svg"] = b"edited too"
    code, _, err = run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "svg")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("argmap render: error: ") and f"cannot write ({os.strerror(cause)})" in err and str(out) in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_failed_dot_only_render_leaves_the_folder_as_it_was(tmp_path, capsys, monkeypatch):
    """``--format dot`` draws nothing, yet writes its files in the same all-or-nothing batch as every other format."""
    out = tmp_path / "figs"
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "dot")[0] == 0
    assert {p.name for p in out.iterdir()} == {"map.dot", "branch-C1.dot", "branch-C2.dot", "branch-C3.dot", manifest.MANIFEST}
    for p in out.glob("*.dot"):
        p.write_text("edited by hand", encoding="utf-8")  # so every figure is written again
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    disk_fills(monkeypatch, at=2)  # the first figure is already staged when the disk fills
    code, _, err = run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "dot")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err and os.strerror(errno.ENOSPC) in err, err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    monkeypatch.undo()
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "dot")[0] == 0  # not taken for drawn: written again
    assert all(p.read_text(encoding="utf-8").startswith("digraph") for p in out.glob("*.dot"))


def test_a_failed_reader_build_leaves_the_site_as_it_was(tmp_path, capsys, monkeypatch):
    """``reader`` writes its pages in one all-or-nothing batch, under the folder's lock, like ``render``."""
    case = EXAMPLE.parent
    figs = tmp_path / "figs"
    assert run_main(capsys, "render", EXAMPLE, "-o", figs, "--format", "svg", "-q")[0] == 0
    site = tmp_path / "site"
    args = ["reader", "--claims", EXAMPLE, "--notebooks", case / "notebooks", "--figures", figs, "-o", site, "-q"]
    assert run_main(capsys, *args)[0] == 0
    for page in ("index.html", "article.html", "overview.html"):
        (site / page).write_text("edited by hand", encoding="utf-8")  # so they are written again
    before = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    disk_fills(monkeypatch, at=2)  # the first page is already staged when the disk fills
    code, out, err = run_main(capsys, *args)
    assert code == 1 and out == "" and err.count("\n") == 1 and os.strerror(errno.ENOSPC) in err and str(site) in err, err
    assert {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_broken_data_package_is_one_line(tmp_path, capsys):
    shutil.copytree(EXAMPLE.parent, tmp_path / "case")
    figs = tmp_path / "figs"
    assert run_main(capsys, "render", tmp_path / "case" / "claims.csv", "-o", figs, "--format", "svg", "-q")[0] == 0
    for text, said in (
        ('{"title": ', "not valid JSON"),
        ("[1]", "a data package is a JSON object"),
        ("[" * 100_000, "the data package is nested more than 200 levels deep"),
    ):
        (tmp_path / "case" / "datapackage.json").write_text(text, encoding="utf-8")
        code, _, err = run_main(capsys, "reader", "--notebooks", tmp_path / "case" / "notebooks", "--figures", figs, "-o", tmp_path / "site")
        assert code == 1 and err.count("\n") == 1 and said in err and "datapackage.json" in err, err
        assert not (tmp_path / "site").exists()


def test_a_move_that_fails_halfway_puts_back_the_files_already_moved(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("old a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("old b", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    real, moved = atomic.os.replace, []

    def failing(src, dst):
        moved.append(dst)
        if len(moved) == 3:  # a.txt and b.txt are in place; the new c.txt fails (once: putting back works)
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(dst))
        return real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", failing)
    files = {tmp_path / "a.txt": b"new a", tmp_path / "b.txt": b"new b", tmp_path / "c.txt": b"new c", tmp_path / "d.txt": b"new d"}
    with pytest.raises(ArgmapError, match=r"c\.txt: cannot write \(Input/output error\)"):
        atomic.write_all(files)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temporary or backup file left either
    monkeypatch.undo()
    assert atomic.write_all(files) == dict.fromkeys(files, True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {p.name: d for p, d in files.items()}


def test_a_failed_write_into_a_new_folder_leaves_no_folder(tmp_path, capsys, monkeypatch):
    disk_fills(monkeypatch, at=1)
    code, _, err = run_main(capsys, "render", EXAMPLE, "-o", tmp_path / "new" / "figs", "--format", "svg")
    assert code == 1 and "No space left on device" in err
    assert list(tmp_path.iterdir()) == []


def test_temp_files_orphaned_by_a_killed_run_are_cleaned_by_the_next(tmp_path, capsys):
    out = tmp_path / "figs"
    out.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    orphan = out / f".map.svg.argmap-{dead}-abc123.tmp"
    orphan.write_bytes(b"half a figure")
    live = out / f".map.svg.argmap-{os.getppid()}-abc123.tmp"  # a live process's: left alone
    live.write_bytes(b"being written")
    users = out / ".notes.tmp"
    users.write_bytes(b"the user's")
    assert run_main(capsys, "render", EXAMPLE, "-o", out, "--format", "svg")[0] == 0
    assert not orphan.exists() and live.exists() and users.exists()


def test_write_if_changed_reports_unwritable_folders_as_argmap_errors(tmp_path, monkeypatch):
    def denied(path, *a, **k):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(output.os, "mkdir", denied)
    with pytest.raises(ArgmapError, match=r"cannot write \(Permission denied"):
        atomic.write_if_changed(tmp_path / "a" / "b.txt", b"x")


# --- item 17: Ctrl-C, noise under -q


def test_ctrl_c_while_modules_load_exits_130_with_one_line():
    hook = (
        "import os, signal, sys\n"
        "class Hook:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'argmap.cli':\n"
        "            sys.meta_path.remove(self); os.kill(os.getpid(), signal.SIGINT)\n"
        "        return None\n"
        "sys.meta_path.insert(0, Hook())\n"
        "sys.argv = ['argmap', 'validate', sys.argv[1]]\n"
        "from argmap.__main__ import run\n"
        "sys.exit(run())\n"
    )
    done = subprocess.run([sys.executable, "-c", hook, str(EXAMPLE)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 130 and done.stderr == "argmap: interrupted\n", done.stderr


def test_ctrl_c_during_a_command_exits_130_with_one_line(tmp_path):
    hook = (
        "import os, signal, sys\n"
        "def interrupted(*a, **k):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    signal.pause() if hasattr(signal, 'pause') else None\n"
        "import argmap.cli\n"
        "argmap.cli.load = interrupted\n"
        "sys.argv = ['argmap', 'render', sys.argv[1], '-o', sys.argv[2]]\n"
        "from argmap.__main__ import run\n"
        "sys.exit(run())\n"
    )
    done = subprocess.run([sys.executable, "-c", hook, str(EXAMPLE), str(tmp_path / "o")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 130 and done.stderr.count("\n") == 1 and done.stderr.startswith("argmap render: interrupted"), done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "o").exists()


def test_utf16_csv_is_named_with_how_to_save_as_utf8(tmp_path, capsys):
    text = EXAMPLE.read_text(encoding="utf-8")
    for enc, what in (
        ("utf-16", "UTF-16 text (with a byte-order mark)"),
        ("utf-16-le", "UTF-16 text (little-endian)"),
        ("utf-16-be", "UTF-16 text (big-endian)"),
    ):
        bad = tmp_path / f"{enc}.csv"
        bad.write_bytes(text.encode(enc))
        code, out, err = run_main(capsys, "validate", bad, "--source", SRC)
        assert code == 1 and f"{bad}: is {what}, not UTF-8; {_save_hint()}\n" in out + err


def _save_hint() -> str:
    from argmap.core.table import _SAVE_UTF8

    assert "CSV UTF-8" in _SAVE_UTF8
    return _SAVE_UTF8


#: One process draws what Graphviz and matplotlib warn of (a PNG too wide for cairo, a character DejaVu Sans lacks),
#: then turns -q on (quiet_warnings) and draws the like again: what it wrote to stderr before and after.
_WARNINGS = """\
import io, sys
from matplotlib.figure import Figure
from argmap.draw.render import quiet_warnings, render_dot

def glyph(char):
    fig = Figure(); fig.text(0.5, 0.5, "a character " + char); fig.savefig(io.BytesIO(), format="png")

def wide():
    dot = "digraph { node [shape=box width=4]; " + " ".join(f"n{i};" for i in range(100)) + " }"
    assert render_dot(dot, ["png"])["png"][:4] == b"\\x89PNG"

glyph("\\u4e2d"); glyph("\\u6587"); wide()
print("-- quiet --", file=sys.stderr, flush=True)
quiet_warnings()
glyph("\\u5b57"); wide()
"""


@pytest.fixture(scope="module")
def warned() -> tuple[str, str]:
    """stderr of one process (see _WARNINGS) before and after quiet_warnings: each test below reads its part."""
    done = subprocess.run([sys.executable, "-c", _WARNINGS], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loud, quiet = done.stderr.split("-- quiet --\n")
    return loud, quiet


def test_quiet_holds_back_graphvizs_too_large_note(warned):
    """ratings and handout draw PNGs with render_dot directly; a figure wider than cairo's limit is scaled, and -q says nothing of it."""
    loud, quiet = warned
    assert "too large for cairo-renderer bitmaps" in loud, loud
    assert quiet == ""


def test_quiet_holds_back_matplotlibs_missing_glyph_warnings(warned):
    """Each character missing from the font is warned of once it is drawn (two, both said), and none under -q."""
    loud, quiet = warned
    assert "Glyph 20013 (\\N{CJK UNIFIED IDEOGRAPH-4E2D}) missing from font" in loud, loud
    assert "Glyph 25991 (\\N{CJK UNIFIED IDEOGRAPH-6587}) missing from font" in loud, loud
    assert quiet == ""
