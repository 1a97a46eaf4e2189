"""Where output may go, checked before anything is read or drawn: standard output (``-``), a regular file (through
symlinks) or a folder; and CSV cells a spreadsheet will not read as formulas.

Writing itself is :mod:`argmap.core.atomic`'s job; an output folder's manifest and lock are :mod:`argmap.core.manifest`'s.

>>> check_output("-") is None
True
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from argmap.core.errors import ArgmapError

__all__ = ["STDOUT", "check_folder", "check_output", "is_stdout", "make_folders", "os_failure", "spreadsheet_safe"]

#: The names that mean "standard output" for ``-o``.
STDOUT = ("-", "/dev/stdout")


def os_failure(path: str | Path, e: OSError, verb: str = "write") -> ArgmapError:
    """The one-line error for ``e``, raised while trying to ``verb`` ``path``: the path, then the cause."""
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
        raise os_failure(path, e) from None
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


def make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and the missing folders above it; returns those created, outermost first.

    A folder that another run (two renders side by side) makes meanwhile is used as it is, and not returned: it is
    not this run's to remove.
    """
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    made = []
    for d in reversed(missing):
        try:
            os.mkdir(d)
        except FileExistsError:
            if not d.is_dir():
                raise
            continue
        made.append(d)
    return made
