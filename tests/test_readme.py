"""The README cannot drift from the code, the schema, the data or the files it links to."""

import re
from pathlib import Path

import argmap
from argmap.cli import commands

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(name: str) -> str:
    m = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", README, re.S)
    assert m, f"README has no {name} block"
    return m.group(1)


def test_data_dictionary_is_generated_from_the_schema():
    assert _block("dictionary") == argmap.schema("claims").to_markdown(), "run: argmap schema > the README's dictionary block"


def test_passage_table_lists_the_rows_of_each_paragraph(real_map):
    amap = real_map
    table = _block("passages")
    for row in table.splitlines()[2:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        para, ids = int(cells[0]), [i.strip() for i in cells[2].split(",")]
        expected = [r["id"] for r in amap.rows if r["paragraph"] == str(para)]
        assert ids == expected, f"¶{para}: README lists {ids}, claims.csv has {expected}"
        assert cells[1].strip("“”…").split("…")[0].rstrip("?") in amap.source.paragraph(para)


def test_every_paragraph_has_a_passage_row(real_map):
    amap = real_map
    rows = _block("passages").splitlines()[2:]
    assert len(rows) == len(amap.source.paragraphs) == 12


def test_local_links_resolve():
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", README)
    assert links
    missing = [link for link in links if not link.startswith(("http://", "https://")) and not (ROOT / link).exists()]
    assert not missing, f"dead links in README: {missing}"


def test_every_command_is_documented():
    for name in commands():
        assert f"`argmap {name}" in README, f"argmap {name} is not in the README's command table"


def test_ci_runs_the_readme_test_command():
    assert "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text()
