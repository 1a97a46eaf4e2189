"""``argmap class``: the live session's API, driven with Starlette's TestClient against a real SQLite file."""

from __future__ import annotations

import csv
import sqlite3
import warnings

import pytest

from tests.helpers import ROOT, disk_fills, run_main

for _module in ("starlette", "uvicorn", "segno"):
    pytest.importorskip(_module, reason=f"{_module} is not installed: run make setup (it is in requirements.txt)")
warnings.filterwarnings("ignore", message=".*httpx.*")

from starlette.testclient import TestClient  # noqa: E402

from argmap.classroom.live.app import create_app  # noqa: E402
from argmap.classroom.live.limits import Limiter  # noqa: E402
from argmap.classroom.live.server import open_session  # noqa: E402
from argmap.core.errors import InvalidMap  # noqa: E402
from argmap.core.load import load  # noqa: E402

CLAIMS = ROOT / "claims.csv"
QUOTE = "Armenia should refuse to sign an ambiguous framework agreement"


@pytest.fixture
def session(tmp_path):
    return open_session(tmp_path / "s.sqlite", claims=CLAIMS, branch="R3", groups=["a", "b"]).session


@pytest.fixture
def app(session):
    return create_app(session)


def student(app, session, name="heron", group="a") -> TestClient:
    c = TestClient(app)
    r = c.post("/api/join", json={"code": session.code.lower(), "pseudonym": name, "group": group})
    assert r.status_code == 200, r.text
    return c


def teacher(app, session) -> tuple[TestClient, str]:
    return TestClient(app), f"/t/{session.secret}"


def send(c, nonce, **row):
    data = {"kind": "objection", "parent": "R3", "relation": "attacks", "text": "An objection", **row, "nonce": nonce}
    return c.post("/api/contribute", json=data)


def test_join_needs_the_class_code_a_pseudonym_and_a_group(app, session):
    c = TestClient(app)
    assert c.get("/s", follow_redirects=False).status_code == 303  # no cookie: back to the join page
    assert c.get("/api/state").status_code == 401
    assert c.post("/api/join", json={"code": "WRONG1", "pseudonym": "heron", "group": "a"}).status_code == 403
    assert c.post("/api/join", json={"code": session.code, "pseudonym": "=cmd|x", "group": "a"}).json()["field"] == "pseudonym"
    assert c.post("/api/join", json={"code": session.code, "pseudonym": "heron", "group": "z"}).json()["field"] == "group"
    student(app, session, "Heron")
    r = c.post("/api/join", json={"code": session.code, "pseudonym": "heron", "group": "b"})
    assert r.status_code == 409 and "taken" in r.json()["error"]
    assert c.post("/api/join", content=b"x" * 9000, headers={"content-type": "application/json"}).status_code == 413


@pytest.mark.parametrize(
    ("body", "said"),
    [(b"[" * 5000, "nested more than 8 levels deep"), (b'{"code": NaN}', "holds NaN"), (b'{"code": "\\ud800"}', "lone surrogate"), (b"{", "not valid JSON")],
    ids=["5000-deep", "NaN", "lone-surrogate", "cut-short"],
)
def test_a_hostile_request_body_is_refused_with_400_not_a_server_error(app, body, said):
    """A body small enough to be read but built to break a parser (5,000 brackets raised RecursionError: a 500)."""
    r = TestClient(app, raise_server_exceptions=True).post("/api/join", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 400 and said in r.json()["error"] and r.json()["error"].startswith("send a JSON object")


def test_the_live_check_gives_the_messages_of_argmap_validate(app, session, tmp_path, monkeypatch):
    c = student(app, session)
    row = {"kind": "assumption", "parent": "R33", "relation": "supports", "text": "Talks can go on"}
    problems = c.post("/api/check", json=row).json()["problems"]
    overlay = tmp_path / "group-a.csv"
    header = "id,type,text,quote,paragraph,parent,relation,group,origin,actor,date,certainty,scheme,source_url,same_as,note"
    overlay.write_text(header + "\nGA1,assumption,Talks can go on,,,R33,supports,,group-a,,,,,,,\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidMap) as err:
        load(CLAIMS, overlays=["group-a.csv"])
    assert [p["line"] for p in problems] == [str(p) for p in err.value.problems] == ["group-a.csv:2: id GA1: parent: no row has id 'R33'; did you mean 'R3'?"]
    assert problems[0]["field"] == "parent"
    assert c.post("/api/check", json={**row, "parent": "R3"}).json() == {"ok": True, "problems": []}
    too_long = c.post("/api/check", json={**row, "parent": "R3", "text": "x" * 201}).json()["problems"]
    assert [p["field"] for p in too_long] == ["text"] and "under 200" in too_long[0]["message"]
    outside = c.post("/api/check", json={**row, "parent": "T1"}).json()["problems"]
    assert outside[0]["field"] == "parent" and "not a box of branch R3" in outside[0]["message"]


def test_an_optional_quote_must_be_verbatim_in_the_article(app, session):
    c = student(app, session)
    row = {"kind": "objection", "parent": "R3", "relation": "attacks", "text": "Refusing has costs"}
    bad = c.post("/api/check", json={**row, "quote": QUOTE.replace("ambiguous", "vague")}).json()["problems"]
    assert [p["field"] for p in bad] == ["quote"]
    assert bad[0]["message"].startswith(
        "is not verbatim in the source: after '…d refuse to sign an ' the quote has 'v' (U+0076 LATIN SMALL LETTER V) where paragraph 11 has 'a'"
    )
    assert c.post("/api/check", json={**row, "quote": QUOTE}).json()["ok"]
    assert send(c, "quote-0001", quote=QUOTE).json()["id"] == "GA1"
    assert session.store.contribution("GA1")["paragraph"] == "11"


def test_a_submission_is_committed_once_and_the_projector_shows_only_approved_rows(app, session):
    a, b = student(app, session, "heron"), student(app, session, "otter", "b")
    t, base = teacher(app, session)
    first = send(a, "nonce-0001", text="<script>alert(1)</script> & co")
    assert first.json() == {"ok": True, "id": "GA1", "status": "pending"}
    assert send(a, "nonce-0001", text="changed on retry").json()["repeat"] is True  # a retry of the same form
    assert send(b, "nonce-0001", kind="assumption", relation="supports", parent="E17", text="Signing binds").json()["id"] == "GB1"
    rows = sqlite3.connect(session.store.path).execute("SELECT row_id, text, status FROM contributions ORDER BY seq").fetchall()
    assert rows == [("GA1", "<script>alert(1)</script> & co", "pending"), ("GB1", "Signing binds", "pending")]
    assert "GA1" not in t.get(base + "/map.svg").text and "GB1" not in a.get("/api/map.svg").text
    assert t.post(base + "/api/decide", json={"id": "GA1", "action": "approve"}).json()["status"] == "approved"
    assert t.post(base + "/api/decide", json={"id": "GB1", "action": "reject"}).json()["status"] == "rejected"
    assert t.post(base + "/api/decide", json={"id": "GB1", "action": "approve"}).status_code == 409
    svg = t.get(base + "/map.svg").text
    assert 'id="GA1"' in svg and "GB1" not in svg
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    assert [m["status"] for m in b.get("/api/state").json()["mine"]] == ["rejected"]
    assert "GA1" in [x["id"] for x in a.get("/api/state").json()["boxes"]]


def test_a_restatement_names_a_box_and_is_exported_with_same_as(app, session, tmp_path, capsys):
    a = student(app, session)
    t, base = teacher(app, session)
    row = {"kind": "restatement", "parent": "E17", "relation": "supports"}
    assert [p["field"] for p in a.post("/api/check", json=row).json()["problems"]] == ["same_as"]
    assert a.post("/api/check", json={**row, "parent": "C30", "same_as": "C30"}).json()["problems"][0]["field"] == "parent"
    assert send(a, "nonce-0006", **row, same_as="C30").json()["id"] == "GA1"
    t.post(base + "/api/decide", json={"id": "GA1", "action": "approve"})
    assert session.current_map().statement_of("GA1") == "C30"
    run_main(capsys, "class", "export", session.store.path, "-o", tmp_path)
    assert (tmp_path / "group-a.csv").read_text(encoding="utf-8").splitlines()[1] == "GA1,,,,,E17,supports,,group-a,,,,,,C30,"
    assert run_main(capsys, "validate", CLAIMS, "--with", tmp_path / "group-a.csv")[0] == 0


def test_the_teacher_edits_before_approving_and_the_edit_is_checked(app, session):
    a = student(app, session)
    t, base = teacher(app, session)
    send(a, "nonce-0002")
    r = t.post(base + "/api/decide", json={"id": "GA1", "action": "approve", "edits": {"parent": "XX"}})
    assert r.status_code == 422 and r.json()["problems"][0]["message"] == "no row has id 'XX'"
    r = t.post(base + "/api/decide", json={"id": "GA1", "action": "approve", "edits": {"text": "Refusing may cost goodwill", "relation": "undercuts"}})
    assert r.status_code == 200
    c = session.store.contribution("GA1")
    assert (c["text"], c["relation"], c["status"]) == ("Refusing may cost goodwill", "undercuts", "approved")


def test_teacher_pages_need_the_secret(app, session):
    t, base = teacher(app, session)
    for path in ("", "/projector", "/moderate", "/api/state", "/map.svg", "/tally.svg", "/api/outcome"):
        assert t.get(base + path).status_code == 200, path
        assert t.get("/t/" + "x" * len(session.secret) + path).status_code == 404, path
    assert t.post("/t/nope/api/round", json={"action": "open"}).status_code == 404
    home = t.get(base).text
    assert session.code in home and "<svg" in home and f"/?code={session.code}" in home
    assert t.get(base).headers["referrer-policy"] == "no-referrer"


def test_sending_is_rate_limited_per_student(session):
    app = create_app(session, Limiter({"send": (3, 0.01)}))
    a, b = student(app, session, "heron"), student(app, session, "otter")
    assert [send(a, f"nonce-{i:04}").status_code for i in range(4)] == [200, 200, 200, 429]
    r = send(a, "nonce-0099")
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert send(b, "nonce-0001").status_code == 200  # another student is not held up
    assert len(session.store.contributions()) == 4


def test_ratings_change_until_the_round_closes_and_export_as_argmap_ratings_reads(app, session, tmp_path, capsys):
    a, b = student(app, session, "heron"), student(app, session, "otter", "b")
    t, base = teacher(app, session)
    assert a.post("/api/rate", json={"id": "R3", "verdict": "accept", "strength": 3}).status_code == 409  # no round yet
    send(a, "nonce-0003", text='=HYPERLINK("x") looks like a formula')
    t.post(base + "/api/decide", json={"id": "GA1", "action": "approve"})
    assert t.post(base + "/api/round", json={"action": "open", "rows": ["R3", "GA1", "T1"]}).json()["rows"] == ["R3", "GA1"]
    assert a.post("/api/rate", json={"id": "R3", "verdict": "accept", "strength": 2}).status_code == 200
    assert a.post("/api/rate", json={"id": "R3", "verdict": "reject", "strength": 5, "comment": "@SUM(1)"}).status_code == 200
    assert a.post("/api/rate", json={"id": "GA1", "verdict": "accept", "strength": 4}).status_code == 200
    assert b.post("/api/rate", json={"id": "GA1", "verdict": "accept", "strength": 9}).json()["field"] == "strength"
    assert b.post("/api/rate", json={"id": "E17", "verdict": "accept", "strength": 2}).status_code == 422  # not in the round
    assert b.post("/api/rate", json={"id": "GA1", "verdict": "reject", "strength": 1}).status_code == 200
    chart = t.get(base + "/tally.svg").text
    assert "2 raters" in chart and chart.count("<title>reject: 1</title>") == 2 and "=HYPERLINK(&quot;x&quot;)" in chart
    assert t.get(base + "/api/state").json()["tally"]["rows"][0] == {
        "id": "R3",
        "text": session.current_map()["R3"]["text"],
        "accept": 0,
        "reject": 1,
        "unsure": 0,
    }
    assert t.post(base + "/api/round", json={"action": "close"}).json()["ok"]
    assert a.post("/api/rate", json={"id": "R3", "verdict": "accept", "strength": 1}).status_code == 409
    out = tmp_path / "out"
    code, printed, _ = run_main(capsys, "class", "export", session.store.path, "-o", out)
    assert code == 0 and "group-a.csv (1 row)" in printed and "ratings.csv (3 rows)" in printed and "group-b.csv" in printed
    with open(out / "ratings.csv", encoding="utf-8") as fh:
        assert list(csv.reader(fh)) == [
            ["rater", "id", "verdict", "strength", "comment"],
            ["heron", "R3", "reject", "5", "'@SUM(1)"],
            ["heron", "GA1", "accept", "4", ""],
            ["otter", "GA1", "reject", "1", ""],
        ]
    assert (out / "group-a.csv").read_text(encoding="utf-8").splitlines()[1].startswith('GA1,objection,"\'=HYPERLINK(""x"")')
    assert run_main(capsys, "validate", CLAIMS, "--with", out / "group-a.csv")[0] == 0
    code, printed, _ = run_main(capsys, "ratings", out / "ratings.csv", "--with", out / "group-a.csv", "-o", tmp_path / "res", "--format", "svg")
    assert code == 0 and "3 ratings of 2 rows by 2 raters" in printed


def test_export_writes_a_header_only_overlay_for_every_group_that_joined(tmp_path, capsys):
    session = open_session(tmp_path / "s.sqlite", claims=CLAIMS, branch="R3", groups=["a", "b", "c"]).session
    app = create_app(session)
    a, b = student(app, session, "heron"), student(app, session, "otter", "b")
    t, base = teacher(app, session)
    send(a, "nonce-0001")
    send(b, "nonce-0002", text="Rejected by the teacher")
    t.post(base + "/api/decide", json={"id": "GA1", "action": "approve"})
    t.post(base + "/api/decide", json={"id": "GB1", "action": "reject"})
    out = tmp_path / "out"
    code, printed, _ = run_main(capsys, "class", "export", session.store.path, "-o", out)
    assert code == 0 and "group-a.csv (1 row), group-b.csv (header only: no approved rows), ratings.csv (0 rows)" in printed
    header = ",".join(session.header)
    assert (out / "group-b.csv").read_text(encoding="utf-8") == header + "\n"
    assert not (out / "group-c.csv").exists()  # nobody joined group c
    code, printed, err = run_main(capsys, "validate", CLAIMS, "--with", out / "group-a.csv", out / "group-b.csv")
    assert code == 0 and "group-b.csv: no rows yet (only the header): an empty overlay" in printed + err


def test_export_writes_every_file_or_none(tmp_path, capsys, monkeypatch):
    """A disk that fills while ratings.csv is staged leaves no group file either: the next export starts clean."""
    session = open_session(tmp_path / "s.sqlite", claims=CLAIMS, branch="R3", groups=["a"]).session
    app = create_app(session)
    send(student(app, session, "heron"), "nonce-0001")
    disk_fills(monkeypatch, when=lambda target: target.name == "ratings.csv")
    out = tmp_path / "out"
    code, _, err = run_main(capsys, "class", "export", session.store.path, "-o", out)
    assert code == 1 and "No space left on device" in err
    assert not list(out.glob("*.csv")) if out.exists() else True


def test_outcome_takes_the_objections_the_class_accepted(app, session):
    a = student(app, session)
    t, base = teacher(app, session)
    send(a, "nonce-0004", parent="E17")
    t.post(base + "/api/decide", json={"id": "GA1", "action": "approve"})
    before = t.get(base + "/api/outcome").json()
    assert before["accepted"] == [] and before["changed"] == []
    t.post(base + "/api/round", json={"action": "open", "rows": ["GA1"]})
    a.post("/api/rate", json={"id": "GA1", "verdict": "accept", "strength": 4})
    after = t.get(base + "/api/outcome").json()
    assert after["accepted"] == ["GA1"]
    changed = {c["id"]: (c["before"], c["after"]) for c in after["changed"]}
    assert changed["GA1"] == ("left out", "stands") and changed["E17"] == ("stands", "falls")
    assert next(c["why"] for c in after["changed"] if c["id"] == "E17") == "defeated by GA1"
    assert 'id="GA1"' in after["svg"] and "falls: defeated by GA1" in after["svg"]


def test_a_restarted_session_keeps_everything(tmp_path):
    db = tmp_path / "s.sqlite"
    first = open_session(db, claims=CLAIMS, branch="R3", groups=["a"]).session
    app = create_app(first)
    send(student(app, first), "nonce-0005")
    first.store.open_round(["R3"])
    again = open_session(db, claims="elsewhere.csv", branch=None, groups=["x"])
    assert again.resumed and (again.session.code, again.session.secret, again.session.groups) == (first.code, first.secret, ["a"])
    assert [c["row_id"] for c in again.session.store.contributions()] == ["GA1"] and again.session.store.current_round()["closed"] is None


def test_start_refuses_a_wrong_branch_or_a_foreign_file_and_writes_nothing(tmp_path, capsys):
    db = tmp_path / "new.sqlite"
    code, _, err = run_main(capsys, "class", "start", "--claims", CLAIMS, "--branch", "R33", "--db", db)
    assert code == 1 and "--branch R33: no row has this id" in err and not db.exists()
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    before = other.read_bytes()
    code, _, err = run_main(capsys, "class", "start", "--claims", CLAIMS, "--db", other)
    assert code == 1 and "not a class session database" in err and other.read_bytes() == before
    code, _, err = run_main(capsys, "class", "export", tmp_path / "missing.sqlite", "-o", tmp_path / "o")
    assert code == 1 and "session database not found" in err
    assert run_main(capsys, "class", "start", "--groups", "a,A")[0] == 2
