"""The source text of a map: its numbered body paragraphs and its metadata."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.errors import ArgmapError, read_input

__all__ = ["Source", "find_source", "split_paragraphs"]

_BLANK_LINE = re.compile(r"\n\s*\n")


def split_paragraphs(text: str) -> list[str]:
    """Split a text into blocks at blank lines (whitespace-only lines count as blank).

    >>> split_paragraphs("Title\\n\\nBy me\\n\\n\\u00a0\\n\\nFirst.\\nStill first.\\n\\nSecond.  ")
    ['Title', 'By me', 'First.\\nStill first.', 'Second.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [b.strip() for b in _BLANK_LINE.split(text) if b.strip()]


@dataclass(frozen=True)
class Source:
    """A source text: body paragraphs numbered from 1, plus metadata from ``NAME.json`` beside it."""

    path: Path
    paragraphs: tuple[str, ...]
    front_matter: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def load(cls, path: str | Path) -> Source:
        """Read ``path`` (UTF-8) and the metadata file with the same stem and ``.json``, if any."""
        path = Path(path)
        raw = read_input(path, "source file")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            line = raw.count(b"\n", 0, e.start) + 1
            raise ArgmapError(f"{path}:{line}: source is not UTF-8 (byte 0x{raw[e.start]:02x}); save it as UTF-8") from None
        meta: dict = {}
        meta_path = path.with_suffix(".json")
        if meta_path.exists():
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
            except (ValueError, UnicodeDecodeError) as e:
                raise ArgmapError(f"{meta_path}: metadata is not valid JSON ({e})") from None
        blocks = split_paragraphs(text)
        skip = int(meta.get("front_matter_blocks", 0))
        return cls(path=path, paragraphs=tuple(blocks[skip:]), front_matter=tuple(blocks[:skip]), meta=meta)

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or (self.front_matter[0] if self.front_matter else self.path.stem))

    def paragraph(self, number: int) -> str:
        """Body paragraph ``number``, counting from 1."""
        return self.paragraphs[number - 1]

    def find(self, quote: str) -> list[int]:
        """Numbers of the paragraphs that contain ``quote`` verbatim."""
        return [i for i, p in enumerate(self.paragraphs, 1) if quote in p]


def find_source(claims: str | Path) -> Path:
    """The source text beside a claims file: the one ``sources/*.txt`` in its folder."""
    folder = Path(claims).resolve().parent / "sources"
    found = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    if len(found) == 1:
        return found[0]
    shown = Path(claims).parent / "sources"
    if not found:
        raise ArgmapError(f"{claims}: no source text found in {shown}/; pass --source FILE")
    names = ", ".join(p.name for p in found)
    raise ArgmapError(f"{claims}: several source texts in {shown}/ ({names}); pass --source FILE")
