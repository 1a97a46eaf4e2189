"""The source text of a map: its numbered body paragraphs and its metadata."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.errors import ArgmapError, InvalidMap, Problem, read_text
from argmap.core.jsontext import parse_json
from argmap.core.schema import schema
from argmap.core.text import did_you_mean, quoted

__all__ = ["Source", "check_meta", "find_source", "needs_source", "read_meta", "split_paragraphs"]

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
        text = read_text(path, "source file", "source", "save it as UTF-8")
        meta_path = path.with_suffix(".json")
        meta = read_meta(meta_path) if meta_path.exists() else {}
        blocks = split_paragraphs(text)
        problems = check_meta(meta, str(meta_path), len(blocks))
        if problems or not isinstance(meta, dict):  # check_meta refuses anything but an object
            raise InvalidMap(problems)
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


#: Metadata is a flat object with one list of small objects (``reprints``): anything deeper is refused.
_META_DEPTH = 20
#: Longest number accepted in metadata, in characters.
_META_DIGITS = 20


def read_meta(path: str | Path) -> object:
    """The parsed JSON of a source's metadata file; an :class:`ArgmapError` in one line naming the file for anything
    that is not UTF-8 JSON (a BOM is allowed), is nested too deep, holds an overlong number or a lone surrogate.
    What the JSON holds is checked by :func:`check_meta`.

    >>> import tempfile, os; f = os.path.join(tempfile.mkdtemp(), "a.json")
    >>> _ = open(f, "w").write('{"front_matter_blocks": ' + "9" * 5000 + "}")
    >>> read_meta(f)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    argmap.core.errors.ArgmapError: ...a.json: metadata holds a number of 5,000 characters; numbers longer than 20 are refused
    """
    text = read_text(path, "metadata file", "metadata", "save it as UTF-8")
    return parse_json(text, str(path), what="metadata", max_depth=_META_DEPTH, max_digits=_META_DIGITS)


def _bad_date(v: object) -> str | None:
    if not isinstance(v, str) or not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", v):
        return f"{quoted(v)} is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"
    parts = v.split("-")
    try:
        if len(parts) == 3:
            dt.date.fromisoformat(v)
        elif len(parts) == 2 and not 1 <= int(parts[1]) <= 12:
            raise ValueError
    except ValueError:
        return f"'{v}' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)"
    return None


def _unknown(key: str, known: list[str]) -> str:
    return f"unknown key '{key}'" + (did_you_mean(key, known) or f"; known keys: {', '.join(known)}")


def check_meta(meta: object, file: str, blocks: int | None = None) -> list[Problem]:
    """Every problem of a source's metadata against ``argmap/schemas/source.json``; ``blocks`` is how many blocks the
    text has, so that ``front_matter_blocks`` leaves at least one body paragraph.

    >>> for p in check_meta({"titel": "T", "front_matter_blocks": "2", "published": "2024-13"}, "a.json", 5):
    ...     print(p)
    a.json: titel: unknown key 'titel'; did you mean 'title'?
    a.json: front_matter_blocks: '2' is not a whole number (write 2, not "2")
    a.json: published: '2024-13' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)
    """
    if not isinstance(meta, dict):
        return [Problem(file, None, None, None, 'metadata must be a JSON object of keys and values, e.g. {"title": "…"}', "meta-not-object")]
    sch = schema("source")
    fields = {f.name: f for f in sch.fields}
    out: list[Problem] = []
    for key, value in meta.items():
        f = fields.get(key)
        bad: str | None = None
        if f is None:
            bad = _unknown(key, list(fields))
        elif f.type == "string":
            bad = None if isinstance(value, str) else f"{json.dumps(value)} is not text"
            if bad is None and f.pattern and not re.fullmatch(f.pattern, value):
                bad = f"{quoted(value)} is malformed; expected: {f.description}"
        elif f.type == "date":
            bad = _bad_date(value)
        elif f.type == "integer":
            if isinstance(value, str) and value.strip().isdigit():
                bad = f'{quoted(value)} is not a whole number (write {value.strip()[:20]}, not "{value.strip()[:20]}")'
            elif not isinstance(value, int) or isinstance(value, bool):
                bad = f"{json.dumps(value)} is not a whole number"
            elif f.minimum is not None and value < f.minimum:
                bad = f"{value} is less than {f.minimum}"
            elif key == "front_matter_blocks" and blocks is not None and value >= blocks:
                bad = f"is {value}, but the text has only {blocks} block{'s' if blocks != 1 else ''}: no body paragraph would be left"
        elif key == "author_affiliations":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                bad = "must be a list of strings"
        elif key == "reprints":
            bad = _bad_reprints(value)
        if bad:
            out.append(Problem(file, None, None, key, bad, "meta-unknown-key" if f is None else f"meta-{f.type}"))
    return out


def _bad_reprints(value: object) -> str | None:
    if not isinstance(value, list):
        return "must be a list of objects with 'outlet' and 'date'"
    for n, item in enumerate(value, 1):
        if not isinstance(item, dict) or set(item) - {"outlet", "date"} or not isinstance(item.get("outlet"), str):
            return f"item {n} must be an object with 'outlet' (text) and 'date' (YYYY, YYYY-MM or YYYY-MM-DD)"
        if "date" in item and (why := _bad_date(item["date"])):
            return f"item {n}: date: {why}"
    return None


def needs_source(rows: list[dict[str, str]]) -> bool:
    """Whether any row quotes a source: a quote or paragraph, or the author's own row (origin ``article``, not a restatement).

    A map whose rows are all the analyst's (a student's own argument, an imported map) needs no source text.

    >>> needs_source([{"origin": "analyst", "quote": "", "paragraph": ""}]), needs_source([{"origin": "article"}])
    (False, True)
    """
    return any(r.get("quote") or r.get("paragraph") or (r.get("origin") == "article" and not r.get("same_as")) for r in rows)


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
