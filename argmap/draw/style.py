"""How each node type, relation and origin looks: a colour-blind-safe palette, with shape telling the type too."""

from __future__ import annotations

from typing import Final

__all__ = [
    "CONTESTED",
    "BLACK",
    "FONT",
    "FRAME",
    "GREY",
    "GRID",
    "GRID_DARK",
    "INK",
    "KEY_POINT",
    "OKABE_ITO",
    "RULE",
    "RULE_LIGHT",
    "SHADE",
    "SWATCH",
    "TEXT_DARK",
    "TEXT_MUTED",
    "TEXT_SOFT",
    "WHITE",
    "EDGE",
    "GROUP_BORDERS",
    "LINKED",
    "MARKS",
    "NODE",
    "NON_ARTICLE",
    "NON_ARTICLE_TEXT",
    "NON_ARTICLE_WIDTH",
    "PALETTE",
    "RESTATEMENT",
    "VERDICT_BARS",
    "group_borders",
    "node_style",
]

#: Okabe & Ito's colour-blind-safe palette: (border, light fill).
PALETTE: Final = {
    "blue": ("#0072B2", "#CCE3F0"),
    "sky": ("#56B4E9", "#DDF0FB"),
    "green": ("#009E73", "#CCECE3"),
    "purple": ("#CC79A7", "#F5E4ED"),
    "orange": ("#E69F00", "#FAECCC"),
    "grey": ("#666666", "#EEEEEE"),
    "vermillion": ("#D55E00", "#F7DFCC"),
}

#: Okabe & Ito's eight colours, in their order (the charts' colour cycle).
OKABE_ITO: Final = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")

#: Greys and plain colours for text, rules, frames and backgrounds, darkest first: named here so that every figure,
#: page and PDF draws with the same ones (no other module writes a colour code).
BLACK: Final = "#000000"
INK: Final = "#222222"
TEXT_DARK: Final = "#333333"
TEXT_MUTED: Final = "#444444"
TEXT_SOFT: Final = "#555555"
GREY: Final = "#666666"
RULE: Final = "#888888"
RULE_LIGHT: Final = "#999999"
GRID_DARK: Final = "#BBBBBB"
FRAME: Final = "#CCCCCC"
GRID: Final = "#DDDDDD"
SHADE: Final = "#EEEEEE"
SWATCH: Final = "#F2F2F2"
WHITE: Final = "#FFFFFF"

#: The small points at either end of a relation drawn in a key.
KEY_POINT: Final = {"shape": "point", "width": "0.04", "color": RULE}

#: Per node type: Graphviz shape, palette colour, extra style. Shapes differ, so a grey print still reads.
NODE: Final = {
    "thesis": {"shape": "box", "colour": "blue", "style": "bold", "peripheries": "2"},
    "claim": {"shape": "box", "colour": "sky", "style": "rounded"},
    "evidence": {"shape": "note", "colour": "green", "style": ""},
    "prediction": {"shape": "hexagon", "colour": "purple", "style": ""},
    "recommendation": {"shape": "cds", "colour": "orange", "style": ""},
    "assumption": {"shape": "ellipse", "colour": "grey", "style": ""},
    "objection": {"shape": "octagon", "colour": "vermillion", "style": ""},
}

#: Per relation: edge line style, arrowhead and colour; attacks and undercuts also carry a text label.
EDGE: Final = {
    "supports": {"style": "solid", "arrowhead": "normal", "color": INK, "penwidth": "1.3", "label": ""},
    "attacks": {"style": "dashed", "arrowhead": "tee", "color": "#D55E00", "penwidth": "2", "label": "attacks"},
    "undercuts": {"style": "dotted", "arrowhead": "tee", "color": "#D55E00", "penwidth": "2.5", "label": "undercuts"},
}

#: The font every map and key is set in (DejaVu is bundled; the others are fallbacks).
FONT: Final = "DejaVu Sans,Noto Sans,Arial,sans-serif"

#: Rows not from the article get a dashed border (the analyst's) and their origin in the label.
NON_ARTICLE: Final = "dashed"

#: Analyst's and groups' rows are set smaller and wider (ellipses and octagons swell around their text),
#: so they never outgrow the author's boxes on a branch.
NON_ARTICLE_TEXT: Final = {"fontsize": "9", "margin": "0,0"}
NON_ARTICLE_WIDTH: Final = 34

#: A restatement (``same_as``): the type's shape and border, but no fill, so it reads as a reference, not a copy.
RESTATEMENT: Final = {"fillcolor": WHITE}

#: The frame around a linked reason's co-premises: solid, thin and tinted, unlike the analyst's dashed border.
LINKED: Final = {"style": "rounded,filled", "color": "#9A9A9A", "fillcolor": "#F6F6F6", "penwidth": "0.8", "fontsize": "9"}

#: Marks of the class's verdict on a row (verdict maps) and of a row's grounded outcome (outcome maps), laid over the
#: row's own shape and border style. They never use the row-type fills: white, Okabe & Ito's yellow (no type has it) and
#: a grey, light to dark (holds, split, falls) so a grey print still orders them; rows with no mark are faded. The map
#: also says every mark in words on the row's badge line, so colour is never the only cue.
MARKS: Final = {
    "holds": {"fillcolor": "#FFFFFF"},
    "split": {"fillcolor": "#F5EC8C"},
    "falls": {"fillcolor": "#A8A8A8"},
    "faded": {"fillcolor": "#FFFFFF", "color": "#BBBBBB", "fontcolor": "#767676"},
}

#: The most contested rows on a verdict map: a thick black border (in the row's own line style).
CONTESTED: Final = {"penwidth": "4", "color": "#000000"}

#: Bars of the class's ratings in charts: accept / unsure / reject as (colour, hatch), so a grey print tells them apart.
VERDICT_BARS: Final = {"accept": ("#0072B2", ""), "unsure": ("#BBBBBB", ".."), "reject": ("#D55E00", "//")}

#: Borders for classroom groups' rows, one per group in order of appearance (repeating past three).
GROUP_BORDERS: Final = ("dotted", "bold,dotted", "bold,dashed")


def group_borders(origins: list[str]) -> dict[str, str]:
    """Border style per classroom group: every origin other than the author's and the analyst's.

    >>> group_borders(["article", "analyst", "group-a", "group-b", "group-a"])
    {'group-a': 'dotted', 'group-b': 'bold,dotted'}
    """
    groups = [o for o in dict.fromkeys(origins) if o not in ("article", "analyst")]
    return {g: GROUP_BORDERS[i % len(GROUP_BORDERS)] for i, g in enumerate(groups)}


def node_style(type_: str, origin: str, line: str | None = None) -> dict[str, str]:
    """Graphviz node attributes for a row of ``type_`` from ``origin``.

    >>> node_style("claim", "analyst")["style"]
    'rounded,filled,dashed'
    >>> node_style("evidence", "article")["fillcolor"]
    '#CCECE3'
    """
    spec = NODE.get(type_, NODE["claim"])
    border, fill = PALETTE[spec["colour"]]
    mark = "" if origin == "article" else (line or NON_ARTICLE)
    styles = [s for s in (spec["style"], "filled", mark) if s]
    attrs = {"shape": spec["shape"], "style": ",".join(styles), "color": border, "fillcolor": fill}
    if "peripheries" in spec:
        attrs["peripheries"] = spec["peripheries"]
    return attrs
