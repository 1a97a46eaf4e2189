"""The annotated reading view, the source card and the legend."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from argmap.analysis.reading import HTML, annotated_html, legend_html, quote_spans, segments, source_card
from argmap.core.model import ArgumentMap
from argmap.core.source import Source
from argmap.draw.style import NODE, PALETTE

ROOT = Path(__file__).resolve().parents[1]


def row(id_: str, type_: str, quote: str = "", paragraph: str = "", parent: str = "", text: str = "", origin: str = "article") -> dict[str, str]:
    return {
        "id": id_,
        "type": type_,
        "text": text or f"paraphrase of {id_}",
        "quote": quote,
        "paragraph": paragraph,
        "parent": parent,
        "relation": "supports" if parent else "",
        "group": "",
        "origin": origin,
    }


def make(paragraphs: tuple[str, ...], rows: list[dict[str, str]], meta: dict | None = None) -> ArgumentMap:
    return ArgumentMap(rows, source=Source(path=Path("test.txt"), paragraphs=paragraphs, meta=meta or {}))


class Marks(HTMLParser):
    """Collects the text inside each <mark> (with its data-ids), badge texts, and all visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: list[tuple[str, str, str]] = []  # (data-ids, title, text)
        self.badges: list[str] = []
        self.text: list[str] = []
        self.prose: list[str] = []  # the text without the id badges
        self.tags: list[str] = []
        self._in: str | None = None
        self._attrs: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("mark", "sup"):
            self._in, self._attrs = tag, dict(attrs)
            if tag == "mark":
                self.marks.append((self._attrs.get("data-ids") or "", self._attrs.get("title") or "", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in != "sup":
            self.prose.append(data)
        if self._in == "mark":
            ids, title, text = self.marks[-1]
            self.marks[-1] = (ids, title, text + data)
        elif self._in == "sup":
            self.badges.append(data)


def parse(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    p.close()
    return p


def marked_text(p: Marks, id_: str) -> str:
    """The concatenated text of every mark that carries ``id_``."""
    return "".join(text for ids, _, text in p.marks if id_ in ids.split())


PARAS = ("Alpha beta gamma delta.", "Second paragraph here.", "Third one, no quotes.")


def test_each_quote_is_highlighted_whole_and_labelled_with_its_id() -> None:
    amap = make(PARAS, [row("T1", "thesis", "beta gamma", "1"), row("E1", "evidence", "paragraph", "2", "T1")])
    p = parse(annotated_html(amap).data)
    assert marked_text(p, "T1") == "beta gamma"
    assert marked_text(p, "E1") == "paragraph"
    assert p.badges == ["T1", "E1"]


def test_highlight_uses_the_type_fill_and_border_from_style() -> None:
    amap = make(PARAS, [row("E1", "evidence", "Alpha", "1"), row("R1", "recommendation", "Second", "2")])
    html = annotated_html(amap).data
    for type_, word in (("evidence", "Alpha"), ("recommendation", "Second")):
        border, fill = PALETTE[NODE[type_]["colour"]]
        assert re.search(rf'<mark style="background:{fill};[^"]*{border}[^"]*"[^>]*>{word}</mark>', html)


def test_paragraphs_are_numbered_in_order_and_all_shown() -> None:
    amap = make(PARAS, [row("T1", "thesis", "beta", "1")])
    html = annotated_html(amap).data
    assert re.findall(r"¶(\d+)", html) == ["1", "2", "3"]
    visible = "".join(parse(html).prose)
    for para in PARAS:
        assert para in visible


def test_a_subset_of_paragraphs() -> None:
    amap = make(PARAS, [row("T1", "thesis", "beta", "1"), row("C1", "claim", "here", "2", "T1")])
    html = annotated_html(amap, paragraphs=[2]).data
    assert re.findall(r"¶(\d+)", html) == ["2"]
    assert parse(html).badges == ["C1"]


def test_overlapping_quotes_are_split_into_segments_carrying_every_id() -> None:
    amap = make(("one two three four five",), [row("C1", "claim", "one two three", "1"), row("C2", "claim", "three four", "1", "C1")])
    p = parse(annotated_html(amap).data)
    assert [(ids, text) for ids, _, text in p.marks] == [("C1", "one two "), ("C1 C2", "three"), ("C2", " four")]
    assert marked_text(p, "C1") == "one two three"
    assert marked_text(p, "C2") == "three four"
    both = next(title for ids, title, _ in p.marks if ids == "C1 C2")
    assert "paraphrase of C1" in both and "paraphrase of C2" in both
    assert "".join(p.text).count("three") == 1  # the text is not repeated


def test_nested_quote_takes_the_inner_colour_and_both_badges_show() -> None:
    amap = make(
        ("the whole sentence with an inner part.",),
        [row("T1", "thesis", "the whole sentence with an inner part", "1"), row("E1", "evidence", "inner", "1", "T1")],
    )
    html = annotated_html(amap).data
    p = parse(html)
    assert [(ids, text) for ids, _, text in p.marks] == [("T1", "the whole sentence with an "), ("T1 E1", "inner"), ("T1", " part")]
    assert p.badges == ["T1", "E1"]
    inner_fill = PALETTE[NODE["evidence"]["colour"]][1]
    assert re.search(rf'<mark style="background:{inner_fill};[^"]*double[^"]*" data-ids="T1 E1"', html)


def test_markup_and_ampersands_in_the_data_are_escaped() -> None:
    paras = ("Tom & Jerry <script>alert(1)</script> say “hi”.",)
    rows = [
        row("C1", "claim", "<script>alert(1)</script>", "1", text='x" onmouseover="evil()'),
        row("C2", "claim", "Tom & Jerry", "1", text="an <em>odd</em> & claim"),
    ]
    html = annotated_html(make(paras, rows)).data
    p = parse(html)
    assert set(p.tags) == {"div", "p", "span", "b", "sup", "mark"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Tom &amp; Jerry" in html
    assert 'onmouseover="evil' not in html and "onmouseover=&quot;evil()" in html
    assert marked_text(p, "C1") == "<script>alert(1)</script>"  # the parser unescapes: the reader sees the text
    assert "an <em>odd</em> & claim" in next(title for ids, title, _ in p.marks if ids == "C2")


def test_analyst_rows_and_missing_quotes() -> None:
    rows = [row("T1", "thesis", "Alpha", "1"), row("A1", "assumption", parent="T1", origin="analyst"), row("C9", "claim", "not in the text", "1", "T1")]
    spans, missing = quote_spans(make(PARAS, rows))
    assert [s.id for s in spans] == ["T1"] and missing == ["C9"]
    html = annotated_html(make(PARAS, rows)).data
    assert "A1" not in parse(html).badges
    assert "not found in their paragraph: C9" in html


def test_map_without_source_is_refused() -> None:
    with pytest.raises(ValueError, match="no source"):
        annotated_html(ArgumentMap([row("T1", "thesis")]))


def test_segments_cover_the_whole_length_without_gaps() -> None:
    segs = segments(20, [(2, 9, "A"), (5, 15, "B"), (5, 7, "C")])
    assert segs[0][0] == 0 and segs[-1][1] == 20
    assert all(a[1] == b[0] for a, b in zip(segs, segs[1:]))
    assert (5, 7, ("A", "B", "C")) in segs


def test_html_object_renders_in_notebooks() -> None:
    out = annotated_html(make(PARAS, []))
    assert isinstance(out, HTML) and out._repr_html_() == out.data and out.data.startswith("<div")


def test_source_card_shows_metadata_escaped() -> None:
    meta = {
        "title": "Talks & <i>Treaties</i>",
        "author": "A. Writer",
        "author_affiliations": ["Institute One", "Institute Two"],
        "outlet": "The Weekly",
        "published": "2024-06",
        "reprints": [{"outlet": "Daily Echo", "date": "2024-06-30"}],
    }
    html = source_card(make(PARAS, [row("T1", "thesis", "Alpha", "1"), row("A1", "assumption", parent="T1", origin="analyst")], meta)).data
    for expected in (
        "Talks &amp; &lt;i&gt;Treaties&lt;/i&gt;",
        "A. Writer",
        "Institute One<br>Institute Two",
        "The Weekly",
        "June 2024",
        "Daily Echo, 30 June 2024",
        "3 numbered body paragraphs; 1 rows quote the text, 1 rows were added by others",
    ):
        assert expected in html
    assert "<i>" not in html


def test_source_card_of_the_real_article() -> None:
    src = Source.load(ROOT / "sources" / "poghosyan-current-stage-of-negotiations.txt")
    html = source_card(ArgumentMap([], source=src)).data
    assert "Benyamin Poghosyan" in html and "Armenian Mirror-Spectator" in html and "Aravot English" in html
    assert "12 numbered body paragraphs" in html


def test_legend_names_every_type_relation_and_dashed_origin() -> None:
    html = legend_html().data
    for t in NODE:
        assert f"<b>{t}</b>" in html
        assert PALETTE[NODE[t]["colour"]][1] in html
    for rel in ("supports", "attacks", "undercuts"):
        assert f"<b>{rel}</b>" in html
    assert "dashed border" in html and "stroke-dasharray" in html
    assert "attacks the inference" in html
    assert html.count("<svg") == len(NODE) + 1 + 3 + 1
