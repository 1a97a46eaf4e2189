"""Classroom overlays: group files attach rows to the author's ids, are checked across files, and drawn apart."""

import subprocess
from pathlib import Path

import pytest
from helpers import run_main

import argmap

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "bike-lanes" / "claims.csv"
HEADER = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url\n"


def overlay(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def argmap_cli(capsys, *args: str) -> subprocess.CompletedProcess:
    """The command run in-process (exit code, stdout, stderr apart); tests/test_bad_input.py runs each command as a user does."""
    code, out, err = run_main(capsys, *args)
    return subprocess.CompletedProcess(args, code, out, err)


def test_overlay_rows_join_the_map_and_may_point_at_each_other(tmp_path):
    a = overlay(
        tmp_path,
        "group-a.csv",
        "GA1,objection,Parking is scarce already,,,C4,attacks,,group-a,,,,,",
        "GA2,evidence,We counted 40 spaces,,,GA1,supports,,group-a,,,,,",
    )
    amap = argmap.load(EXAMPLE, overlays=[a])
    assert amap.children("C4") == ["GA1"] and amap.parent("GA2") == "GA1"
    assert amap["GA1"]["origin"] == "group-a"


def test_collisions_and_dangling_references_name_the_overlay_file_and_line(tmp_path):
    a = overlay(tmp_path, "group-a.csv", "C1,objection,Clash,,,T1,attacks,,group-a,,,,,", "GA2,objection,Dangles,,,C99,attacks,,group-a,,,,,")
    with pytest.raises(argmap.InvalidMap) as e:
        argmap.load(EXAMPLE, overlays=[a])
    lines = [str(p) for p in e.value.problems]
    assert lines[0] == f"{a}:2: id C1: id: is already used at {EXAMPLE}:3; give the group its own ids (e.g. A-C1)"
    assert lines[1] == f"{a}:3: id GA2: parent: no row has id 'C99'"


def test_an_overlay_cannot_claim_the_authors_words(tmp_path):
    a = overlay(tmp_path, "group-a.csv", "GA1,claim,Mine,,,T1,supports,,article,,,,,")
    with pytest.raises(argmap.InvalidMap) as e:
        argmap.load(EXAMPLE, overlays=[a])
    assert any(p.column == "origin" and p.file == str(a) for p in e.value.problems)


def test_each_group_gets_its_own_border_and_legend_entry_and_the_author_part_is_unchanged(tmp_path):
    a = overlay(tmp_path, "group-a.csv", "GA1,objection,A's point,,,C4,attacks,,group-a,,,,,")
    b = overlay(tmp_path, "group-b.csv", "GB1,assumption,B's point,,,C2,supports,,group-b,,,,,")
    plain = argmap.to_dot(argmap.load(EXAMPLE))
    dot = argmap.to_dot(argmap.load(EXAMPLE, overlays=[a, b]))
    line = {ln.split(" [")[0].strip(): ln for ln in dot.splitlines() if " [" in ln}
    assert 'style="filled,dotted"' in line['"GA1"'] and 'style="filled,bold,dotted"' in line['"GB1"']
    assert "added by group-a" in dot and "added by group-b" in dot
    for ln in plain.splitlines():
        if ln.startswith('  "') and "->" not in ln and "__" not in ln:
            assert ln in dot  # every author (and analyst) node is drawn exactly as without overlays


def test_cli_with_option(tmp_path, capsys):
    a = overlay(tmp_path, "group-a.csv", "GA1,objection,A's point,,,C4,attacks,,group-a,,,,,")
    ok = argmap_cli(capsys, "validate", str(EXAMPLE), "--with", str(a))
    assert ok.returncode == 0 and "10 rows, valid (with 1 overlay file)" in ok.stdout
    bad = overlay(tmp_path, "group-b.csv", "T1,objection,Clash,,,C4,attacks,,group-b,,,,,")
    out = argmap_cli(capsys, "render", str(EXAMPLE), "--with", str(bad), "-o", str(tmp_path / "figs"))
    assert out.returncode == 1 and "is already used at" in out.stderr and not (tmp_path / "figs").exists()
    drawn = argmap_cli(capsys, "render", str(EXAMPLE), "--with", str(a), "-o", str(tmp_path / "figs"), "--format", "svg", "-q")
    assert drawn.returncode == 0 and 'id="GA1"' in (tmp_path / "figs" / "map.svg").read_text(encoding="utf-8")


def test_a_group_file_with_only_a_header_is_an_empty_overlay_with_a_note(tmp_path, capsys):
    empty = overlay(tmp_path, "group-c.csv")
    a = overlay(tmp_path, "group-a.csv", "GA1,objection,A's point,,,C4,attacks,,group-a,,,,,")
    notes: list[str] = []
    amap = argmap.load(EXAMPLE, overlays=[a, empty], notes=notes)
    assert "GA1" in amap and notes == [f"{empty}: no rows yet (only the header): an empty overlay, nothing to add"]
    out = argmap_cli(capsys, "validate", str(EXAMPLE), "--with", str(a), str(empty))
    assert out.returncode == 0 and "valid (with 2 overlay files)" in out.stdout
    assert f"note: {empty}: no rows yet" in out.stderr
    drawn = argmap_cli(capsys, "render", str(EXAMPLE), "--with", str(empty), "-o", str(tmp_path / "figs"), "--format", "svg", "-q")
    assert drawn.returncode == 0, drawn.stderr


def test_a_claims_file_with_only_a_header_is_still_refused(tmp_path, capsys):
    claims = overlay(tmp_path, "claims.csv")
    out = argmap_cli(capsys, "validate", str(claims), "--source", str(EXAMPLE.parent / "sources" / "bike-lanes.txt"))
    assert out.returncode == 1 and "file has a header but no rows" in out.stderr


@pytest.mark.parametrize("origin", ["analyst", "article"])
def test_a_group_file_may_not_use_the_analysts_or_the_authors_origin(tmp_path, origin):
    a = overlay(tmp_path, "group-c.csv", f"GC1,objection,Mine,,,T1,attacks,,{origin},,,,,")
    with pytest.raises(argmap.InvalidMap) as e:
        argmap.load(EXAMPLE, overlays=[a])
    [p] = [p for p in e.value.problems if p.column == "origin"]
    assert p.file == str(a) and f"cannot have origin '{origin}'" in p.message and "'group-c'" in p.message


def test_messages_name_the_fix(tmp_path, capsys):
    a = overlay(tmp_path, "group-c.csv", "GC1,objection,Mine,,,T1,attack,,Group C,,,,,")
    out = argmap_cli(capsys, "validate", str(EXAMPLE), "--with", str(a))
    assert out.returncode == 1
    assert "relation: 'attack' is not one of: supports, attacks, undercuts; did you mean 'attacks'?" in out.stderr
    assert "origin: 'Group C' is malformed; write it as 'group-c'" in out.stderr
    # the summary names the group's file, not the claims file it was checked with
    assert out.stderr.strip().splitlines()[-1] == f"{a}: 2 problems" and f"{EXAMPLE}: " not in out.stderr


def test_a_semicolon_separated_file_is_named_as_such(tmp_path, capsys):
    a = tmp_path / "group-a.csv"
    a.write_text(HEADER.replace(",", ";") + "GA1;objection;Mine;;;C4;attacks;;group-a;;;;;\n", encoding="utf-8")
    out = argmap_cli(capsys, "validate", str(EXAMPLE), "--with", str(a))
    assert out.returncode == 1 and out.stderr.splitlines()[1:] == [f"{a}: 1 problem"]  # one problem, not five column errors
    assert "looks semicolon-separated" in out.stderr and "CSV UTF-8 (comma delimited)" in out.stderr
