"""The command line as users run it: exit codes 0 (clean), 1 (invalid data), 2 (usage); never a traceback."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import BASE, EXAMPLE, SCHEMA_JSON, run_argmap, run_main, write_map

from argmap.cli import _COMMANDS, commands, main, parser

COMMANDS = sorted(commands())  # every sub-command, those added by other modules too


def test_installed_script_runs():
    script = Path(sys.executable).parent / "argmap"
    result = subprocess.run([str(script), "validate", str(EXAMPLE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{EXAMPLE}: 9 rows, valid\n"


def test_validate_clean_map(capsys):
    assert run_main(capsys, "validate", EXAMPLE) == (0, f"{EXAMPLE}: 9 rows, valid\n", "")


def test_validate_defaults_to_claims_csv_in_the_current_folder(capsys, monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent)
    code, out, err = run_main(capsys, "validate")
    assert code == 0, err
    assert out == "claims.csv: 9 rows, valid\n"


def test_validate_quiet_prints_nothing_when_valid(capsys):
    assert run_main(capsys, "validate", "-q", EXAMPLE) == (0, "", "")


def test_validate_invalid_map_lists_problems_on_stderr_one_per_line_then_their_count(tmp_path, capsys):
    rows = BASE.replace("C1,claim,", "C1,Claim,").replace(",2023,", ",2023-13,").replace("O1,objection", "O1,objectionn")
    path = write_map(tmp_path, rows)
    code, out, err = run_main(capsys, "validate", path)
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[-1] == f"{path}: 3 problems"
    lines = lines[:-1]
    assert len(lines) == 3
    assert [ln.split(":")[1] for ln in lines] == ["3", "4", "5"]
    assert all(re.match(rf"{re.escape(str(path))}:\d+: id \w+: \w+: \S", ln) for ln in lines)
    assert "Traceback" not in out + err


def test_one_problem_is_singular(capsys, tmp_path):
    code, _, err = run_main(capsys, "validate", write_map(tmp_path, BASE.replace("C1,claim,", "C1,Claim,")))
    assert code == 1
    assert err.endswith(": 1 problem\n")


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        (b"", "file is empty"),
        (b"id,type,text,origin\n", "file has a header but no rows"),
        (b"id,type\xe9,text,origin\nT1,thesis,t,analyst\n", "not UTF-8"),
        (b"id,type,text,origin\nT1,thesis,\x00,analyst\n", "NUL byte"),
    ],
)
def test_unreadable_files_exit_1_without_a_traceback(capsys, tmp_path, raw, fragment):
    path = tmp_path / "claims.csv"
    path.write_bytes(raw)
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text("Text.\n", encoding="utf-8")
    code, out, err = run_main(capsys, "validate", path)
    assert code == 1
    assert fragment in err and out == ""
    assert "Traceback" not in out + err


def test_missing_file_exits_1_with_a_message(tmp_path, capsys):
    code, out, err = run_main(capsys, "validate", tmp_path / "nope.csv")
    assert code == 1
    assert err.startswith("argmap validate: error: ")
    assert "file not found" in err
    assert "Traceback" not in out + err


def test_several_sources_exit_1_asking_for_source(capsys, tmp_path):
    path = write_map(tmp_path)
    (tmp_path / "sources" / "b.txt").write_text("B.\n", encoding="utf-8")
    code, _, err = run_main(capsys, "validate", path)
    assert code == 1
    assert "pass --source FILE" in err
    assert run_main(capsys, "validate", path, "--source", tmp_path / "sources" / "article.txt")[0] == 0


def test_render_invalid_map_exits_1_and_lists_problems(tmp_path, capsys):
    path = write_map(tmp_path, BASE.replace("C1,supports", "C9,supports"))
    code, out, err = run_main(capsys, "render", path, "-o", tmp_path / "figs")
    assert code == 1
    assert f"{path}:4: id E1: parent: no row has id 'C9'" in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "figs").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--bogus"],
        ["render", "--format", "gif"],
        ["render", "--format", ""],
        ["render", "--depth", "two"],
        ["render", "--depth", "-1"],
        ["render", "--depth", "1.5"],
        ["frobnicate"],
        [],
    ],
)
def test_usage_errors_exit_2(capsys, args):
    code, out, err = run_main(capsys, *args)
    assert code == 2
    assert "usage: argmap" in err
    assert "Traceback" not in out + err


def test_usage_error_exits_2_from_the_shell():
    result = run_argmap("validate", "--bogus")
    assert result.returncode == 2
    assert "unrecognized arguments: --bogus" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_bad_format_names_the_choices(capsys):
    code, _, err = run_main(capsys, "render", EXAMPLE, "--format", "svg,gif")
    assert code == 2
    assert "unknown format 'gif'; choose from svg,png,pdf,dot" in err


def test_render_unknown_root_exits_2_and_writes_nothing(tmp_path, capsys):
    code, _, err = run_main(capsys, "render", EXAMPLE, "--root", "C99", "-o", tmp_path / "figs")
    assert code == 2
    assert "--root C99: no row has this id" in err
    assert not (tmp_path / "figs").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    assert e.value.code == 0
    assert f"usage: argmap {command}" in capsys.readouterr().out


def _sub_parsers(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    return next(a for a in p._actions if isinstance(a, argparse._SubParsersAction)).choices


@pytest.mark.parametrize("command", COMMANDS)
def test_a_run_builds_its_commands_parser_as_the_whole_command_line_has_it(command):
    """main() builds only the sub-parser of the command it runs: the same options, defaults and help as in the full parser."""
    alone, full = _sub_parsers(parser(command)), _sub_parsers(parser())
    assert command in alone and len(alone) <= 2  # export and import are added together
    for name, p in alone.items():
        assert p.format_help() == full[name].format_help()
        assert [(a.dest, a.option_strings, a.default, a.type, a.nargs) for a in p._actions] == [
            (a.dest, a.option_strings, a.default, a.type, a.nargs) for a in full[name]._actions
        ]
    assert list(_COMMANDS) == commands()  # the registry names every command, in --help's order


def test_top_level_help_lists_every_command(capsys):
    code, out, _ = run_main(capsys, "--help")
    assert code == 0
    for command in COMMANDS:
        assert command in out


def test_version(capsys):
    code, out, _ = run_main(capsys, "--version")
    assert code == 0
    assert re.fullmatch(r"argmap \d+\.\d+\.\d+\n", out)


def test_render_root_writes_only_that_branch(tmp_path):
    out = tmp_path / "figs"
    result = run_argmap("render", EXAMPLE, "--root", "C2", "-o", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".argmap-manifest.json", "branch-C2.png", "branch-C2.svg"]
    svg = (out / "branch-C2.svg").read_text(encoding="utf-8")
    assert 'id="E2"' in svg and 'id="T1"' not in svg


def test_render_root_with_depth_names_the_depth(tmp_path):
    out = tmp_path / "figs"
    assert main(["render", str(EXAMPLE), "--root", "C2", "--depth", "1", "--format", "dot", "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".argmap-manifest.json", "branch-C2-depth1.dot"]
    dot = (out / "branch-C2-depth1.dot").read_text(encoding="utf-8")
    assert '"E2" [' in dot and '"O1" [' not in dot


def test_render_depth_alone_draws_the_top_of_the_map(tmp_path):
    out = tmp_path / "figs"
    assert main(["render", str(EXAMPLE), "--depth", "1", "--format", "dot", "-o", str(out), "-q"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".argmap-manifest.json", "map-depth1.dot"]


def test_render_root_keeps_other_figures(tmp_path):
    out = tmp_path / "figs"
    out.mkdir()
    (out / "branch-C1.svg").write_bytes(b"keep me")
    assert main(["render", str(EXAMPLE), "--root", "C2", "--format", "svg", "-o", str(out), "-q"]) == 0
    assert (out / "branch-C1.svg").read_bytes() == b"keep me"


def test_render_reports_what_it_wrote(capsys, tmp_path):
    out = tmp_path / "figs"
    assert run_main(capsys, "render", EXAMPLE, "--format", "svg", "-o", out)[:2] == (0, f"{out}: 4 written, 0 unchanged\n")
    assert run_main(capsys, "render", EXAMPLE, "--format", "svg", "-o", out)[:2] == (
        0,
        f"{out}: 0 written, 4 unchanged; 4 of 4 figures not laid out again (DOT unchanged)\n",
    )


def test_schema_prints_a_markdown_table_of_every_column():
    result = run_argmap("schema")  # schema's one run as a user runs it (no other test starts it in a process)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "| column | type | required | allowed values | description |"
    assert lines[1] == "|---|---|---|---|---|"
    names = [f["name"] for f in json.loads(SCHEMA_JSON.read_text(encoding="utf-8"))["fields"]]
    assert [ln.split(" | ")[0] for ln in lines[2:]] == [f"| `{n}`" for n in names]
    for ln in lines[2:]:
        cells = re.split(r"(?<!\\)\|", ln)
        assert len(cells) == 7 and cells[0] == cells[-1] == "", ln  # five cells; a '|' inside one is escaped


def test_schema_unknown_name_exits_2(capsys):
    code, _, err = run_main(capsys, "schema", "nosuch")
    assert code == 2
    assert "no schema named 'nosuch'" in err
