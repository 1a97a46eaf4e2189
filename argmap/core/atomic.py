"""Writing output files atomically, all or nothing; and :func:`emit`, a file or standard output.

Every command writes through this module. A write goes to a temporary file beside its target, which then replaces
the target in one step, so a reader never sees half a file. A batch (:func:`write_all`) first writes every
temporary file, and replaces the targets only when all of them were written: a full disk or a read-only folder
leaves the folder as it was (a move that fails halfway puts back the files already moved). Temporary files left by a killed run are removed by the next run into that folder.
Targets are checked first (:mod:`argmap.core.output`): only regular files, through symlinks.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError
from argmap.core.output import check_output, is_stdout, make_folders, os_failure

__all__ = ["clean_orphans", "emit", "write_all", "write_if_changed"]

_TMP_TAG = ".argmap-"


def _same(target: Path, data: bytes) -> bool:
    try:
        if target.stat().st_size != len(data):
            return False
        return target.read_bytes() == data
    except FileNotFoundError:
        return False
    except OSError as e:
        raise os_failure(target, e, "read") from None


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
        raise os_failure(target, e, "read") from None


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
                made += make_folders(t.parent)
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
            raise os_failure(current if current is not None else "output", e) from None
        raise
    _swap_in(staged)
    for r in remove:
        try:
            r.unlink()
        except FileNotFoundError:
            pass
        except OSError as e:
            raise os_failure(r, e, "remove") from None
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
            raise os_failure(done[-1][0] if done else "output", e) from None
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
