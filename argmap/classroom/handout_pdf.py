"""The handout as a PDF, laid out with reportlab: map pages in the orientation that fits, text pages portrait."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from argmap.classroom.handout import (
    EXERCISE_COLUMNS,
    EXERCISE_LABELS,
    EXERCISE_WIDTHS,
    KEY_WIDTH,
    MARGIN,
    PAPER,
    Handout,
    exercise_note,
    exercise_rows,
    key_dot,
    question_sections,
    svg_size,
)
from argmap.core.errors import ArgmapError
from argmap.draw.fonts import bundled_font_dir
from argmap.draw.render import render_dot

__all__ = ["PRINT_DPI", "handout_pdf"]

#: The resolution the map drawings are rendered at, on the page.
PRINT_DPI = 220
_FONTS = {"Sans": "DejaVuSans.ttf", "Sans-Bold": "DejaVuSans-Bold.ttf", "Serif": "DejaVuSerif.ttf", "Serif-Italic": "DejaVuSerif-Italic.ttf"}


def _register_fonts() -> None:
    """DejaVu from matplotlib's wheel: typographic quotes, dashes and ¶ in every PDF viewer, with no system fonts."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = bundled_font_dir() or Path(".")  # found without importing matplotlib
    for name, file in _FONTS.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def _png(dot: str, scale: float) -> bytes:
    """The drawing as PNG at :data:`PRINT_DPI` once scaled onto the page."""
    dpi = max(72, round(PRINT_DPI * scale))
    return render_dot(dot.replace("  graph [", f'  graph [dpi="{dpi}" ', 1), ["png"])["png"]


def _styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName="Sans", fontSize=9, leading=11.5)
    return {
        "title": ParagraphStyle("title", base, fontName="Sans-Bold", fontSize=15, leading=18, spaceAfter=2),
        "sub": ParagraphStyle("sub", base, fontSize=8.5, textColor="#444444", spaceAfter=3),
        "h2": ParagraphStyle("h2", base, fontName="Sans-Bold", fontSize=12, leading=15, spaceBefore=4, spaceAfter=5),
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "quote": ParagraphStyle("quote", base, fontName="Serif", fontSize=9, leading=11.5),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor="#333333"),
    }


def _table(rows: list[list], widths: list[float], *, row_height: float | None = None):
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=widths, repeatRows=1, rowHeights=None if row_height is None else [None] + [row_height] * (len(rows) - 1))
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#888888"),
                ("BACKGROUND", (0, 0), (-1, 0), "#EEEEEE"),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), "Sans"),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return t


def handout_pdf(h: Handout) -> bytes:
    """The handout as PDF bytes; the same input gives the same bytes (no dates or random ids)."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        raise ArgmapError("PDF handouts need reportlab (pip install -r requirements.txt); or write the handout as .html") from None
    from reportlab.lib.pagesizes import landscape
    from reportlab.platypus import BaseDocTemplate, Frame, Image, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Spacer

    _register_fonts()
    st = _styles()
    portrait = PAPER[h.paper]
    sizes = {"portrait": portrait, "landscape": landscape(portrait)}
    footer = f"{h.title} · argmap handout"

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Sans", 7)
        canvas.setFillColor("#666666")
        w, _ = canvas._pagesize
        canvas.drawString(MARGIN, MARGIN / 2, footer[:120])
        canvas.drawRightString(w - MARGIN, MARGIN / 2, f"page {doc.page}")
        canvas.restoreState()

    templates = {
        name: PageTemplate(
            id=name, pagesize=size, onPage=on_page, frames=[Frame(MARGIN, MARGIN, size[0] - 2 * MARGIN, size[1] - 2 * MARGIN, 0, 0, 0, 0, id=name)]
        )
        for name, size in sizes.items()
    }
    first = "landscape" if h.parts and h.parts[0].landscape else "portrait"
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=sizes[first],
        invariant=1,
        title=h.title,
        author="argmap",
        subject=h.subtitle,
        creator="argmap handout",
        pageTemplates=[templates[first], templates["landscape" if first == "portrait" else "portrait"]],
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
    )
    key = render_dot(key_dot(h.origins), ["svg", "png"])
    kw, kh = svg_size(key["svg"])
    key_scale = min(1.0, KEY_WIDTH / kw)
    story: list = []
    current = first

    def page(orientation: str) -> None:
        nonlocal current
        if story:
            story.extend([NextPageTemplate(orientation), PageBreak()])
        current = orientation

    for n, part in enumerate(h.parts, 1):
        page("landscape" if part.landscape else "portrait")
        fw, fh = sizes[current][0] - 2 * MARGIN, sizes[current][1] - 2 * MARGIN
        head = [
            Paragraph(escape(h.title), st["title"]),
            Paragraph(escape(h.subtitle), st["sub"]),
            Paragraph(f"<b>Map, part {n} of {len(h.parts)}.</b> {escape(part.caption)}", st["sub"]),
            Image(io.BytesIO(key["png"]), width=kw * key_scale, height=kh * key_scale, hAlign="LEFT"),
            Spacer(1, 6),
        ]
        used = sum(f.wrap(fw, fh)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head) + 4
        scale = min(part.scale, fw / part.width, (fh - used) / part.height)
        story += head + [Image(io.BytesIO(_png(part.dot, scale)), width=part.width * scale, height=part.height * scale)]
    page("portrait")
    fw = portrait[0] - 2 * MARGIN
    if h.quotes:
        story.append(Paragraph("The author's words", st["h2"]))
        story.append(
            Paragraph(
                "Every row of this part of the map that stands for the author's words, with the paragraph (¶) of the article it is from. "
                "The quotes are verbatim; the map's labels are paraphrases.",
                st["small"],
            )
        )
        story.append(Spacer(1, 4))
        rows = [["row", "type", "¶", "quote"]] + [
            [q["id"], q["type"], f"¶{q['paragraph']}", Paragraph(f"“{escape(q['quote'])}”", st["quote"])] for q in h.quotes
        ]
        story.append(_table(rows, [0.07 * fw, 0.18 * fw, 0.06 * fw, 0.69 * fw]))
    sections = question_sections(h)
    if sections and h.questions is not None:
        qs = h.questions
        story.append(Spacer(1, 10))
        story.append(Paragraph(f"Questions ({len(qs)}, about {int(qs['minutes'].sum())} minutes)", st["h2"]))
        for phase, asked in sections:
            story.append(Paragraph(f"<b>{escape(phase)}</b>", st["body"]))
            story.append(Spacer(1, 2))
            rows = [["", "kind", "min", "rows", "question"]] + [
                [
                    str(i),
                    str(r.kind),
                    str(r.minutes),
                    Paragraph(escape(str(r.row_ids).replace(";", ", ")), st["cell"]),
                    Paragraph(escape(str(r.question)), st["cell"]),
                ]
                for i, r in asked.iterrows()
            ]
            story.append(_table(rows, [0.06 * fw, 0.15 * fw, 0.06 * fw, 0.11 * fw, 0.62 * fw]))
            story.append(Spacer(1, 6))
    page("landscape")
    lw = sizes["landscape"][0] - 2 * MARGIN
    story.append(Paragraph("Exercise sheet: your group's rows", st["h2"]))
    who = f"Your group: <b>{escape(h.group)}</b>" if h.group else "Your group (e.g. group-a): ______________________"
    story.append(Paragraph(f"{who}   Pseudonyms: ________________________________________", st["body"]))
    story.append(Spacer(1, 6))
    heads = [Paragraph(f"{escape(EXERCISE_LABELS[c])}<br/><font size=6.5 color='#555555'>({escape(c)})</font>", st["cell"]) for c in EXERCISE_COLUMNS]
    body = [[Paragraph(f"<font size=6.5 color='#555555'>{escape(v)}</font>", st["cell"]) if v else "" for v in r] for r in exercise_rows(h)]
    story.append(_table([heads, *body], [EXERCISE_WIDTHS[c] / 100 * lw for c in EXERCISE_COLUMNS], row_height=27))
    story.append(Spacer(1, 6))
    story.append(Paragraph(escape(exercise_note()), st["small"]))
    doc.build(story)
    return buf.getvalue()
