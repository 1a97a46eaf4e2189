"""Drawing with Graphviz: what the SVG holds, byte-identical re-renders, and atomic, all-or-nothing writes."""

from __future__ import annotations

import html
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import BASE, EXAMPLE, run_argmap, write_map

import argmap
from argmap.cli import main
from argmap.core.atomic import write_if_changed
from argmap.draw.dot import label, rows_to_dot, tooltip
from argmap.draw.render import render_dot

SVG = "{http://www.w3.org/2000/svg}"
XLINK_TITLE = "{http://www.w3.org/1999/xlink}title"
FORMATS = ("svg", "png", "pdf", "dot")


@pytest.fixture(scope="module")
def bikes():
    return argmap.load(EXAMPLE)


@pytest.fixture(scope="module")
def figures(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("figures")
    assert main(["render", str(EXAMPLE), "-o", str(out), "--format", ",".join(FORMATS), "-q"]) == 0
    return out


@pytest.fixture(scope="module")
def svg_text(figures) -> str:
    return (figures / "map.svg").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def svg(svg_text) -> ET.Element:
    return ET.fromstring(svg_text.encode("utf-8"))


def group(root: ET.Element, id_: str) -> ET.Element:
    found = root.findall(f".//{SVG}g[@id='{id_}']")
    assert len(found) == 1, id_
    return found[0]


def node_lines(g: ET.Element) -> list[str]:
    return [t.text or "" for t in g.iter(f"{SVG}text")]


def test_render_writes_the_map_and_each_branch_in_every_format(figures):
    names = {p.name for p in figures.iterdir()}
    assert names == {f"{n}.{f}" for n in ("map", "branch-C1", "branch-C2", "branch-C3") for f in FORMATS} | {".argmap-manifest.json"}


def test_every_row_has_an_svg_element_with_its_id(bikes, svg):
    for rid in bikes.ids:
        g = group(svg, rid)
        assert g.get("class").split()[0] == "node"


def test_svg_holds_every_label_line(bikes, svg):
    for row in bikes.rows:
        assert node_lines(group(svg, row["id"])) == label(row).split("\n")


def test_label_text_is_in_the_raw_svg_after_unescaping(bikes, svg_text):
    texts = [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg_text)]
    for row in bikes.rows:
        for line in label(row).split("\n"):
            assert line in texts


def test_article_tooltip_has_the_verbatim_quote_and_paragraph(bikes, svg):
    for row in bikes.rows:
        titles = [a.get(XLINK_TITLE) for a in group(svg, row["id"]).iter(f"{SVG}a")]
        assert titles == [tooltip(row)]
        if row["origin"] == "article":
            assert titles[0] == f"¶{row['paragraph']}: “{row['quote']}”"
        else:
            assert titles[0].startswith(f"Added by {row['origin']} (not in the article)")


def test_edges_carry_their_relation_as_a_class(svg):
    classes = {g.get("class") for g in svg.iter(f"{SVG}g")}
    assert {"edge supports", "edge attacks", "edge undercuts"} <= classes
    titles = {g.find(f"{SVG}title").text: g.get("class") for g in svg.iter(f"{SVG}g") if (g.get("class") or "").startswith("edge ")}
    assert titles["C3->T1"] == "edge attacks"
    assert titles["O1->__inference_E2"] == "edge undercuts"
    assert titles["E1->C1"] == "edge supports"


def test_analyst_nodes_have_a_dashed_border_and_article_nodes_do_not(bikes, svg):
    for row in bikes.rows:
        shapes = [e for e in group(svg, row["id"]).iter() if e.tag in (f"{SVG}polygon", f"{SVG}path", f"{SVG}ellipse")]
        dashed = any(e.get("stroke-dasharray") for e in shapes)
        assert dashed == (row["origin"] != "article"), row["id"]


def test_node_classes_name_type_and_origin(bikes, svg):
    for row in bikes.rows:
        assert group(svg, row["id"]).get("class") == f"node {row['type']} {row['origin']}"


def _svg_ids(data: bytes) -> list[str]:
    return [e.get("id") for e in ET.fromstring(data).iter() if e.get("id")]


def test_svg_element_ids_are_unique(svg_text):
    ids = _svg_ids(svg_text.encode("utf-8"))
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row_id", ["edge1", "node3", "a_T1", "graph0", "clust1"])
def test_ids_graphviz_uses_for_its_own_svg_elements_are_rejected(row_id):
    # SVG element ids must stay unique, so the schema forbids the names Graphviz generates
    from argmap.core.schema import schema
    from argmap.core.table import Table
    from argmap.core.validate import check_fields

    row = {"id": row_id, "type": "thesis", "text": "t", "quote": "", "paragraph": "", "parent": "", "relation": "", "group": "", "origin": "analyst"}
    problems = check_fields(Table("m.csv", list(row), [row], [2]), schema("claims"))
    assert [p.column for p in problems] == ["id"]
    assert "Graphviz" in problems[0].message


def test_png_and_pdf_magic(figures):
    assert (figures / "map.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert (figures / "map.pdf").read_bytes().startswith(b"%PDF")
    assert (figures / "map.svg").read_bytes().startswith(b"<?xml")
    assert (figures / "map.dot").read_text(encoding="utf-8").startswith("digraph argmap {")


def test_rendering_twice_gives_identical_bytes(bikes):
    dot = argmap.to_dot(bikes)
    first, second = render_dot(dot, FORMATS), render_dot(dot, FORMATS)
    for fmt in FORMATS:
        assert first[fmt] == second[fmt], fmt


def test_render_command_twice_writes_identical_files_and_nothing_the_second_time(tmp_path, figures):
    out = tmp_path / "again"
    assert main(["render", str(EXAMPLE), "-o", str(out), "--format", ",".join(FORMATS), "-q"]) == 0
    for p in figures.iterdir():
        assert (out / p.name).read_bytes() == p.read_bytes(), p.name
    old = 1_000_000_000
    for p in out.iterdir():
        os.utime(p, ns=(old, old))
    assert main(["render", str(EXAMPLE), "-o", str(out), "--format", ",".join(FORMATS), "-q"]) == 0
    assert all(p.stat().st_mtime_ns == old for p in out.iterdir())


def test_pdf_creation_date_is_fixed(figures):
    pdf = (figures / "map.pdf").read_bytes()
    assert b"/CreationDate (D:19700101000000Z)" in pdf


def test_unknown_format_is_refused(bikes):
    with pytest.raises(argmap.ArgmapError, match="unknown format 'gif'"):
        render_dot(argmap.to_dot(bikes), ["svg", "gif"])


def test_write_if_changed_leaves_identical_content_alone(tmp_path):
    path = tmp_path / "f.svg"
    assert write_if_changed(path, b"<svg/>") is True
    old = 1_000_000_000
    os.utime(path, ns=(old, old))
    inode = path.stat().st_ino
    assert write_if_changed(path, b"<svg/>") is False
    assert path.stat().st_mtime_ns == old
    assert path.stat().st_ino == inode


def test_write_if_changed_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "f.svg"
    write_if_changed(path, b"old")
    os.link(path, tmp_path / "reader-has-this-open")  # a reader holding the old file
    assert write_if_changed(path, b"new") is True
    assert path.read_bytes() == b"new"
    assert (tmp_path / "reader-has-this-open").read_bytes() == b"old"  # replaced, not overwritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.svg", "reader-has-this-open"]  # no stray .tmp
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_write_if_changed_creates_the_folder(tmp_path):
    path = tmp_path / "a" / "b" / "f.png"
    assert write_if_changed(path, b"x") is True
    assert path.read_bytes() == b"x"
    assert [p.name for p in path.parent.iterdir()] == ["f.png"]


def test_no_tmp_files_left_after_a_render(figures):
    assert not [p for p in figures.iterdir() if (p.name.startswith(".") and p.name != ".argmap-manifest.json") or p.suffix == ".tmp"]


def test_invalid_input_writes_nothing(tmp_path, capsys):
    out = tmp_path / "figs"
    out.mkdir()
    (out / "map.svg").write_bytes(b"OLD FIGURE")
    (out / "branch-C1.svg").write_bytes(b"OLD BRANCH")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    bad = write_map(tmp_path / "map", BASE.replace("C1,claim,", "C1,Claim,"))
    assert main(["render", str(bad), "-o", str(out), "--format", "svg,png"]) == 1
    assert {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()} == before
    err = capsys.readouterr().err
    assert f"{bad}:3: id C1: type: 'Claim'" in err


def test_invalid_input_does_not_create_the_output_folder(tmp_path):
    bad = write_map(tmp_path, BASE.replace("C1,supports", "C9,supports"))
    assert main(["render", str(bad), "-o", str(tmp_path / "new"), "-q"]) == 1
    assert not (tmp_path / "new").exists()


def test_pruning_removes_only_branches_an_earlier_render_wrote(tmp_path):
    out = tmp_path / "figs"
    assert main(["render", str(EXAMPLE), "--root", "C1", "--depth", "1", "-o", str(out), "--format", "svg", "-q"]) == 0
    (out / "branch-GONE.svg").write_bytes(b"not ours")
    (out / "notes.txt").write_bytes(b"keep")
    assert main(["render", str(EXAMPLE), "-o", str(out), "--format", "svg", "-q"]) == 0
    names = ["branch-C1.svg", "branch-C2.svg", "branch-C3.svg", "branch-GONE.svg", "map.svg", "notes.txt"]
    assert sorted(p.name for p in out.iterdir()) == [".argmap-manifest.json", *names]


HOSTILE = '<script>alert(1)</script> "quoted" back\\slash & <b>bold</b> {a|b} [c]; Հայաստան Azərbaycan Şuşa 🚲'


def _hostile_rows(text: str) -> list[dict[str, str]]:
    return [
        {"id": "T1", "type": "thesis", "text": text, "quote": text, "paragraph": "1", "parent": "", "relation": "", "group": "", "origin": "article"},
        {"id": "C1", "type": "claim", "text": text, "quote": "", "paragraph": "", "parent": "T1", "relation": "supports", "group": "", "origin": "analyst"},
    ]


def test_hostile_text_cannot_inject_markup_into_the_svg():
    rows = _hostile_rows(HOSTILE)
    data = render_dot(rows_to_dot(rows, title=HOSTILE), ["svg"])["svg"].decode("utf-8")
    assert "<script" not in data.lower()
    assert "<b>" not in data
    root = ET.fromstring(data.encode("utf-8"))
    for row in rows:
        assert node_lines(group(root, row["id"])) == label(row).split("\n")
        assert [a.get(XLINK_TITLE) for a in group(root, row["id"]).iter(f"{SVG}a")] == [tooltip(row)]


@pytest.mark.parametrize("text", ["Fish &amp; chips", "R&amp;D", "&#45; &lt;b&gt;"])
def test_text_that_looks_like_an_entity_is_shown_as_written(text):
    rows = _hostile_rows(text)
    data = render_dot(rows_to_dot(rows), ["svg"])["svg"]
    root = ET.fromstring(data)
    assert node_lines(group(root, "C1"))[1] == text
    assert [a.get(XLINK_TITLE) for a in group(root, "T1").iter(f"{SVG}a")] == [f"¶1: “{text}”"]


def test_fontconfig_noise_never_reaches_stderr(tmp_path):
    result = run_argmap("render", EXAMPLE, "-o", tmp_path / "figs", "--format", "svg,png,pdf")
    assert result.returncode == 0, result.stderr
    assert "Fontconfig" not in result.stderr
    assert "Traceback" not in result.stderr


def test_fontconfig_errors_are_filtered_even_when_fontconfig_complains(tmp_path, monkeypatch):
    monkeypatch.setenv("FONTCONFIG_FILE", str(tmp_path / "no-such-fonts.conf"))  # makes fontconfig print an error
    result = run_argmap("render", EXAMPLE, "-o", tmp_path / "figs", "--format", "svg,png", "-q")
    assert result.returncode == 0, result.stderr
    assert "Fontconfig" not in result.stderr
    assert result.stderr == ""


@pytest.mark.parametrize("fmt", ["dot", "svg"])
def test_render_counts_figures_on_a_terminal_and_not_in_a_pipe(tmp_path, fmt):
    """On a terminal, render shows its progress on one line (DOT alone too: a 100,000-row map writes hundreds of branches);
    in a pipe or a log, nothing but the summary."""
    import pty
    import subprocess
    import sys

    argmap_bin = Path(sys.executable).parent / "argmap"
    branches = len(argmap.load(EXAMPLE).branches())
    primary, secondary = pty.openpty()
    try:
        done = subprocess.run(
            [str(argmap_bin), "render", str(EXAMPLE), "--format", fmt, "-o", str(tmp_path / "tty")], stderr=secondary, stdout=subprocess.PIPE, timeout=120
        )
        os.close(secondary)
        seen = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal's other end is closed: all is read
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(primary)
    assert done.returncode == 0
    verb = "written" if fmt == "dot" else "rendered"
    lines = seen.decode("utf-8").replace("\r\n", "\n").split("\r")
    assert lines[-1].startswith(f"{verb} {branches + 1}/{branches + 1}: ") and lines[-1].endswith("\n")
    piped = run_argmap("render", str(EXAMPLE), "--format", fmt, "-o", str(tmp_path / "pipe"))
    assert piped.returncode == 0 and verb not in piped.stderr
