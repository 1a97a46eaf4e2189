"""Drawing many figures: a process pool with the same bytes as one at a time, no second layout of an unchanged DOT,
and no PNG where it serves nobody."""

from __future__ import annotations

import struct

import pytest
from helpers import EXAMPLE, ROOT, run_main

import argmap
import argmap.draw.figures as figures_mod
import argmap.draw.render as render_mod
from argmap.core.cache import Memo, digest
from argmap.draw.figures import plan_figures, write_figures
from argmap.draw.render import render_dot, render_many

FORMATS = ["svg", "png", "pdf", "dot"]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("ARGMAP_CACHE", str(folder))
    return folder


@pytest.fixture(scope="module")
def plan():
    return plan_figures(argmap.load(EXAMPLE))


def test_the_pool_gives_the_bytes_of_one_at_a_time_in_the_order_given(plan):
    pooled = render_many(plan, FORMATS, jobs=2)
    serial = render_many(plan, FORMATS, jobs=1)
    assert list(pooled) == list(plan) == list(serial)
    for name in plan:
        assert pooled[name] == serial[name] == render_dot(plan[name], FORMATS), name


def test_the_pool_starts_with_the_biggest_figure(plan, monkeypatch):
    seen = []
    render_many(plan, ["dot"], jobs=1, done=seen.append)
    assert seen == sorted(plan, key=lambda n: len(plan[n]), reverse=True)
    assert seen[0] == "map"


def test_a_graphviz_error_in_a_worker_reaches_the_caller():
    with pytest.raises(argmap.ArgmapError, match="unknown format"):
        render_many({"a": "digraph { a }", "b": "digraph { b }"}, ["svg", "gif"], jobs=2)


def test_render_with_one_job_and_with_two_writes_the_same_files(tmp_path, cache, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_main(capsys, "render", str(EXAMPLE), "-o", str(one), "--format", ",".join(FORMATS), "--jobs", "1", "-q")[0] == 0
    assert run_main(capsys, "render", str(EXAMPLE), "-o", str(two), "--format", ",".join(FORMATS), "-j", "2", "-q")[0] == 0
    assert sorted(p.name for p in one.iterdir()) == sorted(p.name for p in two.iterdir())
    for p in one.iterdir():
        assert p.read_bytes() == (two / p.name).read_bytes(), p.name


@pytest.mark.parametrize("bad", ["0", "-1", "two"])
def test_jobs_must_be_a_whole_number_of_at_least_one(capsys, bad):
    code, _, err = run_main(capsys, "render", str(EXAMPLE), "--jobs", bad)
    assert code == 2
    assert "--jobs" in err


def _count_layouts(monkeypatch) -> list[str]:
    laid_out: list[str] = []
    real = render_mod.render_dot

    def counting(dot, formats=("svg",), **kw):
        laid_out.append(dot.split("label=", 1)[0][-40:])
        return real(dot, formats, **kw)

    monkeypatch.setattr(render_mod, "render_dot", counting)
    return laid_out


def test_a_figure_whose_dot_is_unchanged_is_not_laid_out_again(tmp_path, cache, plan, monkeypatch):
    laid_out = _count_layouts(monkeypatch)
    first = write_figures(plan, tmp_path, FORMATS, jobs=1)
    assert (first.drawn, first.reused) == (len(plan), 0)
    assert len(laid_out) == len(plan)
    changed = dict(plan, **{"branch-C1": plan["branch-C1"] + "// edited\n"})
    second = write_figures(changed, tmp_path, FORMATS, jobs=1)
    assert (second.drawn, second.reused) == (1, len(plan) - 1)
    assert len(laid_out) == len(plan) + 1
    assert second.written >= 1  # branch-C1's files
    assert (tmp_path / "branch-C1.dot").read_text(encoding="utf-8") == changed["branch-C1"]


def test_a_file_edited_or_deleted_since_is_drawn_again(tmp_path, cache, plan, monkeypatch):
    write_figures(plan, tmp_path, FORMATS, jobs=1)
    (tmp_path / "map.svg").write_text("<svg>edited</svg>", encoding="utf-8")
    (tmp_path / "branch-C2.pdf").unlink()
    laid_out = _count_layouts(monkeypatch)
    again = write_figures(plan, tmp_path, FORMATS, jobs=1)
    assert again.drawn == 2 and len(laid_out) == 2
    assert (tmp_path / "map.svg").read_bytes() == render_dot(plan["map"], ["svg"])["svg"]
    assert (tmp_path / "branch-C2.pdf").exists()


def test_with_the_cache_off_every_figure_is_laid_out(tmp_path, plan, monkeypatch):
    monkeypatch.setenv("ARGMAP_CACHE", "off")
    write_figures(plan, tmp_path, FORMATS, jobs=1)
    laid_out = _count_layouts(monkeypatch)
    assert write_figures(plan, tmp_path, FORMATS, jobs=1).drawn == len(plan) == len(laid_out)


def test_memo_entries_depend_on_every_output(tmp_path, cache):
    memo, out = Memo("t"), {"svg": tmp_path / "a.svg", "pdf": tmp_path / "a.pdf"}
    out["svg"].write_bytes(b"s")
    memo.remember(digest("k"), {"svg": b"s", "pdf": b"p"})
    assert memo.fresh(digest("k"), out) is None  # a.pdf is missing
    out["pdf"].write_bytes(b"p")
    assert memo.fresh(digest("k"), out) == {"svg": digest(b"s"), "pdf": digest(b"p")}
    assert memo.fresh(digest("other"), out) is None


def _png_width(path) -> int:
    return struct.unpack(">II", path.read_bytes()[16:24])[0]


def test_no_png_beyond_the_limit_and_a_message_saying_so(tmp_path, cache, capsys):
    out = tmp_path / "f"
    code, _, err = run_main(capsys, "render", str(EXAMPLE), "-o", str(out), "--format", "svg,png", "--png-max", "1000")
    assert code == 0
    widths = {p.stem: _png_width(p) for p in out.glob("*.png")}
    assert widths and all(w <= 1000 for w in widths.values())
    assert "map" not in widths and (out / "map.svg").exists()
    assert f"{out / 'map'}.png: not drawn, larger than 1,000 px (--png-max)" in err


def test_a_png_now_too_large_is_removed_by_a_full_render(tmp_path, cache, capsys):
    out = tmp_path / "f"
    assert run_main(capsys, "render", str(EXAMPLE), "-o", str(out), "--format", "svg,png", "-q")[0] == 0
    assert (out / "map.png").exists()
    assert run_main(capsys, "render", str(EXAMPLE), "-o", str(out), "--format", "svg,png", "--png-max", "1000", "-q")[0] == 0
    assert not (out / "map.png").exists()
    (out / "notes.png").write_bytes(b"not ours")
    assert run_main(capsys, "render", str(EXAMPLE), "-o", str(out), "--format", "svg,png", "--png-max", "1000", "-q")[0] == 0
    assert (out / "notes.png").read_bytes() == b"not ours"


def test_the_article_map_gets_no_png_but_every_branch_does():
    # the committed figures follow PNG_MAX_PX: the 10,363-px whole map has its SVG and PDF, each branch its PNG for slides
    pngs, dots = {p.stem for p in (ROOT / "figures").glob("*.png")}, {p.stem for p in (ROOT / "figures").glob("*.dot")}
    assert "map" not in pngs
    assert pngs == dots - {"map"}
    assert max(_png_width(ROOT / "figures" / f"{n}.png") for n in pngs) <= figures_mod.PNG_MAX_PX


def test_dot_alone_is_written_figure_by_figure_and_kept_the_second_time(tmp_path, cache, plan):
    first = write_figures(plan, tmp_path, ["dot"], jobs=2)
    assert (first.drawn, first.reused, first.written) == (len(plan), 0, len(plan))
    assert {p.stem: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.dot")} == dict(plan)
    again = write_figures(plan, tmp_path, ["dot"])
    assert (again.drawn, again.reused, again.written, again.unchanged) == (0, len(plan), 0, len(plan))


def test_the_plan_builds_each_dot_when_asked(plan):
    assert isinstance(plan, figures_mod.Plan) and list(plan) == ["map", "branch-C1", "branch-C2", "branch-C3"]
    assert plan["branch-C1"] == argmap.to_dot(argmap.load(EXAMPLE), "C1")


def test_a_map_too_large_for_cairo_gets_an_overview_and_its_branches_with_a_message(tmp_path, cache, capsys, monkeypatch):
    # the example is small, so cairo's limit is lowered to 1,000 px (the map is 1,107) to stand for a map of tens of thousands of rows
    monkeypatch.setattr(render_mod, "CAIRO_MAX", 1000)
    monkeypatch.setattr(figures_mod, "CAIRO_MAX_PX", 1000)
    out = tmp_path / "f"
    code, _, err = run_main(capsys, "render", str(EXAMPLE), "-o", str(out), "--format", "svg,pdf", "--jobs", "1")
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert "map.svg" in names and "map.pdf" not in names  # not clipped: not drawn
    assert "map-overview.pdf" in names and "map-overview.svg" in names
    assert {"branch-C1.pdf", "branch-C3.pdf"} <= set(names) and "branch-C2.pdf" not in names  # C2 is 1,211 px wide
    assert "branch-C2.pdf: not drawn, larger than cairo" in err, err
    assert "too large for cairo" in err and "map-overview" in err
    boxes = lambda name: (out / name).read_text(encoding="utf-8").count('class="node')  # noqa: E731
    assert 0 < boxes("map-overview.svg") < boxes("map.svg")  # the top levels only (here the root alone)
