"""The reading site without a browser: the committed docs/ is current, the build touches only its own files, pages carry words."""

from __future__ import annotations

import csv
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import ROOT, run_main

import argmap
from argmap.site.reader import MANIFEST, build_reader

SITE = ROOT / "docs"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    """The site built now from the repository's claims, figures and notebooks."""
    out = tmp_path_factory.mktemp("site")
    build_reader(ROOT / "notebooks", ROOT / "figures", out)
    return out


def _files(root: Path) -> list[str]:
    return json.loads((root / MANIFEST).read_text(encoding="utf-8"))["files"]


def test_committed_site_is_current(fresh):
    """docs/ is what `argmap reader` writes today, file for file: run `make reader` after changing data, figures or notebooks."""
    assert _files(SITE) == _files(fresh), "docs/ lists other files than a fresh build: run `make reader` and commit docs/"
    stale = [f for f in _files(fresh) if (SITE / f).read_bytes() != (fresh / f).read_bytes()]
    assert stale == [], f"docs/ is out of date ({', '.join(stale[:5])}): run `make reader` and commit docs/"


def test_site_has_every_page(fresh):
    amap = argmap.load(ROOT / "claims.csv")
    names = set(_files(fresh))
    assert {"index.html", "article.html", "overview.html", "search.html", "notebooks.html", "rows.js", "figures/map.svg"} <= names
    assert {f"{nb.stem}.html" for nb in (ROOT / "notebooks").glob("[0-9]*.ipynb")} <= names
    assert {f"branch-{b}.html" for b in amap.branches() if (ROOT / "figures" / f"branch-{b}.svg").exists()} <= names
    assert {"static/svg-pan-zoom.min.js", "static/svg-pan-zoom.LICENSE.txt", "static/LICENSES.md"} <= names


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("title", "h1"):
            self._open = tag
            self.text.setdefault(tag, "")

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.text[self._open] += data


def _parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def test_every_figure_has_alt_text_in_words(fresh):
    for page in sorted(fresh.glob("*.html")):
        p = _parse(page)
        for tag, attrs in p.tags:
            if tag == "img":
                assert attrs.get("alt") and "No description" not in attrs["alt"] and len(attrs["alt"]) > 30, (page.name, attrs.get("alt"))
            if tag == "svg" and attrs.get("height") != "26":  # the legend's small icons are named by their shape
                assert attrs.get("role") in ("img", "group") and len(attrs.get("aria-label") or "") > 20, (page.name, attrs)


def test_a_map_alt_text_says_what_it_shows(fresh):
    html = (fresh / "30-the-whole-map.html").read_text(encoding="utf-8")
    amap = argmap.load(ROOT / "claims.csv")
    alt = re.search(r'<svg role="img" aria-label="(Argument map[^"]*)"', html).group(1)
    assert f"{len(amap)} boxes" in alt and "theses" in alt and "at the top: T1" in alt.replace(amap.roots()[0], "T1")
    assert re.search(r'alt="Chart: Horizontal bars: how many rows of each type', html)  # a PNG chart, described by its function


def test_a_map_of_another_case_is_not_described_with_the_articles_rows(fresh):
    """Notebook 10 draws the bike-lanes example, whose ids T1 and C1 are also the article's: its alt text names no article row."""
    html = (fresh / "10-start-here.html").read_text(encoding="utf-8")
    alt = re.search(r'aria-label="(Argument map “The Case for Protected Bike Lanes[^"]*)"', html).group(1)
    assert "Azerbaijan" not in alt and "9 boxes" in alt
    classes = (fresh / "90-classroom-workflow.html").read_text(encoding="utf-8")
    assert "class group group-a" in classes and "&amp;#45;" not in classes  # a class group's name, as written


def test_notebook_pages_are_titled_from_the_notebook_and_fold_their_code(fresh):
    from argmap.site.notebook import notebook_title

    for nb in sorted((ROOT / "notebooks").glob("[0-9]*.ipynb")):
        page = fresh / f"{nb.stem}.html"
        p = _parse(page)
        assert p.text["title"].startswith(notebook_title(nb)), page.name
        html = page.read_text(encoding="utf-8")
        code = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        n_code = sum(1 for c in code if c["cell_type"] == "code" and "".join(c["source"]).strip())
        assert html.count('<details class="code">') == n_code, page.name  # every code cell folded (no open attribute)
        assert 'id="toggle-code"' in html
        assert ('rel="prev"' in html) or nb.stem.startswith("10"), page.name
        assert "notebooks.html" in html


def test_branch_pages_are_titled_in_words(fresh):
    amap = argmap.load(ROOT / "claims.csv")
    for page in sorted(fresh.glob("branch-*.html")):
        b = page.stem.removeprefix("branch-")
        p = _parse(page)
        assert p.text["h1"].strip() == amap[b]["text"], page.name
        assert p.text["title"].startswith(amap[b]["text"]), page.name
    index = (fresh / "index.html").read_text(encoding="utf-8")
    assert all(f">{amap[b]['text']}</a>" in index.replace("&#x27;", "'") for b in amap.branches() if (fresh / f"branch-{b}.html").exists())


def test_article_marks_every_quoted_row(fresh):
    from argmap.analysis.reading import quote_spans

    amap = argmap.load(ROOT / "claims.csv")
    spans, missing = quote_spans(amap)
    html = (fresh / "article.html").read_text(encoding="utf-8")
    marked = {i for ids in re.findall(r'<mark [^>]*data-ids="([^"]+)"', html) for i in ids.split()}
    assert marked == {s.id for s in spans} and missing == []
    svg_rows = set(re.findall(r'data-row="([^"]+)"', html))
    assert svg_rows == set(amap.ids)  # every row's box can be clicked


def _copy_inputs(tmp_path: Path, drop: str | None = None) -> tuple[Path, Path]:
    nbs = tmp_path / "in" / "notebooks"
    nbs.mkdir(parents=True)
    for nb in (ROOT / "notebooks").glob("[0-9]*.ipynb"):
        if nb.name != drop:
            shutil.copy(nb, nbs / nb.name)
    for name in ("claims.csv", "datapackage.json"):
        shutil.copy(ROOT / name, tmp_path / "in" / name)
    shutil.copytree(ROOT / "sources", tmp_path / "in" / "sources")
    return nbs, tmp_path / "in" / "claims.csv"


def test_rebuild_removes_only_files_it_wrote(tmp_path):
    nbs, claims = _copy_inputs(tmp_path)
    out = tmp_path / "site"
    build_reader(nbs, ROOT / "figures", out)
    mine = {out / "notes.html": b"my notes", out / "figures" / "mine.svg": b"<svg/>", out / "figures" / "sub" / "keep.txt": b"k"}
    for path, data in mine.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (nbs / "30-the-whole-map.ipynb").unlink()
    build_reader(nbs, ROOT / "figures", out)
    assert not (out / "30-the-whole-map.html").exists()  # ours, no longer built: removed
    assert all(p.read_bytes() == data for p, data in mine.items())  # the user's files, untouched
    assert "30-the-whole-map.html" not in _files(out)


def test_a_rebuild_after_edits_is_byte_for_byte_a_clean_build(tmp_path):
    """What `make` does after a row's label changed and a notebook went: the site rebuilt over the old one equals a clean build."""
    nbs, claims = _copy_inputs(tmp_path)
    out, clean = tmp_path / "site", tmp_path / "clean"
    build_reader(nbs, ROOT / "figures", out)
    with claims.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    edited = next(r for r in rows if r["id"] == "R3")
    edited["text"] = "An edited label for R3"
    with claims.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (nbs / "50-the-recommendations.ipynb").unlink()
    build_reader(nbs, ROOT / "figures", out)
    build_reader(nbs, ROOT / "figures", clean)
    files = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(clean)) for p in clean.rglob("*") if p.is_file())
    assert [f for f in files if (out / f).read_bytes() != (clean / f).read_bytes()] == []
    assert "An edited label for R3" in (out / "branch-R3.html").read_text(encoding="utf-8")


def test_refuses_to_overwrite_a_file_it_did_not_write(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the school's own home page")
    with pytest.raises(argmap.ArgmapError, match=r"index\.html: exists and was not written by argmap reader"):
        build_reader(ROOT / "notebooks", ROOT / "figures", out)
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]  # nothing written
    assert (out / "index.html").read_text() == "the school's own home page"


def test_a_manifest_cannot_point_outside_the_folder(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (out / MANIFEST).write_text(json.dumps({"files": ["../victim.txt", str(victim)]}))
    build_reader(ROOT / "notebooks", ROOT / "figures", out)
    assert victim.read_text() == "keep"


def test_a_manifest_entry_in_a_linked_folder_is_not_followed(tmp_path):
    out, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    build_reader(ROOT / "notebooks", ROOT / "figures", out)
    elsewhere.mkdir()
    (elsewhere / "old.html").write_text("keep")
    (out / "linked").symlink_to(elsewhere, target_is_directory=True)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(json.dumps({"files": [*manifest["files"], "linked/old.html"]}))
    build_reader(ROOT / "notebooks", ROOT / "figures", out)
    assert (elsewhere / "old.html").read_text() == "keep"


def test_missing_notebooks_folder_is_refused_and_nothing_deleted(tmp_path, capsys):
    out = tmp_path / "site"
    build_reader(ROOT / "notebooks", ROOT / "figures", out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    code, stdout, err = run_main(
        capsys, "reader", "-o", out, "--notebooks", tmp_path / "nonexistent", "--figures", ROOT / "figures", "--claims", ROOT / "claims.csv"
    )
    assert code != 0 and "nonexistent: notebooks folder not found" in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before


def test_cli_builds_the_site(tmp_path, capsys):
    code, stdout, err = run_main(
        capsys, "reader", "-o", tmp_path / "s", "--claims", ROOT / "claims.csv", "--figures", ROOT / "figures", "--notebooks", ROOT / "notebooks"
    )
    assert code == 0, err
    assert "files written" in stdout and (tmp_path / "s" / "article.html").exists()


@pytest.mark.parametrize(
    ("package", "vendored", "file"),
    [("svg-pan-zoom", "argmap/site/static/svg-pan-zoom.min.js", "dist/svg-pan-zoom.min.js"), ("axe-core", "tests/vendor/axe.min.js", "axe.min.js")],
)
def test_vendored_scripts_are_the_pinned_npm_packages(package, vendored, file):
    """Each vendored script is the npm package pinned in package.json, unmodified, and its licence is noted."""
    pin = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"][package]
    text = (ROOT / vendored).read_text(encoding="utf-8")
    assert re.match(rf"^(// |/\*! ){re.escape(package.removesuffix('-core'))} v{re.escape(pin)}\b", text), f"{vendored} is not {package} {pin}"
    assert f"{pin}" in (ROOT / "argmap/site/static/LICENSES.md").read_text(encoding="utf-8")
    installed = ROOT / "node_modules" / package / file
    if not installed.exists():
        pytest.skip(f"{package} is not installed in node_modules (make setup runs npm ci); checked the version banner only")
    assert installed.read_bytes() == (ROOT / vendored).read_bytes(), f"{vendored} differs from npm's {package} {pin}"
