"""The handout as a PDF, laid out with reportlab: map pages in the orientation that fits, text pages portrait."""

from __future__ import annotations

import html
import io
from pathlib import Path

from argmap.classroom.handout_layout import (
    EXERCISE_COLUMNS,
    KEY_WIDTH,
    MARGIN,
    PAPER,
    TEXT,
    Handout,
    Table,
    exercise_note,
    exercise_table,
    question_tables,
    quote_table,
    svg_size,
)
from argmap.core.errors import ArgmapError
from argmap.draw.fonts import bundled_font_dir
from argmap.draw.legend import key_dot
from argmap.draw.render import render_dot
from argmap.draw.style import GREY, RULE, SHADE, TEXT_DARK, TEXT_MUTED, TEXT_SOFT

__all__ = ["PRINT_DPI", "handout_pdf"]

#: The resolution the map drawings are rendered at, on the page.
PRINT_DPI = 220
_FONTS = {"Sans": "DejaVuSans.ttf", "Sans-Bold": "DejaVuSans-Bold.ttf", "Serif": "DejaVuSerif.ttf", "Serif-Italic": "DejaVuSerif-Italic.ttf"}


def escape(text: str) -> str:
    """``text`` as reportlab paragraph markup: ``&``, ``<`` and ``>`` escaped (as xml.sax.saxutils.escape does, whose
    import brings urllib.request and http.client into every command).

    >>> escape("A & B <i>")
    'A &amp; B &lt;i&gt;'
    """
    return html.escape(text, quote=False)


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
    return render_dot(dot, ["png"], dpi=max(72, round(PRINT_DPI * scale)))["png"]


def _styles() -> dict:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("base", fontName="Sans", fontSize=9, leading=11.5)
    return {
        "title": ParagraphStyle("title", base, fontName="Sans-Bold", fontSize=15, leading=18, spaceAfter=2),
        "sub": ParagraphStyle("sub", base, fontSize=8.5, textColor=TEXT_MUTED, spaceAfter=3),
        "h2": ParagraphStyle("h2", base, fontName="Sans-Bold", fontSize=12, leading=15, spaceBefore=4, spaceAfter=5),
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=10.5),
        "quote": ParagraphStyle("quote", base, fontName="Serif", fontSize=9, leading=11.5),
        "small": ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=TEXT_DARK),
    }


def _table(layout: Table, cells: list[list], width: float, *, heads: list | None = None, row_height: float | None = None):
    """``layout``'s table at ``width`` points, its columns as wide as the layout says; ``cells`` are its rows as set here."""
    from reportlab.platypus import Table as PdfTable
    from reportlab.platypus import TableStyle

    rows = [heads or layout.headings, *cells]
    widths = [f * width for f in layout.fractions()]
    t = PdfTable(rows, colWidths=widths, repeatRows=1, rowHeights=None if row_height is None else [None] + [row_height] * (len(rows) - 1))
    t.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
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
    footer = TEXT["footer"].format(title=h.title)

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Sans", 7)
        canvas.setFillColor(GREY)
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
            Paragraph(f"<b>{TEXT['part'].format(n=n, total=len(h.parts))}</b> {escape(part.caption)}", st["sub"]),
            Image(io.BytesIO(key["png"]), width=kw * key_scale, height=kh * key_scale, hAlign="LEFT"),
            Spacer(1, 6),
        ]
        used = sum(f.wrap(fw, fh)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in head) + 4
        scale = min(part.scale, fw / part.width, (fh - used) / part.height)
        story += head + [Image(io.BytesIO(_png(part.dot, scale)), width=part.width * scale, height=part.height * scale)]
    page("portrait")
    fw = portrait[0] - 2 * MARGIN
    if h.quotes:
        t = quote_table(h)
        story += [Paragraph(escape(TEXT["quotes"]), st["h2"]), Paragraph(escape(TEXT["quotes_note"]), st["small"]), Spacer(1, 4)]
        story.append(_table(t, [[*r[:-1], Paragraph(f"“{escape(r[-1])}”", st["quote"])] for r in t.rows], fw))
    tables = question_tables(h)
    if tables and h.questions is not None:
        qs = h.questions
        story.append(Spacer(1, 10))
        story.append(Paragraph(escape(TEXT["questions"].format(count=len(qs), minutes=int(qs["minutes"].sum()))), st["h2"]))
        for phase, t in tables:
            story += [Paragraph(f"<b>{escape(phase)}</b>", st["body"]), Spacer(1, 2)]
            story.append(_table(t, [[*r[:3], Paragraph(escape(r[3]), st["cell"]), Paragraph(escape(r[4]), st["cell"])] for r in t.rows], fw))
            story.append(Spacer(1, 6))
    page("landscape")
    lw = sizes["landscape"][0] - 2 * MARGIN
    story.append(Paragraph(escape(TEXT["sheet"]), st["h2"]))
    who = TEXT["group"].format(group=f"<b>{escape(h.group)}</b>") if h.group else escape(TEXT["any_group"])
    story.append(Paragraph(f"{who}   {escape(TEXT['pseudonyms'])}", st["body"]))
    story.append(Spacer(1, 6))
    sheet = exercise_table(h)
    small = f"<font size=6.5 color='{TEXT_SOFT}'>"
    heads = [Paragraph(f"{escape(label)}<br/>{small}({escape(c)})</font>", st["cell"]) for label, c in zip(sheet.headings, EXERCISE_COLUMNS)]
    body = [[Paragraph(f"{small}{escape(v)}</font>", st["cell"]) if v else "" for v in r] for r in sheet.rows]
    story.append(_table(sheet, body, lw, heads=heads, row_height=27))
    story.append(Spacer(1, 6))
    story.append(Paragraph(escape(exercise_note()), st["small"]))
    doc.build(story)
    return buf.getvalue()
