"""A session's handout: the map or a branch cut into parts that read on the page, key quotes, questions and an exercise sheet.

What goes where on the page is :mod:`argmap.classroom.handout_layout`; :mod:`~argmap.classroom.handout_html` and
:mod:`~argmap.classroom.handout_pdf` set it; this module gathers the contents and writes the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from argmap.classroom.handout_html import handout_html
from argmap.classroom.handout_layout import MAX_DEPTH, MIN_SCALE, Handout, MapPart, fit, svg_size
from argmap.classroom.handout_pdf import handout_pdf
from argmap.core.errors import ArgmapError
from argmap.core.model import ArgumentMap
from argmap.draw.dot import rows_to_dot
from argmap.draw.render import render_dot

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["build_handout", "key_quotes", "map_parts", "write_handout"]


def _part(amap: ArgumentMap, root: str, ids: list[str], paper: str) -> MapPart:
    dot = rows_to_dot(amap.rows, ids, legend=False)
    svg = render_dot(dot, ["svg"])["svg"]
    width, height = svg_size(svg)
    landscape, scale = fit(width, height, paper)
    return MapPart(root, ids, width, height, landscape, scale, svg=svg, dot=dot)


def _tops(amap: ArgumentMap, root: str, paper: str) -> list[MapPart]:
    """The root with its direct reasons, in as few drawings as read at :data:`MIN_SCALE` (one reason per drawing at most)."""
    units: dict[tuple[str, str], list[str]] = {}
    for c in amap.children(root):  # co-premises stay together
        units.setdefault(("group", amap[c]["group"]) if amap[c].get("group") else ("row", c), []).append(c)
    reasons = list(units.values())
    for n in range(1, len(reasons) + 1):
        size = -(-len(reasons) // n)
        chunks = [[c for u in reasons[k : k + size] for c in u] for k in range(0, len(reasons), size)]
        parts = [_part(amap, root, [root, *chunk], paper) for chunk in chunks]
        if all(p.scale >= MIN_SCALE for p in parts) or size == 1:
            return parts
    return [_part(amap, root, [root], paper)]


def map_parts(amap: ArgumentMap, root: str | None = None, paper: str = "a4") -> list[MapPart]:
    """The drawings for the map (each root) or one branch. A branch too big to read at :data:`MIN_SCALE` is drawn
    one level deep (its reasons split over several drawings if need be), then each sub-branch, cut the same way."""
    parts: list[MapPart] = []
    todo = list(reversed([root] if root else amap.roots()))
    while todo:  # depth first, in file order, without recursion (a branch may be thousands of levels deep)
        r = todo.pop()
        whole = _part(amap, r, amap.subtree(r), paper)
        subs = [c for c in amap.children(r) if amap.children(c)]
        if whole.scale >= MIN_SCALE or not subs:
            whole.caption = f"The branch under {r}, all of it."
            parts.append(whole)
            continue
        tops = _tops(amap, r, paper)
        for k, top in enumerate(tops, 1):
            which = f" ({k} of {len(tops)})" if len(tops) > 1 else ""
            top.caption = f"{r} and the rows directly beneath it{which}; the branches under {', '.join(subs)} follow, each on its own page."
            parts.append(top)
        todo.extend(reversed(subs))
    return parts


def key_quotes(amap: ArgumentMap, root: str | None = None) -> list[dict[str, str]]:
    """The author's quoted rows in the branch under ``root`` (or the whole map), in branch order: id, type, ¶, quote."""
    ids = amap.subtree(root) if root else [i for r in amap.roots() for i in amap.subtree(r)]
    return [
        {"id": i, "type": amap[i].get("type", ""), "paragraph": amap[i].get("paragraph", ""), "quote": amap[i]["quote"]}
        for i in ids
        if amap[i].get("origin") == "article" and amap[i].get("quote")
    ]


def build_handout(amap: ArgumentMap, questions: pd.DataFrame | None = None, branch: str | None = None, paper: str = "a4", group: str | None = None) -> Handout:
    """Gather the handout's contents; ``questions`` is the whole bank (those about the branch are picked here);
    ``group`` pre-fills the exercise sheet with the group's name and row ids."""
    from argmap.classroom.questions import questions_for

    if branch is not None and branch not in amap:
        raise KeyError(branch)
    meta = amap.source.meta if amap.source is not None else {}
    source = amap.source.title if amap.source is not None else (amap.path.name if amap.path else "")
    who = ", ".join(str(x) for x in (meta.get("author"), meta.get("outlet"), meta.get("published")) if x)
    title = f"Branch {branch}: {amap[branch].get('text', '')}" if branch else "The whole map"
    ids = amap.subtree(branch) if branch else amap.ids
    deepest = max(amap.depth(i) for i in ids) - (amap.depth(branch) if branch else 0)
    if deepest > MAX_DEPTH:
        what = f"the branch under {branch}" if branch else "the map"
        raise ArgmapError(f"{what} is {deepest:,} levels deep; a handout draws at most {MAX_DEPTH} levels on paper: choose a branch further down with --branch")
    origins = [amap[i].get("origin", "") for i in ids]
    return Handout(
        title=title,
        subtitle=f"{source}" + (f" ({who})" if who else ""),
        branch=branch,
        paper=paper,
        parts=map_parts(amap, branch, paper),
        quotes=key_quotes(amap, branch),
        questions=None if questions is None else questions_for(questions, amap, branch),
        origins=origins,
        group=group,
    )


def write_handout(h: Handout, path: str | Path) -> bool:
    """Write the handout as PDF or HTML, by the suffix of ``path``; True if the file changed."""
    from argmap.core.atomic import write_if_changed

    path = Path(path)
    if path.suffix.lower() == ".html":
        return write_if_changed(path, handout_html(h).encode("utf-8"))
    return write_if_changed(path, handout_pdf(h))
