"""A session's handout: the map or a branch cut into parts that read on the page, key quotes, questions and an exercise sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.core.errors import ArgmapError
from argmap.core.model import ArgumentMap
from argmap.core.schema import schema
from argmap.draw.dot import FONT, dot_string, rows_to_dot
from argmap.draw.render import render_dot
from argmap.draw.style import EDGE, NODE, group_borders, node_style

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXERCISE_COLUMNS",
    "EXERCISE_LABELS",
    "EXERCISE_WIDTHS",
    "MIN_SCALE",
    "PAPER",
    "Handout",
    "MapPart",
    "build_handout",
    "exercise_note",
    "exercise_rows",
    "group_prefix",
    "question_sections",
    "fit",
    "handout_html",
    "key_dot",
    "key_quotes",
    "map_parts",
    "svg_size",
    "write_handout",
]

#: Page sizes in points (width, height, portrait).
PAPER: dict[str, tuple[float, float]] = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
MARGIN = 36.0
#: The smallest scale at which the map's 11 pt labels still read in print (about 6.6 pt).
MIN_SCALE = 0.6
#: The deepest branch a handout draws: beyond, the cut into pages would give one page per level.
MAX_DEPTH = 40
#: Room above each map for its heading and the key, in points.
HEADER = 115.0
#: The widest the key is drawn, in points.
KEY_WIDTH = 470.0
#: The columns of claims.csv that a group fills in on the exercise sheet (quote and paragraph are for the author's words).
EXERCISE_COLUMNS: tuple[str, ...] = ("id", "type", "text", "parent", "relation", "group", "origin")
#: What the sheet calls them, for students (the file's column name is printed beneath): 'group' means linked co-premises, not the group.
EXERCISE_LABELS: dict[str, str] = {
    "id": "row id",
    "type": "type (circle one)",
    "text": "what your row says (short)",
    "parent": "bears on (row id)",
    "relation": "how (circle one)",
    "group": "linked with",
    "origin": "your group",
}
#: Their widths on the sheet, in percent.
EXERCISE_WIDTHS: dict[str, int] = {"id": 7, "type": 13, "text": 40, "parent": 9, "relation": 11, "group": 8, "origin": 12}
#: What a sheet's cells offer to circle, pre-filled.
_CHOICES = {"type": "objection · assumption · claim · evidence", "relation": "supports · attacks · undercuts"}


@dataclass
class MapPart:
    """One drawing on its own page: the rows ``ids`` (a branch, or a branch's top), fitted to the page."""

    root: str
    ids: list[str]
    width: float
    height: float
    landscape: bool
    scale: float
    caption: str = ""
    svg: bytes = b""
    dot: str = ""


@dataclass
class Handout:
    """Everything a handout shows, independent of PDF or HTML."""

    title: str
    subtitle: str
    branch: str | None
    paper: str
    parts: list[MapPart]
    quotes: list[dict[str, str]]
    questions: pd.DataFrame | None
    origins: list[str] = field(default_factory=list)
    blank_rows: int = 12
    #: The group the exercise sheet is for (its name and row ids pre-filled), or None for a sheet any group can use.
    group: str | None = None


def svg_size(svg: bytes) -> tuple[float, float]:
    """Width and height in points of a Graphviz SVG.

    >>> svg_size(b'<svg width="548pt" height="464pt" viewBox="0 0 548 464">')
    (548.0, 464.0)
    """
    m = re.search(rb'<svg width="([0-9.]+)pt" height="([0-9.]+)pt"', svg)
    if not m:
        raise ValueError("not a Graphviz SVG with sizes in points")
    return float(m[1]), float(m[2])


def fit(width: float, height: float, paper: str = "a4") -> tuple[bool, float]:
    """Whether a drawing goes on a landscape page, and the scale (at most 1) that fits it below the heading.

    >>> fit(700, 300)
    (True, 1.0)
    >>> landscape, scale = fit(300, 1400); landscape, round(scale, 3)
    (False, 0.468)
    """
    w, h = PAPER[paper]
    options = []
    for landscape, (pw, ph) in ((True, (h, w)), (False, (w, h))):
        box_w, box_h = pw - 2 * MARGIN, ph - 2 * MARGIN - HEADER
        options.append((min(1.0, box_w / width, box_h / height), landscape))
    scale, landscape = max(options)
    return landscape, scale


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


def key_dot(origins: list[str] | None = None) -> str:
    """DOT text of a compact key in two rows: the node types, then the borders of added rows and the relations."""
    out = [
        "digraph key {",
        f'  graph [rankdir="TB" nodesep="0.12" ranksep="0.12" fontname={dot_string(FONT)} margin="0"];',
        f'  node [fontname={dot_string(FONT)} fontsize="9" margin="0.06,0.03" height="0.3"];',
        f'  edge [fontname={dot_string(FONT)} fontsize="9"];',
    ]
    top = []
    for t in NODE:
        attrs = {**node_style(t, "article"), "label": t}
        top.append(f"k_{t}")
        out.append(f"  {top[-1]} [" + " ".join(f"{k}={dot_string(v)}" for k, v in attrs.items()) + "];")
    bottom = ["k_analyst"]
    out.append(
        "  k_analyst [" + " ".join(f"{k}={dot_string(v)}" for k, v in {**node_style("assumption", "analyst"), "label": "dashed: the analyst"}.items()) + "];"
    )
    for i, (origin, line) in enumerate(group_borders(list(origins or [])).items()):
        bottom.append(f"k_group{i}")
        attrs = {**node_style("assumption", origin, line), "label": f"{line.replace(',', ' ')}: {origin}"}
        out.append(f"  {bottom[-1]} [" + " ".join(f"{k}={dot_string(v)}" for k, v in attrs.items()) + "];")
    for rel, e in EDGE.items():
        a, b = f"k_{rel}_a", f"k_{rel}_b"
        out.append(f'  {a} [shape="point" width="0.04" color="#888888"]; {b} [shape="point" width="0.04" color="#888888"];')
        out.append(
            f"  {a} -> {b} [style={dot_string(e['style'])} color={dot_string(e['color'])} penwidth={dot_string(e['penwidth'])} "
            f'arrowhead={dot_string(e["arrowhead"])} label={dot_string(rel)} minlen="3"];'
        )
        bottom += [a, b]
    out.append(f"  {{rank=same; {' '.join(top)}}}")
    out.append(f"  {{rank=same; {' '.join(bottom)}}}")
    out.append(f'  {top[0]} -> {bottom[0]} [style="invis"];')
    out.append("}")
    return "\n".join(out) + "\n"


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


def group_prefix(group: str) -> str:
    """The id prefix a group's rows take: GA for group-a, GBLUE for group-blue, else the name's first letters.

    >>> group_prefix("group-a"), group_prefix("group-blue"), group_prefix("owls")
    ('GA', 'GBLUE', 'OWL')
    """
    m = re.fullmatch(r"group-([a-z0-9]+)", group)
    return "G" + m[1].upper() if m else re.sub(r"[^A-Za-z0-9]", "", group)[:3].upper() or "G"


def exercise_rows(h: Handout) -> list[list[str]]:
    """The sheet's body: the choices to circle pre-filled, and for a named group its row ids and name.

    >>> h = Handout("t", "s", None, "a4", [], [], None, blank_rows=2, group="group-b")
    >>> exercise_rows(h)[1]
    ['GB2', 'objection · assumption · claim · evidence', '', '', 'supports · attacks · undercuts', '', 'group-b']
    """
    prefix = group_prefix(h.group) if h.group else ""
    rows = []
    for n in range(1, h.blank_rows + 1):
        given = {"id": f"{prefix}{n}" if h.group else "", "origin": h.group or "", **_CHOICES}
        rows.append([given.get(c, "") for c in EXERCISE_COLUMNS])
    return rows


#: The lesson phases of questions.csv, in order, with the heading a handout gives each.
PHASE_HEADINGS: dict[str, str] = {
    "reading": "Lesson 1 · reading",
    "mapping": "Lesson 1 · mapping",
    "perspectives": "Lesson 1 · other perspectives (to research)",
    "groups": "Lesson 2 · your group's rows",
    "rating": "Lesson 2 · rating",
    "wrap-up": "Lesson 2 · wrap-up",
    "": "Other questions",
}


def question_sections(h: Handout) -> list[tuple[str, pd.DataFrame]]:
    """The handout's questions under their lesson phase, in lesson order; phases without a question are left out."""
    if h.questions is None or not len(h.questions):
        return []
    qs = h.questions
    phase = qs["phase"] if "phase" in qs.columns else qs["kind"].map(lambda _: "")
    return [(head, qs[phase == p]) for p, head in PHASE_HEADINGS.items() if (phase == p).any()]


def _svg_inline(svg: bytes, prefix: str = "") -> str:
    """The SVG element of a drawing, for inlining; with ``prefix``, its element ids (and links to them) made unique in the page."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    if not prefix:
        return text
    ids = set(re.findall(r'\sid="([^"]*)"', text))
    text = re.sub(r'(\sid=")([^"]*)"', lambda m: f'{m[1]}{prefix}{m[2]}"', text)
    return re.sub(r'((?:xlink:)?href="#)([^"]*)"', lambda m: f'{m[1]}{prefix}{m[2]}"' if m[2] in ids else m[0], text)


def _table(headers: list[str], rows: list[list[str]], widths: list[int], cls: str = "", raw_headers: bool = False) -> str:
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f"<th>{h if raw_headers else escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def exercise_note() -> str:
    """What goes in each column of the exercise sheet, from the claims schema."""
    sch = schema("claims")
    types, rels = ", ".join(sch.field("type").enum or ()), ", ".join(sch.field("relation").enum or ())
    return (
        f"Each column goes into the file column named beneath it. type: {types}. how: {rels}. "
        "bears on: the id of the row your row bears on (the author's, or one of your own). "
        "linked with: leave empty, unless two of your rows support their parent only together: then give both the same word. "
        "your group: your group's name, lower case with a hyphen, e.g. group-a. "
        "Give your rows ids of their own (e.g. GA1, GA2); quotes are for the author's words only."
    )


_CSS = """body{font-family:'DejaVu Sans',Arial,sans-serif;color:#111;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.4rem;margin:0}h2{font-size:1.1rem;border-bottom:1px solid #999}p.sub{color:#444;margin:0 0 .5rem}
svg{max-width:100%;height:auto}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}q{font-family:'DejaVu Serif',Georgia,serif}
table.blank td{height:22pt;padding:0}section{margin-bottom:1.5rem}.part{break-before:page;page-break-before:always}
@media print{body{max-width:none;margin:0}.wide{page:wide}}@page wide{size:PAPER landscape;margin:12mm}@page{size:PAPER;margin:14mm}"""


def handout_html(h: Handout) -> str:
    """The handout as one self-contained HTML page (inline SVG and CSS, no links out), laid out for printing."""
    from argmap.analysis.reading import legend_html

    css = _CSS.replace("PAPER", "A4" if h.paper == "a4" else "letter")
    out = [
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(h.title)}</title><style>{css}</style></head><body>',
        f'<header><h1>{escape(h.title)}</h1><p class="sub">{escape(h.subtitle)}</p></header>',
        "<section><h2>Reading the map</h2>" + legend_html().data + "</section>",
    ]
    for n, part in enumerate(h.parts, 1):
        wide = " wide" if part.landscape else ""
        out.append(
            f'<section class="part{wide}"><h2>Map, part {n} of {len(h.parts)}</h2><p>{escape(part.caption)}</p>{_svg_inline(part.svg, "part" + str(n) + "-")}</section>'
        )
    rows = [[escape(q["id"]), escape(q["type"]), f"¶{escape(q['paragraph'])}", f"<q>{escape(q['quote'])}</q>"] for q in h.quotes]
    if rows:
        out.append('<section class="part"><h2>The author\'s words</h2>' + _table(["row", "type", "¶", "quote"], rows, [7, 17, 6, 70]) + "</section>")
    sections = question_sections(h)
    if sections:
        qs = h.questions
        assert qs is not None
        out.append(f"<section><h2>Questions ({len(qs)}, about {int(qs['minutes'].sum())} minutes)</h2>")
        for phase, asked in sections:
            rows = [
                [escape(str(i)), escape(str(r.kind)), str(r.minutes), escape(str(r.row_ids).replace(";", ", ")), escape(str(r.question))]
                for i, r in asked.iterrows()
            ]
            out.append(f"<h3>{escape(phase)}</h3>" + _table(["", "kind", "min", "rows", "question"], rows, [6, 14, 5, 11, 64]))
        out.append("</section>")
    heads = [f"{escape(EXERCISE_LABELS[c])}<br><small>({escape(c)})</small>" for c in EXERCISE_COLUMNS]
    cells = [[f"<small>{escape(v)}</small>" if v else "" for v in r] for r in exercise_rows(h)]
    who = f"Your group: <b>{escape(h.group)}</b>" if h.group else "Your group (e.g. group-a): ______________________"
    out.append(
        f'<section class="part wide"><h2>Exercise sheet: your group\'s rows</h2><p>{who} Pseudonyms: ________________________________</p>'
        + _table(heads, cells, [EXERCISE_WIDTHS[c] for c in EXERCISE_COLUMNS], "blank", raw_headers=True)
        + f"<p><small>{escape(exercise_note())}</small></p></section>"
    )
    out.append("</body></html>\n")
    return "\n".join(out)


def write_handout(h: Handout, path: str | Path) -> bool:
    """Write the handout as PDF or HTML, by the suffix of ``path``; True if the file changed."""
    from argmap.core.io import write_if_changed

    path = Path(path)
    if path.suffix.lower() == ".html":
        return write_if_changed(path, handout_html(h).encode("utf-8"))
    from argmap.classroom.handout_pdf import handout_pdf

    return write_if_changed(path, handout_pdf(h))
