"""Writing output files safely: only regular files (through symlinks, ``-`` for stdout), atomically, all or nothing.

Every command writes through this module. A write goes to a temporary file beside its target, which then replaces
the target in one step, so a reader never sees half a file. A batch (:func:`write_all`) first writes every
temporary file, and replaces the targets only when all of them were written: a full disk or a read-only folder
leaves the folder as it was (a move that fails halfway puts back the files already moved). Temporary files left by a killed run are removed by the next run into that folder.
A lock file (:func:`folder_lock`) makes a second run into the same folder wait until the first is done.

>>> check_output("-") is None
True
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError, printable

__all__ = [
    "MANIFEST",
    "spreadsheet_safe",
    "check_folder",
    "check_output",
    "clean_orphans",
    "emit",
    "folder_lock",
    "is_stdout",
    "read_manifest",
    "write_all",
    "write_if_changed",
]

#: The names that mean "standard output" for ``-o``.
STDOUT = ("-", "/dev/stdout")
#: The list of files ``argmap render`` wrote into a folder: only these are ever removed from it.
MANIFEST = ".argmap-manifest.json"
_LOCK = ".argmap.lock"
_TMP_TAG = ".argmap-"


def _fail(path: str | Path, e: OSError, verb: str = "write") -> ArgmapError:
    cause = e.strerror or str(e)
    where = e.filename if isinstance(e.filename, str) and e.filename != str(path) and not Path(e.filename).name.startswith(".") else None
    return ArgmapError(f"{path}: cannot {verb} ({cause}{f': {where}' if where else ''})")


#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    r"""A text cell for a CSV meant to be opened in a spreadsheet: one that would start a formula gets a leading ``'``.

    Numbers and other values pass unchanged. Files that argmap reads back (claims CSVs) are never changed this way.

    >>> spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("-1 is fine as text too"), spreadsheet_safe(-1), spreadsheet_safe("ok")
    ("'=SUM(A1)", "'-1 is fine as text too", -1, 'ok')
    """
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA) else cell


def is_stdout(path: str | Path | None) -> bool:
    """Whether ``path`` names standard output (``-`` or ``/dev/stdout``)."""
    return path is not None and str(path) in STDOUT


def check_output(path: str | Path) -> Path | None:
    """The regular file that writing ``path`` would replace (a symlink's target), or None for stdout.

    Refuses, before anything is read or drawn, a path that names a folder, a device, a pipe or a socket.

    >>> check_output("/dev/null")
    Traceback (most recent call last):
    argmap.core.errors.ArgmapError: /dev/null: is a device, not a regular file; argmap writes only regular files (use - for standard output)
    """
    if is_stdout(path):
        return None
    real = Path(os.path.realpath(path))
    try:
        st = os.stat(real)
    except FileNotFoundError:
        parent = real.parent
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent
        if not parent.is_dir():
            raise ArgmapError(f"{path}: cannot write ({parent} is a file, not a folder)") from None
        return real
    except OSError as e:
        raise _fail(path, e) from None
    if stat.S_ISREG(st.st_mode):
        return real
    if stat.S_ISDIR(st.st_mode):
        raise ArgmapError(f"{path}: is a folder, not a file; name a file to write")
    kind = {stat.S_ISFIFO(st.st_mode): "a named pipe (FIFO)", stat.S_ISSOCK(st.st_mode): "a socket"}.get(True, "a device")
    raise ArgmapError(f"{path}: is {kind}, not a regular file; argmap writes only regular files (use - for standard output)")


def check_folder(path: str | Path) -> Path:
    """``path`` as an output folder: refused when it, or a folder above it, is a file."""
    p = Path(path)
    probe = p
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    if probe.exists() and not probe.is_dir():
        what = "is a file, not a folder" if probe == p else f"cannot write ({probe} is a file, not a folder)"
        raise ArgmapError(f"{path}: {what}")
    return p


def _same(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except FileNotFoundError:
        return False
    except OSError as e:
        raise _fail(target, e, "read") from None


def _same_file(target: Path, staged: str) -> bool:
    """Whether ``target`` holds the bytes of the file ``staged``, read a block at a time (neither is held whole)."""
    try:
        if os.stat(target).st_size != os.stat(staged).st_size:
            return False
        with open(target, "rb") as a, open(staged, "rb") as b:
            while (block := a.read(1 << 20)) == b.read(1 << 20):
                if not block:
                    return True
            return False
    except FileNotFoundError:
        return False
    except OSError as e:
        raise _fail(target, e, "read") from None


def _makedirs(folder: Path) -> list[Path]:
    """Create ``folder`` and the missing folders above it; returns those created, outermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for d in reversed(missing):
        os.mkdir(d)
    return list(reversed(missing))


def _stage(target: Path, data: bytes | Iterable[bytes]) -> str:
    """Write ``data`` (bytes, or byte chunks as they come) to a new temporary file beside ``target``; returns its path."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}{_TMP_TAG}{os.getpid()}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.writelines([data] if isinstance(data, bytes) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def clean_orphans(folder: str | Path) -> int:
    """Remove temporary files that a killed argmap run left in ``folder`` (their process is gone); returns how many."""
    n = 0
    with contextlib.suppress(OSError):
        for p in Path(folder).glob(f".*{_TMP_TAG}*-*.tmp"):
            pid = p.name.rsplit(_TMP_TAG, 1)[-1].split("-", 1)[0]
            if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
                continue
            with contextlib.suppress(OSError):
                p.unlink()
                n += 1
    return n


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def write_all(files: Mapping[Any, bytes | Iterable[bytes]], remove: tuple[Path, ...] = ()) -> dict[Path, bool]:
    """Write every file whose content changed, all or nothing; then remove ``remove``. Returns each path and whether it changed.

    A file's content is bytes, or an iterable of byte chunks: those are written as they come (a big file is never
    held whole) and compared with the target once written. Every temporary file is written first; the targets are
    replaced only when all were written. On any failure the temporary files and the folders made for them are
    removed and an :class:`ArgmapError` names the path and the cause.
    """
    data = {Path(p): d for p, d in files.items()}
    targets: dict[Path, Path] = {}
    for p in data:
        t = check_output(p)
        if t is None:
            raise ArgmapError(f"{p}: a batch of files cannot go to standard output")
        targets[p] = t
    changed = {p: not _same(targets[p], d) for p, d in data.items() if isinstance(d, bytes)}  # chunks: compared once staged
    for folder in {t.parent for t in targets.values()}:
        clean_orphans(folder)
    staged: list[tuple[str, Path]] = []
    made: list[Path] = []
    current = None
    try:
        for p, t in targets.items():
            if changed.get(p, True):
                current = p
                made += _makedirs(t.parent)
                staged.append((_stage(t, data[p]), t))
                if p not in changed:
                    changed[p] = not _same_file(t, staged[-1][0])
                    if not changed[p]:
                        os.unlink(staged.pop()[0])
    except BaseException as e:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for d in reversed(made):
            with contextlib.suppress(OSError):
                d.rmdir()
        if isinstance(e, OSError):
            raise _fail(current if current is not None else "output", e) from None
        raise
    _swap_in(staged)
    for r in remove:
        try:
            r.unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            raise _fail(r, e, "remove") from None
    return {p: changed[p] for p in targets}


def _swap_in(staged: list[tuple[str, Path]]) -> None:
    """Move each staged file onto its target; if one move fails, put back every target already moved, and raise.

    Each target that exists is first kept under a temporary name (a hard link, or a copy where links are not
    allowed), so that a failure halfway restores the folder as it was.
    """
    done: list[tuple[Path, str | None]] = []
    try:
        for tmp, t in staged:
            backup = None
            if os.path.lexists(t):
                backup = tmp[: -len(".tmp")] + "-old.tmp"
                try:
                    os.link(t, backup)
                except OSError:
                    shutil.copy2(t, backup)
            done.append((t, backup))
            os.replace(tmp, t)
    except BaseException as e:
        for t, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    os.unlink(t)
                else:
                    os.replace(backup, t)
        for tmp, _ in staged:
            for leftover in (tmp, tmp[: -len(".tmp")] + "-old.tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        if isinstance(e, OSError):
            raise _fail(done[-1][0] if done else "output", e) from None
        raise
    for _, backup in done:
        if backup is not None:
            with contextlib.suppress(OSError):
                os.unlink(backup)


def write_if_changed(path: str | Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically (through a symlink to its target), only if it differs; True if written."""
    return write_all({Path(path): data})[Path(path)]


def emit(data: bytes, output: str | Path | None) -> str:
    """Write ``data`` to ``output`` (atomically, only if changed) or to stdout for None and ``-``; says which."""
    if output is not None and not is_stdout(output):
        return "written" if write_if_changed(output, data) else "unchanged"
    stream = getattr(sys.stdout, "buffer", None)
    sys.stdout.flush()
    if stream is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        stream.write(data)
        stream.flush()
    return "printed"


def read_manifest(folder: str | Path) -> set[str]:
    """The names of the files argmap wrote into ``folder`` (empty when it has no readable manifest)."""
    try:
        names = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        return set()
    return {n for n in names if isinstance(n, str) and "/" not in n and "\\" not in n and n not in (".", "..")}


def manifest_bytes(names: set[str], command: str) -> bytes:
    """The manifest listing ``names``, the files ``command`` wrote into a folder (the only ones it may later remove)."""
    body = {"written by": f"argmap {command}", "note": "argmap removes only files listed here", "files": sorted(names)}
    return (json.dumps(body, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


@contextlib.contextmanager
def folder_lock(folder: str | Path, *, command: str = "argmap") -> Iterator[None]:
    """Hold ``folder``'s lock file while writing into it; a second run waits for the first and says so on stderr.

    The lock file is removed when the run is done; a folder that did not exist is created only for the lock
    and removed again if nothing was written into it.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks here
        yield
        return
    folder = check_folder(folder)
    path = folder / _LOCK
    said = False
    fd = -1
    made: list[Path] = []
    try:
        while True:
            try:
                made += _makedirs(folder)  # again if the run before us removed the folder it had made
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise _fail(folder, e) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not said:
                    print(f"{command}: waiting for another argmap run writing into {printable(str(folder))} (lock file {_LOCK})", file=sys.stderr, flush=True)
                    said = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if same:
                break
            os.close(fd)  # the holder removed it meanwhile: lock the new one
            fd = -1
        yield
    finally:
        if fd >= 0:
            with contextlib.suppress(OSError):
                os.unlink(path)
            os.close(fd)
        for d in reversed(made):
            with contextlib.suppress(OSError):
                d.rmdir()
