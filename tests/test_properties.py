"""Property-based tests: validation never crashes, and every valid map renders with every label intact."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from interop_maps import maps

from argmap import ArgmapError, schema
from argmap.core.table import read_rows
from argmap.core.validate import validate
from argmap.draw.dot import label, rows_to_dot
from argmap.draw.render import render_dot

HEADER = ",".join(schema("claims").names)
CELL = st.one_of(
    st.sampled_from(["", "T1", "C1", "claim", "Claim", " thesis", "supports", "undercuts", "article", "analyst", "1", "0", "13", "2024-02-30", "g1"]),
    st.text(max_size=8),
)


#: What csv_files draws from, made once (a strategy made at each draw is validated at each draw).
_HEADERS = st.sampled_from([HEADER, HEADER + ",id", "id,type,text", "", HEADER.replace("parent", "Parent")])
_ROW = st.lists(CELL, min_size=0, max_size=16)
_ROWS = st.integers(0, 6)
_END = st.sampled_from(["", "\n", '"', "\r\n"])
_ENCODING = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"])


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A CSV-ish file: the real header or a mangled one, rows of odd cells, odd quoting, odd encodings."""
    header = draw(_HEADERS)
    rows = [",".join(draw(_ROW)) for _ in range(draw(_ROWS))]
    text = "\n".join([header, *rows]) + draw(_END)
    encoding = draw(_ENCODING)
    return text.encode(encoding, errors="replace")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=csv_files())
def test_validation_never_crashes(tmp_path, data):
    path = tmp_path / "claims.csv"
    path.write_bytes(data)
    try:
        table = read_rows(path)
        problems = table.problems + validate(table, None)
    except ArgmapError as e:  # the documented way to refuse a whole file, with a message
        assert str(e).startswith(str(path))
        return
    for p in problems:
        assert p.file == str(path) and (p.line is None or p.line >= 1) and p.message


def _node_text(svg: str, node_id: str) -> str:
    """The text Graphviz drew inside the node whose id is ``node_id``, lines joined by spaces."""
    for m in re.finditer(r'<g id="([^"]*)" class="node[^"]*">(.*?)</g>\n</g>', svg, re.S):
        if html.unescape(m.group(1)) == node_id:  # Graphviz writes '-' in ids as '&#45;'
            return " ".join(html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", m.group(2), re.S))
    raise AssertionError(f"no node {node_id!r} in the SVG")


def _expected(row: dict[str, str]) -> str:
    """The label's lines as Graphviz draws them: control characters dropped (XML cannot hold them), empty lines skipped."""
    control = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    return " ".join(line for line in (control.sub("", ln) for ln in label(row).split("\n")) if line)


_CONTROL_THEN_SPACE = {"id": "A", "type": "thesis", "text": "0\r\x1b 0", "origin": "analyst", "parent": "", "relation": "", "group": ""}


@settings(max_examples=40, deadline=None)
@given(rows=maps(max_rows=7))
@example(rows=[_CONTROL_THEN_SPACE])  # a control character between spaces once left a double space (drawn as a no-break space)
def test_a_valid_map_always_renders_with_every_label(rows):
    svg = render_dot(rows_to_dot(rows, legend=False), ["svg"])["svg"].decode("utf-8")
    assert "<script" not in svg.lower()
    for row in rows:
        assert _node_text(svg, row["id"]) == _expected(row)
