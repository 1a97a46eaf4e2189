"""A content cache shared by the commands: which output bytes a given input made, so unchanged work is skipped.

An entry maps a key (a digest of everything the output depends on: input text, options, the code's and libraries'
versions) to the digest of the bytes that input produced. An output file is *fresh* when it exists and its bytes
have that digest, so the work is skipped only when its result is already on disk, byte for byte. Entries are
small files under ``$ARGMAP_CACHE`` (default ``$XDG_CACHE_HOME/argmap``, or ``~/.cache/argmap``), written
atomically, so parallel processes may share them; ``ARGMAP_CACHE=off`` turns the cache off.

>>> import tempfile, os
>>> before = os.environ.get("ARGMAP_CACHE")
>>> os.environ["ARGMAP_CACHE"] = tempfile.mkdtemp()
>>> memo, out = Memo("demo"), Path(os.environ["ARGMAP_CACHE"]) / "out.txt"
>>> key = digest("input text", "v1")
>>> memo.fresh(key, {"out": out}) is None
True
>>> _ = out.write_bytes(b"result"); memo.remember(key, {"out": b"result"})
>>> list(memo.fresh(key, {"out": out}))
['out']
>>> _ = out.write_bytes(b"edited by hand"); memo.fresh(key, {"out": out}) is None
True
>>> _ = os.environ.pop("ARGMAP_CACHE") if before is None else os.environ.update(ARGMAP_CACHE=before)
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["Memo", "cache_dir", "digest", "file_digest"]


def cache_dir() -> Path | None:
    """The cache folder, or None when ``ARGMAP_CACHE`` is ``off`` (or ``0``)."""
    env = os.environ.get("ARGMAP_CACHE", "")
    if env.lower() in ("off", "0", "no", "false"):
        return None
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "argmap"


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def file_digest(path: Path) -> str | None:
    """:func:`digest` of a file's bytes, or None if it cannot be read."""
    try:
        return digest(path.read_bytes())
    except OSError:
        return None


class Memo:
    """One kind of work's entries (``render``, ``charts``, …): key → the digest of each output it made, by label."""

    def __init__(self, kind: str) -> None:
        root = cache_dir()
        self.folder = root / kind if root is not None else None

    def _entry(self, key: str) -> Path | None:
        return self.folder / key[:2] / key if self.folder is not None else None

    def recall(self, key: str) -> dict[str, str] | None:
        """The outputs recorded for ``key`` (label → digest), or None."""
        entry = self._entry(key)
        if entry is None:
            return None
        try:
            pairs = [line.split(" ", 1) for line in entry.read_text(encoding="utf-8").splitlines()]
        except (OSError, UnicodeDecodeError):
            return None
        return {label: d for d, label in pairs} if pairs and all(len(p) == 2 for p in pairs) else None

    def fresh(self, key: str, paths: Mapping[str, Path]) -> dict[str, str] | None:
        """The recorded outputs if every one of them is on disk at ``paths[label]`` with the recorded bytes, else None."""
        recorded = self.recall(key)
        if recorded is None or not all(label in paths and file_digest(paths[label]) == d for label, d in recorded.items()):
            return None
        return recorded

    def remember(self, key: str, outputs: Mapping[str, bytes]) -> None:
        """Record the bytes ``key`` produced, by label (best effort: a cache that cannot be written is skipped silently)."""
        entry = self._entry(key)
        if entry is None:
            return
        text = "".join(f"{digest(data)} {label}\n" for label, data in outputs.items())
        tmp = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, entry)
        except OSError:
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
