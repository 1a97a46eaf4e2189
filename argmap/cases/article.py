"""Reading an article for a new case: plain text or Markdown, its blocks, and which leading blocks are front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from argmap.core.errors import ArgmapError, read_text
from argmap.core.source import split_paragraphs

__all__ = ["Article", "detect_front_matter", "read_article"]

#: Suffixes read as they are; others get a message saying how to make a .txt.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_CONVERT = {
    ".html": "open it in a browser, select the article's text, and paste it into a .txt file (one blank line between paragraphs)",
    ".htm": "open it in a browser, select the article's text, and paste it into a .txt file (one blank line between paragraphs)",
    ".docx": "open it in a word processor and save it as 'Plain text (.txt)' in UTF-8",
    ".odt": "open it in a word processor and save it as 'Plain text (.txt)' in UTF-8",
    ".pdf": "copy its text into a .txt file (one blank line between paragraphs); check the quotes after copying",
    ".rtf": "open it in a word processor and save it as 'Plain text (.txt)' in UTF-8",
}
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’)]*$")


@dataclass(frozen=True)
class Article:
    """An article's text, split into blocks at blank lines."""

    path: Path
    text: str
    blocks: tuple[str, ...]


def read_article(path: str | Path) -> Article:
    """Read a ``.txt`` or ``.md`` article as UTF-8; any other kind is refused with what to do instead."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _CONVERT:
        raise ArgmapError(f"{path}: argmap reads plain text (.txt or .md); {_CONVERT[suffix]}, then run argmap new on that file")
    if suffix not in TEXT_SUFFIXES:
        raise ArgmapError(f"{path}: argmap reads plain text (.txt or .md), not {suffix or 'a file without a suffix'}; save the article as UTF-8 text")
    text = read_text(path, "article", "the article", "save it as UTF-8 text")
    blocks = tuple(split_paragraphs(text))
    if not blocks:
        raise ArgmapError(f"{path}: the article is empty")
    return Article(path, text, blocks)


def detect_front_matter(blocks: tuple[str, ...] | list[str]) -> int:
    """How many leading blocks look like a title, a byline or a date line rather than body text.

    A front-matter block is one short line (under 120 characters) that does not end like a sentence, or that
    starts with "By " or a Markdown heading mark; detection stops at the first body-like block, and at least one
    body paragraph is always left.

    >>> detect_front_matter(["The Case for Lanes", "By A. Example, an op-ed", "The city should build lanes.", "More."])
    2
    >>> detect_front_matter(["# Title", "The first paragraph says something."])
    1
    >>> detect_front_matter(["Only one paragraph, and it is the body."])
    0
    """
    n = 0
    for block in blocks[:-1]:
        line = block.strip()
        short = "\n" not in line and len(line) < 120
        heading = line.startswith("#") or line.lower().startswith("by ")
        if short and (heading or not _SENTENCE_END.search(line)):
            n += 1
        else:
            break
    return n
