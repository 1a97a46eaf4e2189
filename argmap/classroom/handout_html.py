"""The handout as one self-contained HTML page (inline SVG and CSS, no links out), laid out for printing."""

from __future__ import annotations

import re
from html import escape

from argmap.classroom.handout_layout import EXERCISE_COLUMNS, TEXT, Handout, Table, exercise_note, exercise_table, question_tables, quote_table

__all__ = ["handout_html"]

_CSS = """body{font-family:'DejaVu Sans',Arial,sans-serif;color:#111;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.4}
h1{font-size:1.4rem;margin:0}h2{font-size:1.1rem;border-bottom:1px solid #999}p.sub{color:#444;margin:0 0 .5rem}
svg{max-width:100%;height:auto}table{border-collapse:collapse;width:100%;font-size:.85rem}
th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}q{font-family:'DejaVu Serif',Georgia,serif}
table.blank td{height:22pt;padding:0}section{margin-bottom:1.5rem}.part{break-before:page;page-break-before:always}
@media print{body{max-width:none;margin:0}.wide{page:wide}}@page wide{size:PAPER landscape;margin:12mm}@page{size:PAPER;margin:14mm}"""


def _svg_inline(svg: bytes, prefix: str = "") -> str:
    """The SVG element of a drawing, for inlining; with ``prefix``, its element ids (and links to them) made unique in the page."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    if not prefix:
        return text
    ids = set(re.findall(r'\sid="([^"]*)"', text))
    text = re.sub(r'(\sid=")([^"]*)"', lambda m: f'{m[1]}{prefix}{m[2]}"', text)
    return re.sub(r'((?:xlink:)?href="#)([^"]*)"', lambda m: f'{m[1]}{prefix}{m[2]}"' if m[2] in ids else m[0], text)


def _table(t: Table, heads: list[str], cells: list[list[str]], cls: str = "") -> str:
    """``t`` set in HTML with its widths; ``heads`` and ``cells`` are its headings and cells already as HTML."""
    cols = "".join(f'<col style="width:{w}%">' for w in t.widths)
    head = "".join(f"<th>{h}</th>" for h in heads)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in cells)
    return f'<table class="{cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _plain(t: Table, quote: str = "") -> str:
    """A table whose cells are text (the column named ``quote`` set as a quotation)."""
    cells = [[f"<q>{escape(c)}</q>" if h == quote else escape(c) for h, c in zip(t.headings, r)] for r in t.rows]
    return _table(t, [escape(h) for h in t.headings], cells)


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
        head = TEXT["part"].format(n=n, total=len(h.parts)).rstrip(".")
        out.append(f'<section class="part{wide}"><h2>{head}</h2><p>{escape(part.caption)}</p>{_svg_inline(part.svg, "part" + str(n) + "-")}</section>')
    if h.quotes:
        out.append(
            f'<section class="part"><h2>{escape(TEXT["quotes"])}</h2><p><small>{escape(TEXT["quotes_note"])}</small></p>{_plain(quote_table(h), "quote")}</section>'
        )
    tables = question_tables(h)
    if tables:
        qs = h.questions
        assert qs is not None
        out.append(f"<section><h2>{escape(TEXT['questions'].format(count=len(qs), minutes=int(qs['minutes'].sum())))}</h2>")
        out += [f"<h3>{escape(phase)}</h3>" + _plain(t) for phase, t in tables]
        out.append("</section>")
    sheet = exercise_table(h)
    heads = [f"{escape(label)}<br><small>({escape(c)})</small>" for label, c in zip(sheet.headings, EXERCISE_COLUMNS)]
    cells = [[f"<small>{escape(v)}</small>" if v else "" for v in r] for r in sheet.rows]
    who = TEXT["group"].format(group=f"<b>{escape(h.group)}</b>") if h.group else escape(TEXT["any_group"])
    out.append(
        f'<section class="part wide"><h2>{escape(TEXT["sheet"])}</h2><p>{who} {escape(TEXT["pseudonyms"])}</p>'
        + _table(sheet, heads, cells, "blank")
        + f"<p><small>{escape(exercise_note())}</small></p></section>"
    )
    out.append("</body></html>\n")
    return "\n".join(out)
