"""DOT syntax: quoting strings and writing attribute lists (the one place DOT text is escaped)."""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["attrs", "dot_string"]

#: The longest any DOT string may be before escaping (Graphviz's lexer stops at 16,384 bytes).
STRING_MAX = 3000
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Anything :func:`dot_string` changes: without it (and not too long), a string is only put in quotes.
_CHANGED = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029&\\\"]")


def dot_string(s: str) -> str:
    """Quote ``s`` as a DOT string: backslashes and quotes escaped, newlines as line breaks.

    >>> print(dot_string('say "hi"\\\\ now\\nthen'))
    "say \\"hi\\"\\\\ now\\nthen"
    """
    if len(s) <= STRING_MAX and not _CHANGED.search(s):  # most values (colours, shapes, ids, one-line labels): nothing to escape
        return f'"{s}"'
    s = _CONTROL.sub("", s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n"))
    if len(s) > STRING_MAX:  # Graphviz refuses a quoted string over 16,384 bytes; "&" grows five-fold below
        s = f"{s[:STRING_MAX]}… (shortened; {len(s):,} characters in all)"
    s = s.replace("&", "&amp;")  # Graphviz decodes entities in labels: keep "&amp;" in the data as written
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", " ")
    return f'"{s}"'


def attrs(values: Mapping[str, str]) -> str:
    """A DOT attribute list; empty values are left out.

    >>> attrs({"label": 'a "b"', "color": ""})
    '[label="a \\\\"b\\\\""]'
    """
    return "[" + " ".join(f"{k}={dot_string(v)}" for k, v in values.items() if v != "") + "]"
