"""Argdown text: one statement per row, tagged with its type, nested under its parent with <+, <- or <_."""

from __future__ import annotations

import json
import re

from argmap.core.model import ArgumentMap
from argmap.core.schema import schema

__all__ = ["ARROWS", "escape", "to_argdown", "yaml_string"]

#: How each relation is written under the statement it bears on (incoming support, attack, undercut).
ARROWS = {"supports": "<+", "attacks": "<-", "undercuts": "<_"}

_ALWAYS = set("\\@#*_[]{}<>/")
# characters that the data block or a line cannot hold as they are; see yaml_string
_UNSAFE_IN_YAML = re.compile("[{}\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
# text the Argdown parser would not give back exactly: line breaks, tabs, outer or doubled spaces
_NOT_INLINE = re.compile(r"[^\S ]|[\x00-\x1f\x7f-\x9f\ufeff]|^ | $|  ")
_STRUCTURE = ("id", "type", "text", "parent", "relation")


def escape(text: str) -> str:
    r"""``text`` with a backslash before every character Argdown would read as markup.

    Dots and colons are escaped only where they could start a shortcode such as ``.A.``;
    ``-`` and ``=`` only where a run of them could start a relation, inference or front matter.

    >>> print(escape("A #1 [see] <x> e.g. 10:30 -- a->b == c_d"))
    A \#1 \[see\] \<x\> e\.g. 10\:30 \-- a\-\>b \== c\_d
    """
    out = []
    for i, c in enumerate(text):
        nxt = text[i + 1] if i + 1 < len(text) else " "
        if c in _ALWAYS or (c in ".:" and not nxt.isspace()) or (c == "-" and nxt in "->") or (c == "=" and nxt == "="):
            out.append("\\" + c)
        else:
            out.append(c)
    return "".join(out)


def yaml_string(value: str) -> str:
    r"""``value`` as a double-quoted YAML string that Argdown's data block can hold.

    >>> print(yaml_string('say "hi" {now} – ok'))
    "say \"hi\" \u007bnow\u007d – ok"
    """
    quoted = json.dumps(value, ensure_ascii=False)
    return _UNSAFE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _tag(word: str) -> str:
    return "#" + word if re.fullmatch(r"[A-Za-z0-9-]+", word) else "#(" + word.replace(")", "") + ")"


def _statement(row: dict[str, str], columns: tuple[str, ...]) -> str:
    data = {k: row[k] for k in columns if k not in _STRUCTURE and row.get(k, "") != ""}
    text = row.get("text", "")
    if _NOT_INLINE.search(text):
        data["text"] = text  # kept exactly in the data; the line shows it on one line
    shown = escape(" ".join(text.split()) if "text" in data else text)
    tags = [_tag(row["type"])]
    if row.get("origin") and row["origin"] != "article":
        tags.append(_tag(row["origin"]))
    block = "{" + ", ".join(f"{k}: {yaml_string(v)}" for k, v in data.items()) + "}"
    return " ".join(part for part in (f"[{row['id']}]:", shown, *tags, block) if part)


def to_argdown(amap: ArgumentMap, title: str | None = None) -> str:
    """The map as Argdown: each root a top-level statement, each other row nested under its parent.

    Every column but the structure is kept in the statement's data block, so importing the
    JSON that the Argdown CLI makes of it gives the same rows back. An undercut is written
    under the row whose inference to its own parent it attacks (the same rule as ``claims.csv``).

    >>> m = ArgumentMap([
    ...     {"id": "T1", "type": "thesis", "text": "Act now", "parent": "", "relation": "", "origin": "article", "paragraph": "1"},
    ...     {"id": "O1", "type": "objection", "text": "Too costly", "parent": "T1", "relation": "attacks", "origin": "analyst"},
    ... ])
    >>> print(to_argdown(m, title="Demo"), end="")
    ===
    title: "Demo"
    ===
    <BLANKLINE>
    [T1]: Act now #thesis {paragraph: "1", origin: "article"}
      <- [O1]: Too costly #objection #analyst {origin: "analyst"}
    """
    title = title if title is not None else (amap.source.title if amap.source is not None else "")
    columns = schema("claims").names
    out = ["===", "title: " + yaml_string(title).replace("=", "\\u003d"), "===", ""] if title else []  # no "===" inside
    for root in amap.roots():
        if out and out[-1] != "":
            out.append("")
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            row = amap[node]
            arrow = ARROWS[row["relation"]] + " " if depth else ""
            out.append("  " * depth + arrow + _statement(row, columns))
            stack.extend((c, depth + 1) for c in reversed(amap.children(node)))
    return "\n".join(out) + "\n"
