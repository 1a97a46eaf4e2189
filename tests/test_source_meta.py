"""Maps that quote no source need none; a source's metadata (sources/*.json) has a schema and is checked."""

from __future__ import annotations

import json
import re

import pytest
from helpers import ROOT, run_main, write_map

import argmap
from argmap.core.errors import ArgmapError, InvalidMap
from argmap.core.schema import schema

H = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url,same_as,note"
STUDENT = """\
T1,thesis,School should start at nine,,,,,,student,,,,,,,
C1,claim,Teenagers sleep later,,,T1,supports,,student,,,,,,,
O1,objection,Buses are shared with primary schools,,,T1,attacks,,student,,,,,,,
C1.r1,,,,,O1,attacks,,student,,,,,,C1,
"""


@pytest.fixture
def student(tmp_path):
    return write_map(tmp_path, STUDENT, header=H, source=None)


def test_an_all_analyst_map_loads_without_a_source(student):
    amap = argmap.load(student)
    assert amap.source is None and amap.statement_of("C1.r1") == "C1"


def test_an_all_analyst_map_validates_renders_and_exports_without_source(student, tmp_path, capsys):
    assert run_main(capsys, "validate", student)[0] == 0
    code, _, err = run_main(capsys, "render", student, "-o", tmp_path / "fig", "--format", "svg")
    assert code == 0, err
    assert (tmp_path / "fig" / "map.svg").exists()
    for fmt in ("aif", "argdown", "markdown", "graphml"):
        code, out, err = run_main(capsys, "export", "--to", fmt, student)
        assert code == 0 and out and "source" not in err, (fmt, err)


def test_a_map_that_quotes_still_needs_its_source(tmp_path, capsys):
    rows = STUDENT.replace("T1,thesis,School should start at nine,,,", "T1,thesis,School should start at nine,The town should plant more trees.,1,")
    path = write_map(tmp_path, rows.replace(",student,", ",article,", 1), header=H, source=None)
    with pytest.raises(ArgmapError, match=r"no source text found in .*sources/; pass --source FILE"):
        argmap.load(path)
    code, out, err = run_main(capsys, "validate", path)
    assert code != 0 and "pass --source FILE" in out + err and "Traceback" not in err


def _meta(tmp_path, meta) -> list[str]:
    path = write_map(tmp_path)
    (tmp_path / "sources" / "article.json").write_text(json.dumps(meta) if not isinstance(meta, str) else meta, encoding="utf-8")
    try:
        argmap.load(path)
    except InvalidMap as e:
        return [str(p).replace(f"{tmp_path}/", "") for p in e.problems]
    return []


def test_metadata_problems_carry_codes(tmp_path):
    from argmap.core.source import check_meta

    codes = [p.code for p in check_meta({"autor": "x", "front_matter_blocks": -1, "published": "x"}, "a.json", 4)]
    assert codes == ["meta-unknown-key", "meta-integer", "meta-date"]
    assert [p.code for p in check_meta([], "a.json")] == ["meta-not-object"]


def test_good_metadata_passes(tmp_path):
    meta = {
        "title": "Trees",
        "author": "A. B.",
        "outlet": "Town paper",
        "published": "2024-06",
        "front_matter_blocks": 0,
        "reprints": [{"outlet": "X", "date": "2024-07-01"}],
    }
    assert _meta(tmp_path, meta) == []


@pytest.mark.parametrize(
    "meta, message",
    [
        ({"front_matter_blocks": "two"}, "front_matter_blocks: '\"two\"' is not a whole number"),
        ({"front_matter_blocks": "1"}, "front_matter_blocks: '1' is not a whole number (write 1, not \"1\")"),
        ({"front_matter_blocks": -1}, "front_matter_blocks: -1 is less than 0"),
        ({"front_matter_blocks": 2.5}, "front_matter_blocks: 2.5 is not a whole number"),
        ({"front_matter_blocks": 3}, "front_matter_blocks: is 3, but the text has only 3 blocks: no body paragraph would be left"),
        ({"published": "June 2024"}, "published: 'June 2024' is not a date; use YYYY-MM-DD, YYYY-MM or YYYY"),
        ({"published": "2024-02-30"}, "published: '2024-02-30' is not a real date"),
        ({"autor": "A. B."}, "autor: unknown key 'autor'; did you mean 'author'?"),
        ({"title": 5}, "title: 5 is not text"),
        ({"url": "www.example.org"}, "url: 'www.example.org' is malformed"),
        ({"reprints": [{"outlet": "X", "date": "soon"}]}, "reprints: item 1: date: 'soon' is not a date"),
        ([1, 2], "metadata must be a JSON object"),
    ],
)
def test_bad_metadata_gets_one_line_naming_the_file_and_key(tmp_path, meta, message):
    found = _meta(tmp_path, meta)
    assert len(found) == 1 and found[0].startswith("sources/article.json: "), found
    assert message.replace("'\"two\"'", '"two"') in found[0], found


def test_bad_metadata_stops_the_cli_with_a_count_and_no_traceback(tmp_path, capsys):
    path = write_map(tmp_path)
    (tmp_path / "sources" / "article.json").write_text('{"front_matter_blocks": "x"}', encoding="utf-8")
    code, out, err = run_main(capsys, "validate", path)
    assert code == 1
    assert re.search(r"sources/article\.json: front_matter_blocks: \"x\" is not a whole number\n", out + err)
    assert "1 problem" in err and "Traceback" not in err


def test_the_package_metadata_is_valid_and_listed_with_its_schema():
    package = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(r for r in package["resources"] if r["name"] == "article-metadata")
    assert entry["schema"] == "argmap/schemas/source.json" and (ROOT / entry["schema"]).exists()
    from argmap.core.source import check_meta

    assert check_meta(json.loads((ROOT / entry["path"]).read_text(encoding="utf-8")), entry["path"], 99) == []


def test_readme_documents_every_metadata_key():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- source-dictionary:start -->\n")[1].split("<!-- source-dictionary:end -->")[0]
    assert block == schema("source").to_markdown()
