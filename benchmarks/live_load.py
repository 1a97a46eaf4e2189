"""Load benchmark of ``argmap class`` (run by ``make bench``): a real server on 127.0.0.1 only, bounded in count and time.

60 simulated students join, then all at once each sends 10 contributions (each after a live check, one of them sent
twice as a phone retrying after a lost answer) and 20 ratings, polling the page state every 3 s as the student page
does; meanwhile the teacher approves what arrives and the projector polls and redraws the map. Afterwards every
accepted submission must be in the database and in the export exactly once. Writes a section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import platform
import random
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx

HERE = Path(__file__).parent
ROOT = HERE.parent
ARGMAP = Path(sys.executable).parent / "argmap"
LOAD = os.getloadavg()[0]
BEGIN, END = "<!-- live-load:begin -->", "<!-- live-load:end -->"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(db: Path, port: int, branch: str) -> tuple[subprocess.Popen, str, str]:
    cmd = [str(ARGMAP), "class", "start", "--claims", str(ROOT / "claims.csv"), "--branch", branch, "--port", str(port), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=sys.stderr, text=True)
    printed = ""
    while "Stop with Ctrl+C" not in printed:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server did not start")
        printed += line
    code = re.search(r"Class code:\s+(\S+)", printed).group(1)
    teacher = re.search(r"Teacher .*?: (\S+)", printed).group(1)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.05)
    return proc, code, teacher


class Stats:
    def __init__(self) -> None:
        self.latency: dict[str, list[float]] = {}
        self.status: Counter = Counter()

    async def call(self, client: httpx.AsyncClient, kind: str, method: str, url: str, **kw) -> httpx.Response:
        """One request, retried after a 429 as the pages do (and after a dropped connection, with the same body: sends are
        idempotent by their nonce); latency is per answered request."""
        for _ in range(20):
            t = time.perf_counter()
            try:
                r = await client.request(method, url, **kw)
            except (httpx.RemoteProtocolError, httpx.ConnectError):  # a kept-alive connection closed under us: send again
                self.status[kind, "reconnect"] += 1
                continue
            self.latency.setdefault(kind, []).append(time.perf_counter() - t)
            self.status[kind, r.status_code] += 1
            if r.status_code != 429:
                return r
            await asyncio.sleep(float(r.headers.get("retry-after", "1")))
        return r


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(round(0.95 * len(ordered))) - 1)] if ordered else 0.0


async def run(base: str, code: str, teacher: str, students: int, sends: int, rates: int, limit: float) -> dict:
    stats, accepted, rated = Stats(), {}, set()
    done = asyncio.Event()
    limits = httpx.Limits(max_connections=students + 4)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as t:
        rows = (await stats.call(t, "teacher", "GET", teacher + "/api/state")).json()["boxes"]
        ids = [b["id"] for b in rows]
        assert (await stats.call(t, "teacher", "POST", teacher + "/api/round", json={"action": "open", "rows": ids})).status_code == 200

        async def student(n: int) -> None:
            rnd = random.Random(n)
            async with httpx.AsyncClient(base_url=base, timeout=60) as c:
                r = await stats.call(c, "join", "POST", "/api/join", json={"code": code, "pseudonym": f"s{n:02}", "group": "abcd"[n % 4]})
                assert r.status_code == 200, r.text
                work = [("send", i) for i in range(sends)] + [("rate", i) for i in range(rates)]
                rnd.shuffle(work)
                to_rate = rnd.sample(ids, rates)
                last_poll = time.monotonic()
                for kind, i in work:
                    if time.monotonic() - last_poll > 3:
                        await stats.call(c, "state", "GET", "/api/state")
                        last_poll = time.monotonic()
                    if kind == "send":
                        row = {
                            "kind": "objection",
                            "parent": rnd.choice(ids),
                            "relation": "attacks",
                            "text": f"Student {n} objection {i}",
                            "nonce": f"s{n:02}-n{i:02}-xx",
                        }
                        await stats.call(c, "check", "POST", "/api/check", json=row)
                        r = await stats.call(c, "send", "POST", "/api/contribute", json=row)
                        if i == 2:  # the answer "was lost": the phone sends the same form again
                            again = await stats.call(c, "send", "POST", "/api/contribute", json=row)
                            assert again.json()["id"] == r.json()["id"]
                        if r.status_code == 200:
                            accepted[r.json()["id"]] = row["text"]
                    else:
                        rid = to_rate[i]
                        r = await stats.call(
                            c,
                            "rate",
                            "POST",
                            "/api/rate",
                            json={"id": rid, "verdict": rnd.choice(["accept", "reject", "unsure"]), "strength": rnd.randint(1, 5)},
                        )
                        if r.status_code == 200:
                            rated.add((f"s{n:02}", rid))

        async def moderator() -> None:
            while not done.is_set():
                state = (await stats.call(t, "teacher", "GET", teacher + "/api/state")).json()
                for p in state["pending"]:
                    await stats.call(t, "approve", "POST", teacher + "/api/decide", json={"id": p["id"], "action": "approve"})
                await asyncio.sleep(0.5)

        async def projector() -> None:
            seen = -1
            while not done.is_set():
                v = (await stats.call(t, "projector", "GET", teacher + "/api/version")).json()["version"]
                if v != seen:
                    seen = v
                    await stats.call(t, "map", "GET", teacher + "/map.svg")
                    await stats.call(t, "map", "GET", teacher + "/tally.svg")
                await asyncio.sleep(1.5)

        side = [asyncio.create_task(moderator()), asyncio.create_task(projector())]
        start = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(student(n) for n in range(students))), limit)
        wall = time.perf_counter() - start
        done.set()
        await asyncio.gather(*side)
        for p in (await stats.call(t, "teacher", "GET", teacher + "/api/state")).json()["pending"]:
            await stats.call(t, "approve", "POST", teacher + "/api/decide", json={"id": p["id"], "action": "approve"})
    return {"stats": stats, "accepted": accepted, "rated": rated, "wall": wall}


def check(db: Path, out: Path, result: dict) -> dict:
    """Every accepted submission in the database and the export, none twice."""
    subprocess.run([str(ARGMAP), "class", "export", str(db), "-o", str(out), "-q"], check=True)
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        stored = Counter(r[0] for r in con.execute("SELECT row_id FROM contributions"))
        approved = {r[0] for r in con.execute("SELECT row_id FROM contributions WHERE status = 'approved'")}
    exported: Counter = Counter()
    for f in out.glob("group-*.csv"):
        with open(f, encoding="utf-8") as fh:
            exported.update(r["id"] for r in csv.DictReader(fh))
    with open(out / "ratings.csv", encoding="utf-8") as fh:
        ratings = Counter((r["rater"], r["id"]) for r in csv.DictReader(fh))
    accepted = set(result["accepted"])
    assert set(stored) == accepted and max(stored.values()) == 1, "database and accepted submissions differ"
    assert approved == accepted and set(exported) == accepted and max(exported.values()) == 1, "export and accepted submissions differ"
    assert set(ratings) == result["rated"] and max(ratings.values()) == 1, "exported ratings and accepted ratings differ"
    valid = subprocess.run(
        [str(ARGMAP), "validate", str(ROOT / "claims.csv"), "-q", "--with", *map(str, sorted(out.glob("group-*.csv")))], capture_output=True, text=True
    )
    assert valid.returncode == 0, valid.stdout
    return {"contributions": len(accepted), "ratings": len(ratings)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--students", type=int, default=60)
    ap.add_argument("--sends", type=int, default=10)
    ap.add_argument("--rates", type=int, default=20)
    ap.add_argument("--branch", default="T1", help="a branch with at least --rates boxes (default: T1)")
    ap.add_argument("--time-limit", type=float, default=300, help="give up after this many seconds (default: 300)")
    ap.add_argument("--out", default=str(HERE / "RESULTS.md"))
    args = ap.parse_args()
    if not (1 <= args.students <= 200 and 1 <= args.sends <= 10 and 1 <= args.rates <= 26):
        raise SystemExit("keep the load bounded: at most 200 students, 10 sends (the burst a student may send) and 26 ratings each")
    with tempfile.TemporaryDirectory() as tmp:
        db, port = Path(tmp) / "bench.sqlite", free_port()
        proc, code, teacher = start(db, port, args.branch)
        try:
            result = asyncio.run(run(f"http://127.0.0.1:{port}", code, teacher.split(str(port), 1)[1], args.students, args.sends, args.rates, args.time_limit))
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(30)
        counts = check(db, Path(tmp) / "export", result)
    write(args, result, counts)


def write(args, result: dict, counts: dict) -> None:
    stats: Stats = result["stats"]
    student_kinds = ("join", "check", "send", "rate", "state")
    answered = sum(len(stats.latency.get(k, [])) for k in student_kinds)
    throttled = sum(n for (k, s), n in stats.status.items() if s == 429 and k in student_kinds)
    lines = [
        BEGIN,
        "## Live class session under load (`benchmarks/live_load.py`)",
        "",
        f"A real `argmap class start` server (uvicorn, one process, SQLite in WAL with synchronous=FULL) on 127.0.0.1, branch {args.branch}; "
        f"{args.students} simulated students at once, each sending {args.sends} contributions (each after a live check, one sent twice as a retry) "
        f"and {args.rates} ratings, polling the state every 3 s; the teacher approving as rows arrive, the projector redrawing the map. "
        f"Measured on {platform.machine()}, {os.cpu_count()} cores (shared), Python {platform.python_version()}.",
        "",
        "| requests | p50 (ms) | p95 (ms) | max (ms) | count |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind in (*student_kinds, "approve", "map"):
        v = sorted(stats.latency.get(kind, []))
        if v:
            lines.append(f"| {kind} | {1000 * v[len(v) // 2]:.0f} | {1000 * p95(v):.0f} | {1000 * v[-1]:.0f} | {len(v)} |")
    all_student = [x for k in student_kinds for x in stats.latency.get(k, [])]
    lines += [
        "",
        f"- **Throughput**: {answered} student requests answered in {result['wall']:.1f} s: **{answered / result['wall']:.0f} requests/s**; "
        f"p95 latency of all student requests **{1000 * p95(all_student):.0f} ms** ({throttled} answered 429 by the rate limits and retried).",
        f"- **Nothing lost, nothing twice**: {counts['contributions']} accepted contributions, each once in the database and once in the exported group files "
        f"(which `argmap validate --with` accepts); {counts['ratings']} ratings, each once in the exported `ratings.csv`.",
        f"- **Against the lesson's limit**: the whole load took {result['wall']:.0f} s, {result['wall'] / 420:.2f}× the seven minutes the lesson plan "
        "gives the rating step, for about twice the students of a class, each rating 20 rows and sending 10.",
        f"- The simulated phones (one asyncio process) and the server share the machine's cores with other work (load average {LOAD:.1f} at the start): "
        "latency here is mostly waiting for a core. Every write is committed with an fsync before its answer; the map is laid out in a "
        "worker process, once per approved row, and only for the projector.",
        END,
    ]
    path = Path(args.out)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = "\n".join(lines) + "\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")
    print("\n".join(lines[1:-1]))


if __name__ == "__main__":
    main()
