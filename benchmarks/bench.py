"""Benchmarks, run by hand (`make bench`): validate and render synthetic maps, against Graphviz alone.

Writes benchmarks/RESULTS.md. Timings are the best of several runs, on whatever machine runs it.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import write_synthetic  # noqa: E402

import argmap  # noqa: E402
from argmap.draw.render import quiet_stderr, render_dot  # noqa: E402

HERE = Path(__file__).parent


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def graphviz_alone(dot: str) -> None:
    """What Graphviz itself costs: parse the DOT, lay it out with dot, render SVG."""
    import pygraphviz
    from pygraphviz import graphviz as gv

    g = pygraphviz.AGraph(string=dot)
    gvc = gv.gvContextWithBuiltins()
    with quiet_stderr():
        gv.gvLayout(gvc, g.handle, b"dot")
        gv.gvRenderData(gvc, g.handle, b"svg")
        gv.gvFreeLayout(gvc, g.handle)
    gv.gvFreeContext(gvc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="100,1000,10000", help="comma-separated row counts to validate and render")
    ap.add_argument("--validate-sizes", default="100000", help="comma-separated row counts to validate only (no render)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            folder = Path(tmp) / str(n)
            claims = write_synthetic(folder, n)
            t_validate = best(lambda: argmap.load(claims), args.repeat)
            tracemalloc.start()
            amap = argmap.load(claims)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            dot = amap.to_dot()
            repeat = args.repeat if n <= 1000 else 1
            t_ours = best(lambda: render_dot(amap.to_dot(), ["svg"]), repeat)
            t_gv = best(lambda: graphviz_alone(dot), repeat)
            branches = amap.branches()
            t_branch = best(lambda: [render_dot(amap.to_dot(b), ["svg"]) for b in branches], 1)
            t_depth = best(lambda: render_dot(amap.to_dot(None, 3), ["svg"]), 1)
            rows.append((n, t_validate, peak, t_ours, t_gv, t_ours / t_gv, len(branches), t_branch, t_depth))
            print(f"{n:>6} rows: validate {t_validate:.3f}s, render {t_ours:.2f}s vs Graphviz alone {t_gv:.2f}s ({t_ours / t_gv:.2f}x)", file=sys.stderr)
        for n in [int(s) for s in args.validate_sizes.split(",") if s]:
            claims = write_synthetic(Path(tmp) / str(n), n)
            t_validate = best(lambda: argmap.load(claims), args.repeat)
            tracemalloc.start()
            argmap.load(claims)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            rows.append((n, t_validate, peak, None, None, None, None, None, None))
            print(f"{n:>6} rows: validate {t_validate:.3f}s, peak {peak:.0f} MiB", file=sys.stderr)
    root = HERE.parent
    subprocess.run(["make", "-s"], cwd=root, check=True, capture_output=True)
    t_make = best(lambda: subprocess.run(["make", "-s"], cwd=root, check=True, capture_output=True), 5)
    lines = [
        "# Benchmark results",
        "",
        f"Measured by `python benchmarks/bench.py` on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Graphviz {__import__('pygraphviz').graphviz.__dict__.get('__version__', 'from pygraphviz ' + __import__('pygraphviz').__version__)}. Best of {args.repeat} runs (one run for renders above 1,000 rows).",
        "",
        "| rows | validate (s) | peak memory of load (MiB) | render whole map, SVG (s) | Graphviz alone, same DOT (s) | ratio | branches | render every branch (s) | render to depth 3 (s) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    cell = lambda v, f: "–" if v is None else format(v, f)  # noqa: E731
    lines += [
        f"| {n:,} | {v:.3f} | {m:.0f} | {cell(o, '.2f')} | {cell(g, '.2f')} | {cell(r, '.2f')}{'×' if r else ''} | {cell(nb, 'd')} | {cell(b, '.2f')} | {cell(d, '.2f')} |"
        for n, v, m, o, g, r, nb, b, d in rows
    ]
    lines += ["", f"A `make` with nothing changed: {t_make:.3f} s (no re-render: make's own dependency check).", ""]
    Path(args.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
