"""``argmap class start`` as a real uvicorn server on 127.0.0.1: ``kill -9`` it, start it again on the same database, nothing is lost."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.helpers import ROOT

for _module in ("starlette", "uvicorn", "segno"):
    pytest.importorskip(_module, reason=f"{_module} is not installed: run make setup (it is in requirements.txt)")

ARGMAP = Path(sys.executable).parent / "argmap"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid``, from /proc."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _start(db: Path, port: int) -> tuple[subprocess.Popen, dict[str, str]]:
    """The server process and what it printed: the join address, class code and teacher's address."""
    proc = subprocess.Popen(
        [str(ARGMAP), "class", "start", "--claims", str(ROOT / "claims.csv"), "--branch", "R3", "--groups", "a,b", "--port", str(port), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Stop with Ctrl+C"):
            break
    printed = "".join(lines)
    found = {
        k: m.group(1)
        for k, pat in (("code", r"Class code:\s+(\S+)"), ("teacher", r"Teacher .*?: (\S+)"), ("join", r"Students open:\s+(\S+)"))
        if (m := re.search(pat, printed))
    }
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc, found | {"printed": printed}
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"the server did not start: {printed} {proc.stderr.read() if proc.stderr else ''}")


def test_kill_9_and_restart_on_the_same_database_loses_nothing(tmp_path):
    db, port = tmp_path / "session.sqlite", _free_port()
    proc, first = _start(db, port)
    try:
        assert first["join"] == f"http://127.0.0.1:{port}/?code={first['code']}" and "New class session" in first["printed"]
        base, teacher = f"http://127.0.0.1:{port}", first["teacher"]
        heron, otter, t = httpx.Client(base_url=base, timeout=60), httpx.Client(base_url=base, timeout=60), httpx.Client(timeout=60)
        assert heron.post("/api/join", json={"code": first["code"], "pseudonym": "heron", "group": "a"}).status_code == 200
        assert otter.post("/api/join", json={"code": first["code"], "pseudonym": "otter", "group": "b"}).status_code == 200
        sent = [
            heron.post(
                "/api/contribute", json={"nonce": f"kill-test-{i}", "kind": "objection", "parent": "R3", "relation": "attacks", "text": f"Objection {i}"}
            ).json()
            for i in range(3)
        ]
        assert [s["id"] for s in sent] == ["GA1", "GA2", "GA3"]
        assert t.post(teacher + "/api/decide", json={"id": "GA1", "action": "approve"}).json()["ok"]
        assert t.post(teacher + "/api/decide", json={"id": "GA2", "action": "reject"}).json()["ok"]
        assert t.post(teacher + "/api/round", json={"action": "open", "rows": ["R3", "GA1"]}).json()["round"] == 1
        assert heron.post("/api/rate", json={"id": "GA1", "verdict": "accept", "strength": 4}).status_code == 200
        assert otter.post("/api/rate", json={"id": "R3", "verdict": "reject", "strength": 2}).status_code == 200
        assert 'id="GA1"' in t.get(teacher + "/map.svg").text  # the map is drawn in a worker process of the server
    finally:
        workers = _children(proc.pid)
        os.kill(proc.pid, signal.SIGKILL)  # no shutdown, no cleanup: as if the laptop's power went
        proc.wait(10)
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert workers, "the server drew its map in no worker process"
    deadline = time.monotonic() + 10
    while (left := [pid for pid in workers if Path(f"/proc/{pid}").exists()]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert left == [], "the server's worker processes outlived it"

    proc, again = _start(db, port)
    try:
        assert "Resumed class session" in again["printed"]
        assert (again["code"], again["teacher"]) == (first["code"], first["teacher"])
        state = t.get(teacher + "/api/state").json()
        assert [p["id"] for p in state["pending"]] == ["GA3"] and [a["id"] for a in state["approved"]] == ["GA1"] and state["rejected"] == 1
        assert state["tally"]["open"] and {r["id"]: (r["accept"], r["reject"]) for r in state["tally"]["rows"]} == {"R3": (0, 1), "GA1": (1, 0)}
        assert 'id="GA1"' in t.get(teacher + "/map.svg").text
        # the round resumes open: the same student (same cookie) changes a rating, and a retried send is not stored twice
        assert otter.post("/api/rate", json={"id": "R3", "verdict": "accept", "strength": 3}).status_code == 200
        assert (
            otter.post("/api/contribute", json={"nonce": "after-restart", "kind": "assumption", "parent": "E17", "relation": "supports", "text": "x"}).json()[
                "id"
            ]
            == "GB1"
        )
        again_sent = otter.post(
            "/api/contribute", json={"nonce": "after-restart", "kind": "assumption", "parent": "E17", "relation": "supports", "text": "x"}
        ).json()
        assert again_sent["id"] == "GB1" and again_sent["repeat"]
        assert [(r["id"], r["accept"]) for r in t.get(teacher + "/api/state").json()["tally"]["rows"]] == [("R3", 1), ("GA1", 1)]
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(20)
        proc.stdout.close()
        proc.stderr.close()
    out = subprocess.run([str(ARGMAP), "class", "export", str(db), "-o", str(tmp_path / "out")], capture_output=True, text=True, check=True)
    assert "group-a.csv (1 row)" in out.stdout and "ratings.csv (2 rows)" in out.stdout
