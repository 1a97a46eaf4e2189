"""A Markdown outline of the map: nested bullets with each row's type, text and verbatim quote, for handouts."""

from __future__ import annotations

import re

from argmap.core.model import ArgumentMap

__all__ = ["md_escape", "to_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>~|&])")


def md_escape(text: str) -> str:
    r"""``text`` on one line, with Markdown's inline markup characters escaped.

    >>> print(md_escape("a *b* [c]\nd_e"))
    a \*b\* \[c\] d\_e
    """
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _relation(amap: ArgumentMap, row: dict[str, str]) -> str:
    rel = row["relation"]
    if rel == "undercuts":
        parent = amap[row["parent"]]
        rel = f"undercuts the step from {parent['id']} to {parent['parent']}"
    partners = [r for r in amap.children(row["parent"]) if r != row["id"] and row.get("group") and amap[r].get("group") == row["group"]]
    return rel + (f" (together with {', '.join(partners)})" if partners else "") + ": "


def _titled(row: dict[str, str]) -> str:
    """A statement's title after its id, when it has one that is not just its text.

    >>> _titled({"id": "S1", "title": "Status quo", "text": "Keep it"}), _titled({"id": "S2", "title": "", "text": "x"})
    (' “Status quo”', '')
    """
    title = row.get("title", "")
    return f" “{md_escape(title)}”" if title and title != row.get("text") else ""


def _item(amap: ArgumentMap, row: dict[str, str]) -> str:
    head = _relation(amap, row) if row.get("parent") else ""
    if amap.is_restatement(row["id"]):  # the same statement a second time: say so, and where the original is
        orig = amap[amap.statement_of(row["id"])]
        where = f"placed first under **{orig['parent']}**" if orig.get("parent") else "placed first as a root"
        line = (
            f"{head}**{row['id']}** · ↪ the same statement as **{orig['id']}**{_titled(orig)} ({where}) · *{orig['type']}* · {md_escape(orig.get('text', ''))}"
        )
        return line + (f" — *link added by {md_escape(row.get('origin', ''))}*" if row.get("origin") != "article" else "")
    line = f"{head}**{row['id']}**{_titled(row)} · *{row['type']}* · {md_escape(row.get('text', ''))}"
    if row.get("quote"):
        para = f" (¶{row['paragraph']})" if row.get("paragraph") else ""
        line += f" — “{md_escape(row['quote'])}”{para}"
    elif row.get("origin") != "article":
        line += f" — *added by {md_escape(row.get('origin', ''))}*"
    return line


def to_markdown(amap: ArgumentMap, title: str | None = None) -> str:
    """The map as nested bullets: each root, then the rows bearing on it, one level deeper each.

    >>> m = ArgumentMap([
    ...     {"id": "T1", "type": "thesis", "text": "Act now", "quote": "We must act now.", "paragraph": "1", "parent": "", "relation": "", "origin": "article"},
    ...     {"id": "O1", "type": "objection", "text": "Too costly", "parent": "T1", "relation": "attacks", "origin": "analyst"},
    ... ])
    >>> print(to_markdown(m, title="Demo"), end="")
    # Demo
    <BLANKLINE>
    Each row of the map with its type, paraphrase and verbatim quote (¶ = paragraph of the source), nested under the row it bears on.
    <BLANKLINE>
    - **T1** · *thesis* · Act now — “We must act now.” (¶1)
      - attacks: **O1** · *objection* · Too costly — *added by analyst*
    """
    title = title if title is not None else (amap.source.title if amap.source is not None else "Argument map")
    out = [
        f"# {md_escape(title)}",
        "",
        "Each row of the map with its type, paraphrase and verbatim quote (¶ = paragraph of the source), nested under the row it bears on.",
        "",
    ]
    for root in amap.roots():
        stack = [(root, 0)]
        while stack:
            node, depth = stack.pop()
            out.append("  " * depth + "- " + _item(amap, amap[node]))
            stack.extend((c, depth + 1) for c in reversed(amap.children(node)))
    return "\n".join(out) + "\n"
