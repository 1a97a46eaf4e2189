"""The handout's layout, computed once: page sizes, the parts' fit, every heading and table (columns, widths, cells).

:mod:`argmap.classroom.handout_html` and :mod:`argmap.classroom.handout_pdf` read the same :class:`Table` and
:data:`TEXT`, so the printed and the HTML copy cannot drift apart; each only decides how a cell is set.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from argmap.core.schema import schema

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "EXERCISE_COLUMNS",
    "EXERCISE_LABELS",
    "EXERCISE_WIDTHS",
    "HEADER",
    "KEY_WIDTH",
    "MARGIN",
    "MAX_DEPTH",
    "MIN_SCALE",
    "PAPER",
    "PHASE_HEADINGS",
    "TEXT",
    "Handout",
    "MapPart",
    "Table",
    "exercise_note",
    "exercise_rows",
    "exercise_table",
    "fit",
    "group_prefix",
    "question_sections",
    "question_tables",
    "quote_table",
    "svg_size",
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
#: The quote table's and the question tables' columns: (heading, width in percent).
QUOTE_COLUMNS: tuple[tuple[str, int], ...] = (("row", 7), ("type", 17), ("¶", 6), ("quote", 70))
QUESTION_COLUMNS: tuple[tuple[str, int], ...] = (("", 6), ("kind", 14), ("min", 6), ("rows", 11), ("question", 63))
#: What a sheet's cells offer to circle, pre-filled.
_CHOICES = {"type": "objection · assumption · claim · evidence", "relation": "supports · attacks · undercuts"}
#: The handout's fixed words, the same in both renderings.
TEXT: dict[str, str] = {
    "part": "Map, part {n} of {total}.",
    "quotes": "The author's words",
    "quotes_note": (
        "Every row of this part of the map that stands for the author's words, with the paragraph (¶) of the article it is from. "
        "The quotes are verbatim; the map's labels are paraphrases."
    ),
    "questions": "Questions ({count}, about {minutes} minutes)",
    "sheet": "Exercise sheet: your group's rows",
    "group": "Your group: {group}",
    "any_group": "Your group (e.g. group-a): ______________________",
    "pseudonyms": "Pseudonyms: ________________________________________",
    "footer": "{title} · argmap handout",
}
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


@dataclass
class Table:
    """A table as both renderings set it: column headings, widths in percent (summing to 100) and plain-text cells."""

    headings: list[str]
    widths: list[int]
    rows: list[list[str]]

    def fractions(self) -> list[float]:
        """The widths as fractions of the line.

        >>> Table(["a", "b"], [25, 75], []).fractions()
        [0.25, 0.75]
        """
        return [w / 100 for w in self.widths]


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


def quote_table(h: Handout) -> Table:
    """The author's quoted rows: id, type, ¶ and the verbatim quote."""
    rows = [[q["id"], q["type"], f"¶{q['paragraph']}", q["quote"]] for q in h.quotes]
    return Table([c for c, _ in QUOTE_COLUMNS], [w for _, w in QUOTE_COLUMNS], rows)


def question_sections(h: Handout) -> list[tuple[str, pd.DataFrame]]:
    """The handout's questions under their lesson phase, in lesson order; phases without a question are left out."""
    if h.questions is None or not len(h.questions):
        return []
    qs = h.questions
    phase = qs["phase"] if "phase" in qs.columns else qs["kind"].map(lambda _: "")
    return [(head, qs[phase == p]) for p, head in PHASE_HEADINGS.items() if (phase == p).any()]


def question_tables(h: Handout) -> list[tuple[str, Table]]:
    """One table of questions (number, kind, minutes, rows, question) per lesson phase, under its heading."""
    heads, widths = [c for c, _ in QUESTION_COLUMNS], [w for _, w in QUESTION_COLUMNS]
    return [
        (phase, Table(heads, widths, [[str(i), str(r.kind), str(r.minutes), str(r.row_ids).replace(";", ", "), str(r.question)] for i, r in asked.iterrows()]))
        for phase, asked in question_sections(h)
    ]


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


def exercise_table(h: Handout) -> Table:
    """The exercise sheet: the students' label of each column (the file's column name goes beneath), blank rows."""
    return Table([EXERCISE_LABELS[c] for c in EXERCISE_COLUMNS], [EXERCISE_WIDTHS[c] for c in EXERCISE_COLUMNS], exercise_rows(h))


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
