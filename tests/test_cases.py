"""New cases: ``argmap new`` makes a case folder from a text, ``draft`` suggests rows, ``--case`` runs any command in a case,
and the README's "Map your own article" recipe runs end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_argmap, run_main

import argmap
from argmap.cases.article import detect_front_matter
from argmap.cases.draft import suggest

BIKES = ROOT / "examples" / "bike-lanes" / "sources" / "bike-lanes.txt"


def test_new_makes_a_case_with_nothing_invented(tmp_path, capsys):
    case = tmp_path / "case"
    code, out, err = run_main(capsys, "new", BIKES, case, "--author", "A. Example", "--date", "2025-05")
    assert code == 0, err
    assert "front matter (not numbered): The Case for Protected Bike Lanes on Main Street" in out
    assert "¶1: The city should build protected bike lanes on Main Street this year." in out
    assert (case / "sources" / "bike-lanes.txt").read_bytes() == BIKES.read_bytes()
    meta = json.loads((case / "sources" / "bike-lanes.json").read_text(encoding="utf-8"))
    assert meta["front_matter_blocks"] == 2 and meta["author"] == "A. Example" and meta["published"] == "2025-05"
    assert (case / "claims.csv").read_text(encoding="utf-8") == ",".join(argmap.schema("claims").usual) + "\n"  # title only when used
    package = json.loads((case / "datapackage.json").read_text(encoding="utf-8"))
    assert package["resources"][0]["schema"]["fields"][0]["name"] == "id"  # the schema travels with the case
    names = sorted(p.name for p in (case / "notebooks").iterdir())
    assert names == ["10-start-here.ipynb", "20-the-article.ipynb", "30-the-whole-map.ipynb", "60-evaluating-the-argument.ipynb", "80-classroom-guide.ipynb"]
    first = next(c for c in json.loads((case / "notebooks" / names[0]).read_text())["cells"] if c["cell_type"] == "code")
    assert first["metadata"]["tags"] == ["parameters"] and "".join(first["source"]).startswith('case = ".."')
    assert "argmap draft" in (case / "README.md").read_text(encoding="utf-8")


def test_new_never_overwrites_and_writes_nothing_on_bad_input(tmp_path, capsys):
    case = tmp_path / "case"
    case.mkdir()
    (case / "mine.txt").write_text("keep me", encoding="utf-8")
    code, out, err = run_main(capsys, "new", BIKES, case)
    assert code == 2 and out == "" and err.count("\n") == 1 and "never overwrites" in err and (case / "mine.txt").read_text() == "keep me"
    assert sorted(os.listdir(case)) == ["mine.txt"]
    for suffix, hint in [(".html", "paste it into a .txt"), (".docx", "Plain text (.txt)")]:
        article = tmp_path / f"a{suffix}"
        article.write_bytes(b"<p>x</p>")
        code, out, err = run_main(capsys, "new", article, tmp_path / f"new{suffix}")
        assert code == 1 and out == "" and err.count("\n") == 1 and hint in err and "Traceback" not in err
        assert not (tmp_path / f"new{suffix}").exists()
    code, out, err = run_main(capsys, "new", BIKES, tmp_path / "x", "--front-matter", "9")
    assert code == 2 and out == "" and err.count("\n") == 1 and "--front-matter 9" in err and not (tmp_path / "x").exists()
    code, out, err = run_main(capsys, "new", BIKES, tmp_path / "y", "--date", "2025-13")
    assert code == 2 and out == "" and err.count("\n") == 1 and "not a real date" in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no half-made case left behind


def test_front_matter_is_detected_and_can_be_overridden(tmp_path, capsys):
    assert detect_front_matter(["# A title", "By Someone", "The body starts here.", "More body."]) == 2
    assert detect_front_matter(["A first paragraph that is a full sentence.", "Another."]) == 0
    code, out, _ = run_main(capsys, "new", BIKES, tmp_path / "c", "--front-matter", "1")
    assert code == 0 and "¶1: By A. Example" in out


def test_draft_suggests_types_and_never_writes_claims(tmp_path, capsys):
    assert suggest("The city should act now.")[0] == "recommendation"
    assert suggest("Prices will rise.")[0] == "prediction"
    assert suggest("According to the council, 700 cyclists rode in 2021.")[0] == "evidence"
    assert suggest("Thus the plan fails.")[0] == "claim"
    code, out, _ = run_main(capsys, "draft", "--case", ROOT / "examples" / "gettysburg")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "paragraph,sentence,suggested_type,cues,note,text"
    assert any(line.startswith("1,1,") and "Four score and seven years ago" in line for line in lines)
    before = (ROOT / "examples" / "gettysburg" / "claims.csv").read_bytes()
    code, out, err = run_main(capsys, "draft", "--case", ROOT / "examples" / "gettysburg", "-o", "claims.csv")
    assert code == 2 and out == "" and err.count("\n") == 1 and "never writes claims.csv" in err
    assert (ROOT / "examples" / "gettysburg" / "claims.csv").read_bytes() == before


def test_case_option_runs_commands_in_the_case_folder(capsys, tmp_path):
    code, out, _ = run_main(capsys, "validate", "--case", ROOT / "examples" / "gettysburg")
    assert (code, out) == (0, "claims.csv: 10 rows, valid\n")
    code, out, err = run_main(capsys, "validate", "--case", tmp_path / "nowhere")
    assert code == 2 and out == "" and err.count("\n") == 1 and "no such folder" in err


def _recipe() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- own-article:start -->\n```sh\n(.*?)```\n<!-- own-article:end -->", text, re.S)
    assert block, "the README's 'Map your own article' recipe is missing"
    return block.group(1)


@pytest.mark.kernel
def test_the_readme_recipe_maps_a_new_article_end_to_end(tmp_path):
    """A new user with a text file follows only the README section and gets a rendered map and run notebooks."""
    (tmp_path / ".venv").symlink_to(Path(sys.executable).parent.parent)
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    done = subprocess.run(["bash", "-euo", "pipefail", "-c", _recipe()], cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    case = tmp_path / "my-case"
    svg = (case / "figures" / "map.svg").read_text(encoding="utf-8")
    assert all(f'id="{i}"' in svg for i in ("T1", "C1", "E1"))
    assert (case / "draft.csv").read_text(encoding="utf-8").startswith("paragraph,sentence,suggested_type")
    for nb in sorted((case / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        outputs = [o for c in cells if c["cell_type"] == "code" for o in c["outputs"]]
        assert outputs and not [o for o in outputs if o["output_type"] == "error"], nb.name


@pytest.mark.parametrize("case", ["bike-lanes", "gettysburg"])
def test_example_cases_have_run_notebooks(case):
    notebooks = sorted((ROOT / "examples" / case / "notebooks").glob("*.ipynb"))
    assert len(notebooks) == 5
    for nb in notebooks:
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        assert any(c.get("outputs") for c in cells if c["cell_type"] == "code"), f"{nb}: run `argmap notebooks --case examples/{case}`"


def _notebook(folder: Path, name: str, *sources: str) -> Path:
    import nbformat

    path = folder / name
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]), path)
    return path


@pytest.mark.kernel
def test_notebooks_run_side_by_side_save_what_one_at_a_time_saves(tmp_path, capsys):
    """Two notebooks in kernels side by side (-j 2) are saved byte for byte as one at a time (-j 1) saves them."""
    import shutil

    (tmp_path / "new").mkdir()
    for i in (1, 2):
        _notebook(tmp_path / "new", f"{i}0-n.ipynb", "import os\nprint(os.getcwd())", f"{i} * 7")
    saved = {}
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}" / "notebooks"
        shutil.copytree(tmp_path / "new", folder)
        code, out, err = run_main(capsys, "notebooks", "--folder", folder, "-j", jobs)
        assert code == 0 and f"{folder}: 2 notebooks run" in out and err.count("running ") == 2
        saved[jobs] = {p.name: p.read_bytes() for p in folder.glob("*.ipynb")}
    for name, data in saved["2"].items():
        cells = json.loads(data)["cells"]
        assert "".join(cells[1]["outputs"][0]["data"]["text/plain"]) == str(int(name[0]) * 7)
        assert "".join(cells[0]["outputs"][0]["text"]).strip().endswith("j2/notebooks")  # each runs in its own folder, as Jupyter runs it
        assert data == saved["1"][name].replace(b"j1/notebooks", b"j2/notebooks")


@pytest.mark.kernel
def test_a_failing_notebook_among_others_leaves_every_notebook_as_it_was(tmp_path):
    """One line on standard error (no traceback, also from the kernels' clean-up at exit), and no notebook saved."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    paths = [_notebook(folder, "10-ok.ipynb", "1 + 1"), _notebook(folder, "20-bad.ipynb", "1 / 0")]
    before = [p.read_bytes() for p in paths]
    done = run_argmap("notebooks", "--folder", folder, "-q", "-j", "2")
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"argmap notebooks: error: {folder / '20-bad.ipynb'}: a cell failed: ZeroDivisionError: division by zero\n"
    assert [p.read_bytes() for p in paths] == before
