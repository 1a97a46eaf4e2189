"""Checks of the quotes: every article row's quote is verbatim in its paragraph of the source, and when it is not,
where it stops matching (:func:`mismatch`).
"""

from __future__ import annotations

import unicodedata

from argmap.core.errors import Problem
from argmap.core.graph_checks import table_files
from argmap.core.source import Source
from argmap.core.table import Table
from argmap.core.text import whole

__all__ = ["check_quotes", "mismatch"]


def check_quotes(table: Table, source: Source | None) -> list[Problem]:
    out: list[Problem] = []
    n = len(source.paragraphs) if source else 0
    for row, file, line in zip(table.rows, table_files(table), table.lines):
        rid, quote, para, origin = row["id"], row["quote"], row["paragraph"], row["origin"]
        if row.get("same_as"):
            continue  # its quote is the original's; _check_same_as says when one is copied
        if origin == "article":
            if not quote:
                out.append(Problem(file, line, rid, "quote", "is empty; a row from the article needs the verbatim words it stands for", "quote-missing"))
            if not para:
                out.append(Problem(file, line, rid, "paragraph", "is empty; a row from the article needs the paragraph of its quote", "paragraph-missing"))
        elif quote:
            out.append(
                Problem(
                    file,
                    line,
                    rid,
                    "quote",
                    f"a row with origin '{origin}' must not carry a quote: quotes are for the author's words (origin 'article')",
                    "quote-not-article",
                )
            )
            continue
        elif para:
            out.append(Problem(file, line, rid, "paragraph", "is set but there is no quote", "paragraph-without-quote"))
        p = whole(para) or 0
        if not (quote and source and p >= 1):
            continue
        if p > n:
            out.append(Problem(file, line, rid, "paragraph", f"paragraph {p} does not exist; {source.path.name} has {n}", "paragraph-range"))
            continue
        if quote in source.paragraph(p):
            continue
        elsewhere = source.find(quote)
        if elsewhere:
            out.append(Problem(file, line, rid, "quote", f"is in paragraph {elsewhere[0]}, not in paragraph {p}", "quote-elsewhere"))
        else:
            out.append(Problem(file, line, rid, "quote", "is not verbatim in the source: " + mismatch(quote, source, p), "quote-mismatch"))
    return out


def mismatch(quote: str, source: Source, para: int) -> str:
    """Where ``quote`` stops matching its paragraph, naming the two characters."""
    text = source.paragraph(para)
    lo, hi = 0, len(quote)
    while lo < hi:  # longest prefix of quote found in text
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo == 0:
        return f"its first character {_char(quote[0])} starts no match in paragraph {para}"
    at = text.index(quote[:lo]) + lo
    found = _char(text[at]) if at < len(text) else "the end of the paragraph"
    context = quote[max(0, lo - 20) : lo]
    return f"after '…{context}' the quote has {_char(quote[lo])} where paragraph {para} has {found}"


def _char(c: str) -> str:
    name = unicodedata.name(c, "")
    return f"'{c}' (U+{ord(c):04X}{' ' + name if name else ''})"
