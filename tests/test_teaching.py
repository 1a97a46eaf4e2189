"""The teacher's pages: the classroom recipe runs as written after `make`, and the pages agree with each other."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEACHING = (ROOT / "TEACHING.md").read_text(encoding="utf-8")
BACKGROUND = (ROOT / "BACKGROUND.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = ROOT / "examples" / "classroom"


def sh_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, re.S)


def teachers_section(text: str) -> str:
    return text[text.index("## For teachers") : text.index("\n## ", text.index("## For teachers") + 5)]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A copy of what the recipe reads, with `.venv` pointing at the environment running the tests (as after `make`)."""
    for name in ("claims.csv", "questions.csv"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "sources", tmp_path / "sources")
    shutil.copytree(EXAMPLES, tmp_path / "examples" / "classroom")
    venv = ROOT / ".venv" if (ROOT / ".venv" / "bin" / "argmap").exists() else Path(sys.executable).parent.parent
    (tmp_path / ".venv").symlink_to(venv)
    return tmp_path


def run(block: str, cwd: Path) -> subprocess.CompletedProcess:
    out = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=cwd, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, f"{block}\nexit {out.returncode}\n{out.stdout}\n{out.stderr}"
    return out


def fill_sheet(sheet: Path) -> None:
    """The students' part: fill the template from the invented example ratings (pseudonyms in place of r01, r02, …)."""
    given = {(r["rater"], r["id"]): f"{r['verdict']} {r['strength']}".strip() for r in csv.DictReader((EXAMPLES / "ratings.csv").open(encoding="utf-8"))}
    raters = list(dict.fromkeys(r for r, _ in given))
    rows = list(csv.reader(sheet.open(encoding="utf-8")))
    ids = [h.split(" · ")[0] for h in rows[0][1:]]
    filled = [rows[0]] + [[name] + [given.get((name, i), "") for i in ids] for name in raters]
    with sheet.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(filled)


def test_the_teaching_recipe_runs_as_written_with_an_empty_group(repo: Path) -> None:
    blocks = sh_blocks(TEACHING)
    assert len(blocks) == 4 and all(line.startswith((".venv/bin/argmap ", "mkdir ")) for b in blocks for line in b.splitlines())
    run(blocks[0], repo)
    assert (repo / "classroom" / "handout-R3.pdf").read_bytes().startswith(b"%PDF")
    run(blocks[1], repo)
    assert sorted(p.name for p in (repo / "classroom").glob("group-*.csv")) == ["group-a.csv", "group-b.csv", "group-c.csv"]
    for g in "ab":  # groups a and b have written their rows; group c has not (its file is only the header)
        shutil.copy(EXAMPLES / f"group-{g}.csv", repo / "classroom" / f"group-{g}.csv")
    out = run(blocks[2], repo)
    assert "valid (with 3 overlay files)" in out.stdout and "group-c.csv: no rows yet" in out.stderr
    assert (repo / "classroom" / "figures" / "branch-R3.svg").exists()
    fill_sheet(repo / "classroom" / "ratings.csv")
    out = run(blocks[3], repo)
    assert "128 ratings of 11 rows by 12 raters, valid" in out.stdout
    assert {"rows.csv", "verdict-map.svg", "outcome-map.svg", "contested.svg"} <= {p.name for p in (repo / "classroom" / "results").iterdir()}


def test_the_readme_teachers_section_runs_as_written(repo: Path) -> None:
    blocks = sh_blocks(teachers_section(README))
    assert blocks and all(b.startswith(".venv/bin/argmap ") for b in blocks)
    for block in blocks:
        run(block, repo)
    assert (repo / "classroom-results" / "verdict-map.svg").exists()


def test_no_bare_argmap_command_in_the_teachers_pages() -> None:
    for text in (TEACHING, teachers_section(README)):
        for block in re.findall(r"```(?:sh|text)\n(.*?)```", text, re.S):
            assert not re.search(r"(^|[;&|] *)argmap ", block, re.M), block


def test_the_plans_are_labelled_and_agree() -> None:
    for lesson in ("Lesson 1", "Lesson 2"):
        assert f"## {lesson}" in TEACHING and lesson in teachers_section(README)
    for thing in ("What to print", "project", "argmap class", "BACKGROUND.md", "notebook 90", "notebook 80"):
        assert thing.lower() in TEACHING.lower(), thing
    minutes = re.findall(r"^\| (\d+)–(\d+) \|", TEACHING, re.M)
    ends = [int(b) for _, b in minutes]
    assert ends.count(50) == 2, "each lesson's plan ends at 50 minutes"


def test_notebook_90_is_listed_in_the_readme_and_in_notebook_10() -> None:
    assert "](notebooks/90-classroom-workflow.ipynb) |" in README
    assert "**90 · The class workflow**" in (ROOT / "notebooks" / "10-start-here.ipynb").read_text(encoding="utf-8")


def test_the_background_is_one_sourced_page() -> None:
    words = len(BACKGROUND.split())
    assert words < 650, f"{words} words: more than one printed page"
    for name in ("Nagorno-Karabakh", "Aliyev", "Pashinyan", "Charles Michel", "Tokayev", "COP29", "European Political Community", "Syunik", "Tavush"):
        assert name in BACKGROUND, name
    cited = set(re.findall(r"\[(\d+)\]", BACKGROUND.split("**Sources.**")[0]))
    listed = dict(re.findall(r"\[(\d+)\] (https://\S+)", BACKGROUND))
    assert cited and cited <= set(listed), f"cited without a source: {cited - set(listed)}"


def test_notebook_80_holds_lesson_1s_plan() -> None:
    import json

    lesson1 = TEACHING[TEACHING.index("## Lesson 1") : TEACHING.index("## Lesson 2")]
    spans = [int(b) - int(a) for a, b in re.findall(r"^\| (\d+)–(\d+) \|", lesson1, re.M)]
    nb = json.loads((ROOT / "notebooks" / "80-classroom-discussion-guide.ipynb").read_text(encoding="utf-8"))
    plan = next(c for c in nb["cells"] if c["cell_type"] == "code" and "plan = pd.DataFrame(" in "".join(c["source"]))
    minutes = [int(m) for m in re.findall(r'^\s+\(".*", (\d+), ".*"\),$', "".join(plan["source"]), re.M)]
    assert minutes == spans and sum(minutes) == 50
    assert "Lesson 1" in "".join(nb["cells"][0]["source"]) and "TEACHING.md" in "".join(nb["cells"][0]["source"])
