"""Benchmarks, run by hand (`make bench`): each number next to its peer or limit, measured in the same run.

Writes benchmarks/RESULTS.md (keeping the live session's section, which benchmarks/live_load.py writes). Timings
are medians of paired runs (or the best of a few for the long ones), on whatever machine runs it.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_synthetic  # noqa: E402

import argmap  # noqa: E402
from argmap.draw.figures import PNG_MAX_PX, plan_figures  # noqa: E402
from argmap.draw.render import cpu_count, quiet_stderr, render_dot, render_many  # noqa: E402

HERE = Path(__file__).parent
ROOT = HERE.parent
BIN = ROOT / ".venv" / "bin"
ARGDOWN = ROOT / "node_modules" / ".bin" / "argdown"
HEAVY = ("matplotlib", "pandas", "nbconvert", "networkx", "reportlab", "numpy")
BEGIN, END = "<!-- live-load:begin -->", "<!-- live-load:end -->"
NOCACHE = dict(os.environ, ARGMAP_CACHE="off")


def load() -> str:
    """The 1-minute load average now: the machine is shared, so every slow number says how busy it was."""
    return f"load {os.getloadavg()[0]:.1f}"


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def run(cmd: list[str], cwd: Path = ROOT, env: dict | None = None) -> tuple[float, float]:
    """Run a command to the end; its (wall, CPU) seconds, CPU being user + system of it and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def peak_rss(cmd: list[str]) -> float:
    """Peak resident memory of a command, in MiB (a fresh interpreter, so the children's maximum is its own)."""
    probe = "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, capture_output=True); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    out = subprocess.run([sys.executable, "-c", probe, *cmd], check=True, capture_output=True, text=True).stdout
    return int(out.strip()) / 1024


def graphviz_alone(dot: str, formats=("svg",)) -> None:
    """What Graphviz itself costs: parse the DOT, lay it out with dot, render each format."""
    import pygraphviz
    from pygraphviz import graphviz as gv

    g = pygraphviz.AGraph(string=dot)
    gvc = gv.gvContextWithBuiltins()
    with quiet_stderr():
        gv.gvLayout(gvc, g.handle, b"dot")
        for f in formats:
            gv.gvRenderData(gvc, g.handle, f.encode())
        gv.gvFreeLayout(gvc, g.handle)
    gv.gvFreeContext(gvc)


# ---- start-up: the whole map of the article as one SVG, as a whole process, against the Argdown CLI
def startup(tmp: Path, repeat: int) -> list[str]:
    out = []
    heavy = subprocess.run(
        [str(BIN / "python"), "-c", f"import sys, argmap.cli; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    ours_cmd = [str(BIN / "argmap"), "render", "claims.csv", "--depth", "1000", "--format", "svg", "-o", str(tmp / "ours"), "-q"]
    pairs = []
    if ARGDOWN.exists():
        peer_cmd = [str(ARGDOWN), "map", "exports/claims.argdown", str(tmp / "argdown"), "-f", "svg"]
        for _ in range(repeat):
            pairs.append((run(ours_cmd, env=NOCACHE)[1], run(peer_cmd)[1]))
        ours, peer = statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs)
        out.append(
            f"| whole map of the article to one SVG, whole process (CPU s, median of {repeat} pairs) | {ours:.2f} | Argdown CLI on our Argdown export: {peer:.2f} | **{ours / peer:.2f}×** | ≤ 0.2× |"
        )
    else:
        out.append("| whole map to one SVG | – | the Argdown CLI is not installed (`make test` installs it) | – | ≤ 0.2× |")
    out.append(f"| heavy modules imported by `import argmap.cli` ({', '.join(HEAVY)}) | {len(heavy)} {' '.join(heavy)} | – | – | none |")
    find = best(lambda: __import__("importlib.util").util.find_spec("matplotlib"), 5)
    mpl = float(
        subprocess.run(
            [str(BIN / "python"), "-c", "import time; t = time.perf_counter(); import matplotlib; print(time.perf_counter() - t)"],
            capture_output=True,
            text=True,
        ).stdout
    )
    out.append(
        f"| finding the font folder: `importlib.util.find_spec` (s) | {find:.4f} | importing matplotlib for its path: {mpl:.2f} | {find / mpl:.3f}× | – |"
    )
    return out


# ---- all cores: the article's figures in every format, pooled, one at a time, and Graphviz alone
def all_cores(repeat: int) -> list[str]:
    plan = dict(plan_figures(argmap.load(ROOT / "claims.csv")))
    formats = ["svg", "png", "pdf", "dot"]
    sizes = {n: render_dot(d, ["png"], png_max_px=PNG_MAX_PX) for n, d in plan.items()}
    with_png = {n for n, out in sizes.items() if "png" in out}
    pooled = best(lambda: render_many(plan, formats, png_max_px=PNG_MAX_PX), repeat)
    serial = best(lambda: render_many(plan, formats, jobs=1, png_max_px=PNG_MAX_PX), repeat)
    alone = best(lambda: [graphviz_alone(d, ["svg", "pdf"] + (["png"] if n in with_png else [])) for n, d in plan.items()], repeat)
    all_png = best(lambda: render_many(plan, formats, jobs=1), repeat)
    no_png = best(lambda: render_many(plan, ["svg", "pdf", "dot"], jobs=1), repeat)
    n = len(plan)
    return [
        f"| all {n} figures × svg, png, pdf, dot, in a pool of {cpu_count()} (wall s, best of {repeat}, {load()}) | {pooled:.2f} | Graphviz alone, one at a time, same outputs: {alone:.2f} | **{pooled / alone:.2f}×** | ≤ 0.7× |",
        f"| the same, `--jobs 1` | {serial:.2f} | Graphviz alone: {alone:.2f} | {serial / alone:.2f}× | – |",
        f"| PNG for {len(with_png)} of {n} figures (not the {n - len(with_png)} wider than {PNG_MAX_PX:,} px), one at a time | {serial:.2f} | a PNG of every figure: {all_png:.2f}; none: {no_png:.2f} | {serial / all_png:.2f}× | – |",
    ]


# ---- only what changed: make in a clone of this working tree, sharing its .venv
def clone(tmp: Path, name: str) -> Path:
    repo = tmp / name
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(repo)], check=True)
    # carry uncommitted edits of tracked files, so that the clone is this working tree
    subprocess.run(["sh", "-c", f"git -C {ROOT} diff HEAD --binary | git -C {repo} apply --allow-empty -"], check=True)
    return repo


def only_what_changed(tmp: Path, repeat: int) -> list[str]:
    repo = clone(tmp, "edit")
    (repo / ".venv").symlink_to(ROOT / ".venv")
    if (ROOT / "node_modules").exists():
        (repo / "node_modules").symlink_to((ROOT / "node_modules").resolve())
    old = time.time() - 86400 * 365
    for p in [*repo.glob("requirements*.txt"), repo / "pyproject.toml", repo / "package.json", repo / "package-lock.json"]:
        if p.exists():
            os.utime(p, (old, old))  # the shared .venv is up to date: no re-install
    run(["make", "-s"], cwd=repo)  # every step once
    claims = repo / "claims.csv"
    text = claims.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("R3,"))
    label = row.split(",")[2]
    claims.write_text(text.replace(row, row.replace(label, label + " (edited)", 1)), encoding="utf-8")
    busy = load()
    wall, cpu = run(["make", "-s"], cwd=repo)
    nochange = [run(["make", "-s"], cwd=repo)[0] for _ in range(max(repeat, 5))]
    return [
        f"| `make` after editing one row's text (R3), wall s ({busy}) | {wall:.2f} (CPU {cpu:.2f}) | limit 3 s | **{wall / 3:.2f}×** | ≤ 1× |",
        f"| `make` with nothing changed, wall s (median of {len(nochange)}) | {statistics.median(nochange):.3f} | limit 0.1 s | **{statistics.median(nochange) / 0.1:.2f}×** | < 1× |",
    ]


def fresh_make(tmp: Path) -> list[str]:
    """`git clone … && make`: a new .venv (uv's download cache as it is) and an empty argmap cache, so every figure is drawn."""
    repo = clone(tmp, "fresh")
    busy = load()
    env = dict(os.environ, ARGMAP_CACHE=str(tmp / "fresh-cache"))
    wall, cpu = run(["make", "-s", f"PYTHON={getattr(sys, '_base_executable', sys.executable)}"], cwd=repo, env=env)
    uv = "uv on PATH" if shutil.which("uv") else "uv from PyPI"
    return [
        f"| fresh `make` in a new clone ({uv}, its download cache warm; no argmap cache), wall s ({busy}) | {wall:.1f} (CPU {cpu:.1f}) | limit 35 s | **{wall / 35:.2f}×** | < 1× |"
    ]


def make_test(target: str = "test", goal: str = "< 1×") -> list[str]:
    """`make test` in this working tree as it is: lint, then every test, notebooks included (or `make test-quick`: the
    same but the browser and notebook tests, which is not the issue's goal and is shown beside it)."""
    busy = load()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(["make", target], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    counts = re.findall(r"(\d+) (passed|failed|skipped|error)", done.stdout)
    summary = ", ".join(f"{n} {what}" for n, what in counts) or "no summary"
    if done.returncode:
        failed = re.findall(r"^FAILED (\S+)", done.stdout, re.M)
        summary += f"; make {target} exited {done.returncode}" + (f": {', '.join(f'`{f}`' for f in failed)}" if failed else "")
        log = Path(tempfile.gettempdir()) / f"argmap-bench-make-{target}.log"
        log.write_text(done.stdout + done.stderr, encoding="utf-8")
        print(f"make {target} failed; its output is in {log}", file=sys.stderr)
    return [f"| `make {target}` ({summary}), wall s ({busy}) | {wall:.1f} (CPU {cpu:.1f}) | limit 35 s | **{wall / 35:.2f}×** | {goal} |"]


# ---- big maps
def newrank(n: int, tmp: Path) -> str:
    """argmap's DOT sets newrank=true: the same map laid out with it and without it, timed, and compared node by node."""
    import pygraphviz

    amap = argmap.load(write_synthetic(tmp / f"nr{n}", n))
    ranked = argmap.to_dot(amap)
    if ' newrank="true"' not in ranked:
        return f"| `newrank=true`, {n:,}-row whole map | – | argmap.draw.dot no longer sets it | – | – |"
    plain = ranked.replace(' newrank="true"', "", 1)
    t_plain = best(lambda: graphviz_alone(plain), 1)
    t_new = best(lambda: graphviz_alone(ranked), 1)

    def ranks(text: str) -> dict[str, int]:
        """Each row's level in the drawing (0 at the bottom), the legend left out: what newrank could change."""
        g = pygraphviz.AGraph(string=text)
        with quiet_stderr():
            g.layout(prog="dot")
        y = {i: float(g.get_node(i).attr["pos"].split(",")[1]) for i in amap.ids}
        levels = sorted(set(y.values()))
        return {i: levels.index(v) for i, v in y.items()}

    same = ranks(plain) == ranks(ranked)
    return (
        f"| `newrank=true` (set by argmap.draw.dot), {n:,}-row whole map (layout + SVG, s) | {t_new:.2f} | without: {t_plain:.2f} | {t_new / t_plain:.2f}× "
        f"| every row on the same level: {'yes' if same else 'no'} |"
    )


#: What one timing of a big map runs, in a child process so that it can be stopped at the limit.
_CHILD = {
    "ours": "render_dot(argmap.to_dot(amap), ['svg'])",
    "graphviz": "graphviz_alone(argmap.to_dot(amap))",
    "branches": "render_many({b: argmap.to_dot(amap, b) for b in amap.branches()}, ['svg'])",
    "depth": "render_dot(argmap.to_dot(amap, None, 3), ['svg'])",
}


def bounded(what: str, claims: Path, repeat: int, limit: float) -> float | None:
    """Seconds of the best of ``repeat`` runs of ``_CHILD[what]`` on the map, in a child process; None past ``limit`` s."""
    code = (
        f"import sys, time; sys.path.insert(0, {str(HERE)!r}); from bench import *; amap = argmap.load({str(claims)!r}); "
        f"print(best(lambda: {_CHILD[what]}, {repeat}))"
    )
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=limit, check=True).stdout
    except subprocess.TimeoutExpired:
        return None
    return float(out.strip().splitlines()[-1])


def big_maps(sizes: list[int], validate_sizes: list[int], dot_sizes: list[int], repeat: int, tmp: Path, limit: float) -> tuple[list[str], list[str]]:
    rows = []
    for n in sizes:
        folder = tmp / str(n)
        claims = write_synthetic(folder, n)
        t_validate = best(lambda: argmap.load(claims), repeat)
        tracemalloc.start()
        amap = argmap.load(claims)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        r = repeat if n <= 1000 else 1
        # the whole map first: when it passes the limit, Graphviz alone on the same DOT (as slow) is not run
        t = {"ours": bounded("ours", claims, r, limit)}
        skip = t["ours"] is None
        t |= {what: None if skip and what == "graphviz" else bounded(what, claims, r if what == "graphviz" else 1, limit) for what in _CHILD if what != "ours"}
        cell = {k: f"{v:.2f}" if v is not None else "not run" if skip and k == "graphviz" else f"> {limit:.0f}" for k, v in t.items()}
        ratio = f"{t['ours'] / t['graphviz']:.2f}×" if t["ours"] and t["graphviz"] else "–"
        roots = sum(1 for row in amap.rows if not row.get("parent"))
        rows.append(
            f"| {n:,} | {t_validate:.3f} | {peak:.0f} | {cell['ours']} | {cell['graphviz']} | {ratio} | {roots} | {len(amap.branches())} "
            f"| {cell['branches']} | {cell['depth']} | {load()} |"
        )
        print(rows[-1], file=sys.stderr)
    for n in validate_sizes:
        claims = write_synthetic(tmp / str(n), n)
        t_validate = best(lambda: argmap.load(claims), repeat)
        tracemalloc.start()
        amap = argmap.load(claims)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        roots = sum(1 for row in amap.rows if not row.get("parent"))
        rows.append(f"| {n:,} | {t_validate:.3f} | {peak:.0f} | – | – | – | {roots} | {len(amap.branches())} | – | – | {load()} |")
    limits = []
    for n in dot_sizes:
        claims = write_synthetic(tmp / str(n), n)
        t, busy = time.perf_counter(), load()
        mib = peak_rss([str(BIN / "argmap"), "render", str(claims), "--format", "dot", "-o", str(tmp / f"dot{n}"), "-q"])
        wall, figures = time.perf_counter() - t, len(list((tmp / f"dot{n}").glob("*.dot")))
        limits.append(
            f"| `argmap render --format dot`, {n:,} rows (map and every branch: {figures} figures), peak resident MiB ({wall:.1f} s wall, {busy}) "
            f"| {mib:.0f} | limit 500 MB = {500e6 / 2**20:.0f} MiB | **{mib / (500e6 / 2**20):.2f}×** | < 1× |"
        )
    return rows, limits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated row counts to validate and render")
    ap.add_argument("--validate-sizes", default="100000", help="comma-separated row counts to validate only (no render)")
    ap.add_argument("--dot-sizes", default="100000", help="row counts for the peak memory of `render --format dot`")
    ap.add_argument("--newrank-sizes", default="1000", help="row counts at which newrank=true is compared")
    ap.add_argument("--limit", type=float, default=200, help="seconds after which one layout of a big map is stopped and recorded as over the limit")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--no-fresh", action="store_true", help="skip the fresh `make` in a new clone (it installs a new .venv)")
    ap.add_argument("--no-test", action="store_true", help="skip timing `make test` and `make test-quick`")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()
    ints = lambda s: [int(x) for x in s.split(",") if x]  # noqa: E731
    load_before = os.getloadavg()[0]
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        goals = startup(tmp, args.repeat)
        goals += all_cores(max(1, args.repeat // 2))
        goals += only_what_changed(tmp, args.repeat)
        if not args.no_fresh:
            goals += fresh_make(tmp)
        if not args.no_test:
            goals += make_test()
            goals += make_test("test-quick", "– (not the goal: no browser or notebook tests)")
        rows, limits = big_maps(ints(args.sizes), ints(args.validate_sizes), ints(args.dot_sizes), 3, tmp, args.limit)
        goals += limits
        goals += [newrank(n, tmp) for n in ints(args.newrank_sizes)]
    gv = __import__("pygraphviz").__version__
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `make bench` (`python benchmarks/bench.py`) on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Graphviz from pygraphviz {gv}, from {started} to {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, load average {load_before:.1f} at the start "
        f"and {os.getloadavg()[0]:.1f} at the end. Each number stands beside its peer or limit, measured in the same run; on a shared machine wall "
        "times vary with the load (the slow rows say what it was), ratios less. The make rows run the commands a user types: `make` after "
        "editing one row in a clone sharing this .venv; `git clone` of this tree then `make` with a new .venv; `make test` in this tree.",
        "",
        "## Goals of issue 17",
        "",
        "| what | measured | peer or limit | ratio | goal |",
        "|---|---:|---|---:|---|",
        *goals,
        "",
        "## Synthetic maps",
        "",
        "`benchmarks/synth.py`: one root (thesis) per 1,000 rows, each at the top of its own ~1,000-row tree with 3-way-ish branching "
        "(about 7 levels; 3 to 5 main reasons under each root), 10% attacks, a verbatim quote per row checked against a generated source, "
        f"so validation does its full work. Each layout runs in its own process and is stopped after {args.limit:.0f} s; Graphviz alone is not run on a map whose render passed that.",
        "",
        "| rows | validate (s) | peak memory of load (MiB) | render whole map, SVG (s) | Graphviz alone, same DOT (s) | ratio | roots | branches | every branch, pooled (s) | to depth 3 (s) | load |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        *rows,
        "",
    ]
    path = Path(args.out)
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    live = old[old.index(BEGIN) : old.index(END) + len(END)] + "\n" if BEGIN in old and END in old else ""
    path.write_text("\n".join(lines) + ("\n" + live if live else ""), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
