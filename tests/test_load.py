"""Reading claims CSVs: header problems, ragged rows, encodings, line ends, and finding the source text."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers import BASE, HEADER, SOURCE, problems, write_bytes_map, write_map

import argmap
from argmap import ArgmapError, ArgumentMap, InvalidMap


def test_load_returns_a_map_with_a_dataframe_of_the_rows(tmp_path):
    amap = argmap.load(write_map(tmp_path))
    assert isinstance(amap, ArgumentMap)
    df = amap.frame
    assert isinstance(df, pd.DataFrame)
    assert list(df["id"]) == ["T1", "C1", "E1", "O1"]
    assert list(df.index) == ["T1", "C1", "E1", "O1"]
    assert list(df.columns) == list(argmap.schema("claims").names)
    assert df.loc["E1", "quote"] == "That’s what the 2023 survey found."
    assert str(df["paragraph"].dtype) == "Int64"
    assert list(df["paragraph"]) == [1, 2, 2, 3]


def test_frame_paragraph_is_missing_not_zero_for_rows_without_one(tmp_path):
    rows = BASE + "A1,assumption,Shade matters,,,T1,supports,,analyst,,,,,\n"
    df = argmap.load(write_map(tmp_path, rows)).frame
    assert str(df["paragraph"].dtype) == "Int64"
    assert df["paragraph"].isna().tolist() == [False, False, False, False, True]


def test_empty_file(tmp_path):
    path = write_map(tmp_path, "", header=None)
    assert problems(path) == [f"{path}: file is empty; the first line must be the header: id,type,text,origin"]


def test_blank_lines_only_count_as_empty(tmp_path):
    path = write_map(tmp_path, "\n\n  \n", header=None)
    [p] = problems(path)
    assert "file is empty" in p


def test_header_only(tmp_path):
    path = write_map(tmp_path, "")
    assert problems(path) == [f"{path}: file has a header but no rows"]


def test_missing_column(tmp_path):
    header = HEADER.replace("type,", "")
    rows = "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 1) for line in BASE.splitlines()) + "\n"
    path = write_map(tmp_path, rows, header=header)
    assert problems(path) == [f"{path}:1: missing column 'type'"]


def test_duplicate_header(tmp_path):
    path = write_map(tmp_path, "T1,thesis,Plant,,,,,,analyst,,,,,,analyst\n", header=HEADER + ",origin")
    assert problems(path) == [f"{path}:1: column 'origin' appears twice in the header"]


@pytest.mark.parametrize(("column", "hint"), [("Type", "type"), (" parent", "parent"), ("notes", "note"), ("remarks", None)])
def test_unknown_column(tmp_path, column, hint):
    path = write_map(tmp_path, "".join(line + ",x\n" for line in BASE.splitlines()), header=f'{HEADER},"{column}"')
    expected = f"{path}:1: unknown column '{column}'" + (f"; did you mean '{hint}'?" if hint else "")
    assert problems(path) == [expected]


def test_all_header_problems_at_once(tmp_path):
    path = write_map(tmp_path, "", header="id,Type,text,text")
    assert sorted(problems(path)) == [
        f"{path}:1: column 'text' appears twice in the header",
        f"{path}:1: missing column 'origin'",
        f"{path}:1: missing column 'type'",
        f"{path}:1: unknown column 'Type'; did you mean 'type'?",
    ]


def test_row_with_too_many_fields(tmp_path):
    path = write_map(tmp_path, BASE.replace("critics,,,,", "critics,,,,,extra"))
    assert problems(path) == [f"{path}:5: id O1: row has 15 fields but the header has 14"]


def test_row_with_too_few_fields(tmp_path):
    path = write_map(tmp_path, BASE + "A1,assumption,Shade matters\n")
    assert problems(path) == [f"{path}:6: id A1: row has 3 fields but the header has 14"]


def test_unclosed_quote_is_located(tmp_path):
    path = write_map(tmp_path, BASE + 'A1,assumption,"Shade matters,,,T1,supports,,analyst,,,,,\n')
    [p] = problems(path)
    assert p.startswith(f"{path}:6: not valid CSV")
    assert "unclosed quote" in p


def test_latin1_bytes_name_the_line_and_utf8(tmp_path):
    raw = (HEADER + "\n" + BASE).encode("utf-8").replace(b"Trees cool streets", "Trees cool the café".encode("latin-1"))
    path = write_bytes_map(tmp_path, raw)
    [p] = problems(path)
    assert p.startswith(f"{path}:3: ")
    assert "not UTF-8" in p and "0xe9" in p


def test_utf8_bom_is_accepted(tmp_path):
    path = write_bytes_map(tmp_path, b"\xef\xbb\xbf" + (HEADER + "\n" + BASE).encode("utf-8"))
    amap = argmap.load(path)
    assert amap.ids == ["T1", "C1", "E1", "O1"]


def test_crlf_line_ends_are_accepted_and_lines_counted(tmp_path):
    text = (HEADER + "\n" + BASE).replace("\n", "\r\n")
    path = write_bytes_map(tmp_path, text.encode("utf-8"))
    amap = argmap.load(path)
    assert amap["O1"]["source_url"] == ""  # no stray \r in the last column
    assert amap.lines == [2, 3, 4, 5]
    bad = write_bytes_map(tmp_path / "bad", text.replace(",2023,", ",2023-13,").encode("utf-8"))
    assert problems(bad) == [f"{bad}:4: id E1: date: '2023-13' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)"]


def test_crlf_source_text_is_accepted(tmp_path):
    path = write_map(tmp_path, source=SOURCE.replace("\n", "\r\n"))
    assert problems(path) == []


def test_newline_inside_a_quoted_field(tmp_path):
    rows = BASE.replace("Trees cool streets,", '"Trees cool\nstreets,\nin summer",')
    path = write_map(tmp_path, rows)
    amap = argmap.load(path)
    assert amap["C1"]["text"] == "Trees cool\nstreets,\nin summer"
    assert amap.lines == [2, 3, 6, 7]
    bad = write_map(tmp_path / "bad", rows.replace("O1,objection", "O1,objectionn"))
    [p] = problems(bad)
    assert p.startswith(f"{bad}:7: id O1: type: ")


def test_nul_byte(tmp_path):
    raw = (HEADER + "\n" + BASE).encode("utf-8").replace(b"Trees cool streets", b"Trees\x00cool")
    path = write_bytes_map(tmp_path, raw)
    assert problems(path) == [f"{path}:3: contains a NUL byte; is this a spreadsheet or binary file rather than CSV?"]


def test_missing_claims_file(tmp_path):
    with pytest.raises(ArgmapError, match="file not found") as e:
        argmap.load(tmp_path / "nope.csv")
    assert not isinstance(e.value, InvalidMap)
    assert str(tmp_path / "nope.csv") in str(e.value)


def test_claims_path_is_a_folder(tmp_path):
    with pytest.raises(ArgmapError, match="is a folder"):
        argmap.load(tmp_path)


def test_missing_source_file(tmp_path):
    path = write_map(tmp_path)
    with pytest.raises(ArgmapError, match="source file not found") as e:
        argmap.load(path, tmp_path / "missing.txt")
    assert "missing.txt" in str(e.value)


def test_no_sources_folder_asks_for_source(tmp_path):
    path = write_map(tmp_path, source=None)
    with pytest.raises(ArgmapError, match=r"no source text found in .*sources/; pass --source FILE"):
        argmap.load(path)


def test_several_sources_ask_for_source(tmp_path):
    path = write_map(tmp_path)
    (tmp_path / "sources" / "other.txt").write_text("Other.\n", encoding="utf-8")
    with pytest.raises(ArgmapError, match=r"several source texts .*\(article\.txt, other\.txt\); pass --source FILE"):
        argmap.load(path)
    amap = argmap.load(path, tmp_path / "sources" / "article.txt")
    assert amap.source.path.name == "article.txt"


def test_explicit_source_overrides_the_one_beside_the_csv(tmp_path):
    path = write_map(tmp_path, source="Something else entirely.\n")
    other = tmp_path / "real.txt"
    other.write_text(SOURCE, encoding="utf-8")
    assert problems(path) != []
    assert problems(path, other) == []


def test_non_utf8_source_names_its_line(tmp_path):
    path = write_map(tmp_path, source=None)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").write_bytes("First.\n\nCafé.\n".encode("latin-1"))
    with pytest.raises(ArgmapError, match=r"article\.txt:3: source is not UTF-8"):
        argmap.load(path)


def test_rows_of_only_blank_cells_are_ignored(tmp_path):
    path = write_map(tmp_path, BASE + ",,,,,,,,,,,,,\n\n")
    assert argmap.load(path).ids == ["T1", "C1", "E1", "O1"]


def test_a_file_with_only_the_required_columns_does_not_crash(tmp_path):
    # the schema requires only id, type, text and origin; the optional columns may be left out
    path = write_map(tmp_path, "T1,thesis,Plant more trees,analyst\n", header="id,type,text,origin")
    try:
        argmap.load(path)
    except InvalidMap:
        pass  # reporting the absent columns as problems would be fine too; a KeyError is not
