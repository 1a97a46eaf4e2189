"""A fontconfig set-up for the bundled Graphviz: DejaVu Sans from matplotlib's wheel, so every machine has the same font."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from html import escape
from pathlib import Path

__all__ = ["FONT_DIRS", "bundled_font_dir", "fontconfig_file", "use_bundled_fonts"]

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


def fontconfig_file() -> Path:
    """Write (once per content) a fonts.conf listing the bundled DejaVu fonts first; return its path."""
    dirs = [d for d in [bundled_font_dir(), *map(Path, FONT_DIRS)] if d is not None and d.is_dir()]
    cache = Path(tempfile.gettempdir()) / f"argmap-fontconfig-{os.getuid() if hasattr(os, 'getuid') else 'user'}"
    body = "".join(f"  <dir>{escape(str(d))}</dir>\n" for d in dirs)
    text = f'<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n{body}  <cachedir>{escape(str(cache))}</cachedir>\n</fontconfig>\n'
    cache.mkdir(parents=True, exist_ok=True)
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
