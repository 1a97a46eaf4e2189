"""Running the pinned Argdown CLI (``@argdown/cli`` in ``package.json``) to turn an ``.argdown`` file into its JSON."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from argmap.core.errors import ArgmapError
from argmap.formats.jsonin import read_json

__all__ = ["INSTALL", "argdown_cli", "is_argdown_text", "parse_argdown"]

#: What to do when the CLI is missing.
INSTALL = "run `npm ci` in the argmap folder (make setup does it) or `npm install -g @argdown/cli@1.7.5`, or pass the output of `argdown json FILE`"
_AT = re.compile(r"At (\d+):(\d+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def argdown_cli() -> Path | None:
    """The Argdown CLI: ``node_modules/.bin/argdown`` of the argmap checkout or the current folder, else one on PATH."""
    here = Path(__file__).resolve().parents[2]
    for folder in (here, Path.cwd()):
        cli = folder / "node_modules" / ".bin" / "argdown"
        if cli.exists():
            return cli
    found = shutil.which("argdown")
    return Path(found) if found else None


def is_argdown_text(raw: bytes, path: str | Path) -> bool:
    """True for Argdown text, False for JSON: by the suffix, else by the first character that is not a space."""
    if Path(path).suffix.lower() in (".argdown", ".ad"):
        return True
    if Path(path).suffix.lower() == ".json":
        return False
    return not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def parse_argdown(path: str | Path) -> Any:
    """The JSON the Argdown CLI makes of the Argdown file ``path`` (run on a copy in a temporary folder)."""
    file = str(path)
    cli = argdown_cli()
    if cli is None or shutil.which("node") is None:
        raise ArgmapError(f"{file}: is Argdown text; reading it needs the Argdown CLI and Node.js: {INSTALL}")
    with tempfile.TemporaryDirectory(prefix="argmap-argdown-") as tmp:
        src = Path(tmp) / "map.argdown"
        shutil.copyfile(path, src)
        try:
            done = subprocess.run([str(cli), "json", src.name, "out"], cwd=tmp, capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired:
            raise ArgmapError(f"{file}: the Argdown CLI did not finish within 300 s") from None
        out = Path(tmp) / "out" / "map.json"
        if done.returncode != 0 or not out.exists():
            raise ArgmapError(f"{file}{_first_error(done.stdout + done.stderr)}")
        return read_json(out)


def _first_error(log: str) -> str:
    """``:LINE:COL: message`` for the first syntax error the CLI reported, else its last line."""
    lines = [ln.strip() for ln in _ANSI.sub("", log).splitlines() if ln.strip()]
    for i, ln in enumerate(lines):
        if m := _AT.match(ln):
            message = lines[i + 1] if i + 1 < len(lines) else "syntax error"
            return f":{m.group(1)}:{m.group(2)}: not valid Argdown ({message.split('. ')[0]})"
    return f": the Argdown CLI failed ({lines[-1] if lines else 'no output'})"
