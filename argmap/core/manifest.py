"""An output folder's manifest (the files argmap wrote there, the only ones it may remove) and its lock.

The lock file (:func:`folder_lock`) makes a second run into the same folder wait until the first is done.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from argmap.core.errors import printable
from argmap.core.output import check_folder, make_folders, os_failure

__all__ = ["MANIFEST", "folder_lock", "manifest_bytes", "read_manifest"]

#: The list of files ``argmap render`` wrote into a folder: only these are ever removed from it.
MANIFEST = ".argmap-manifest.json"
_LOCK = ".argmap.lock"


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
                made += make_folders(folder)  # again if the run before us removed the folder it had made
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise os_failure(folder, e) from None
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
