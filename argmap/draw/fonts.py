"""A fontconfig set-up for the bundled Graphviz: DejaVu Sans from matplotlib's wheel, so every machine has the same font."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.util
import os
import shutil
import stat
import sys
import tempfile
from html import escape
from pathlib import Path

__all__ = ["FONT_DIRS", "bundled_font_dir", "fontconfig_file", "private_dir", "use_bundled_fonts"]

#: System folders searched after the bundled fonts, for scripts DejaVu Sans lacks (emoji, CJK, …).
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "/Library/Fonts", "/System/Library/Fonts", "C:\\Windows\\Fonts")


def bundled_font_dir() -> Path | None:
    """matplotlib's DejaVu folder, found from its package location: importing matplotlib would cost a fifth of a second."""
    spec = importlib.util.find_spec("matplotlib")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "mpl-data" / "fonts" / "ttf"
        if (path / "DejaVuSans.ttf").exists():
            return path
    return None


def _base_dir() -> Path:
    """Where the fonts.conf and fontconfig's cache go: inside the virtual environment, else a per-user folder in the temp folder."""
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix) / "var" / "argmap-fontconfig"
    return Path(tempfile.gettempdir()) / f"argmap-fontconfig-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def _is_private(folder: Path) -> bool:
    """Whether ``folder`` is a real folder (not a symlink), owned by this user and closed to everyone else."""
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        return False
    if hasattr(os, "getuid") and (st.st_uid != os.getuid() or st.st_mode & 0o077):
        return False
    return True


def private_dir() -> Path:
    """A folder only this user can write: :func:`_base_dir` if it is private (made 0700 if missing), else a fresh ``mkdtemp`` folder.

    A folder someone else made or can write (who could plant symlinks there) is never used.
    """
    base = _base_dir()
    with contextlib.suppress(OSError):
        base.parent.mkdir(parents=True, exist_ok=True)
        base.mkdir(mode=0o700)
    if _is_private(base):
        return base
    fresh = Path(tempfile.mkdtemp(prefix="argmap-fontconfig-"))
    atexit.register(shutil.rmtree, fresh, True)
    return fresh


def fontconfig_file() -> Path:
    """Write (once per content) a fonts.conf listing the bundled DejaVu fonts first, in :func:`private_dir`; return its path."""
    dirs = [d for d in [bundled_font_dir(), *map(Path, FONT_DIRS)] if d is not None and d.is_dir()]
    cache = private_dir()
    body = "".join(f"  <dir>{escape(str(d))}</dir>\n" for d in dirs)
    text = f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n{body}  <cachedir>{escape(str(cache))}</cachedir>\n</fontconfig>\n'
    # one file per content: installs with matplotlib in different places (several virtual environments) never overwrite each other's
    conf = cache / f"fonts-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.conf"
    if not conf.exists() or conf.read_text(encoding="utf-8") != text:
        tmp = conf.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, conf)
    return conf


def use_bundled_fonts() -> None:
    """Point fontconfig at :func:`fontconfig_file`, unless the user chose a FONTCONFIG_FILE; call before the first render."""
    if "FONTCONFIG_FILE" not in os.environ:
        os.environ["FONTCONFIG_FILE"] = str(fontconfig_file())
