"""The session database: one SQLite file per class session, in WAL mode, every write committed before it is answered.

>>> import tempfile, pathlib
>>> db = Store(pathlib.Path(tempfile.mkdtemp()) / "s.sqlite")
>>> db.create(branch="R3", claims="claims.csv", groups=["a", "b"])
>>> len(db.meta["code"]), db.meta["branch"], db.groups()
(6, 'R3', ['a', 'b'])
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["CODE_ALPHABET", "Store", "new_code"]

#: Letters and digits that cannot be mistaken for one another when read off a projector (no 0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS students (
    token TEXT PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE COLLATE NOCASE, grp TEXT NOT NULL, joined REAL NOT NULL);
CREATE TABLE IF NOT EXISTS contributions (
    seq INTEGER PRIMARY KEY, row_id TEXT NOT NULL UNIQUE, student TEXT NOT NULL, nonce TEXT NOT NULL, grp TEXT NOT NULL,
    kind TEXT NOT NULL, type TEXT NOT NULL, text TEXT NOT NULL, parent TEXT NOT NULL, relation TEXT NOT NULL,
    same_as TEXT NOT NULL, quote TEXT NOT NULL, paragraph TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'pending',
    created REAL NOT NULL, decided REAL, approved_order INTEGER, UNIQUE (student, nonce));
CREATE TABLE IF NOT EXISTS rounds (seq INTEGER PRIMARY KEY, rows TEXT NOT NULL, opened REAL NOT NULL, closed REAL);
CREATE TABLE IF NOT EXISTS ratings (
    round INTEGER NOT NULL, student TEXT NOT NULL, row_id TEXT NOT NULL, verdict TEXT NOT NULL, strength INTEGER,
    comment TEXT NOT NULL, updated REAL NOT NULL, PRIMARY KEY (round, student, row_id));
"""


def new_code(n: int = 6) -> str:
    """A short class code to read off the projector."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(n))


class Store:
    """The session's tables behind one connection and a lock; ``version`` grows with every change a page shows."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a commit is on disk before the answer leaves
        self._db.executescript(_SCHEMA)

    @staticmethod
    def is_session(path: str | Path) -> bool:
        """Whether ``path`` is a session database, looked at read-only (a file that is not one is never changed)."""
        try:
            db = sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)
            try:
                return db.execute("SELECT 1 FROM meta WHERE key = 'code'").fetchone() is not None
            finally:
                db.close()
        except sqlite3.Error:
            return False

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed on leaving, rolled back on an exception."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def query(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- session ---------------------------------------------------------------------------------------------
    @property
    def meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.query("SELECT key, value FROM meta")}

    def exists(self) -> bool:
        return "code" in self.meta

    def create(self, *, branch: str, claims: str, groups: list[str], source: str = "") -> None:
        """A new session's class code, teacher secret and settings (kept as they are when the file already holds a session)."""
        if self.exists():
            return
        values = {
            "code": new_code(),
            "secret": secrets.token_urlsafe(12),
            "branch": branch,
            "claims": claims,
            "source": source,
            "groups": json.dumps(groups),
            "created": str(time.time()),
            "version": "0",
        }
        with self.tx() as db:
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)", values.items())

    def groups(self) -> list[str]:
        return json.loads(self.meta.get("groups", "[]"))

    def version(self) -> int:
        return int(self.query("SELECT value FROM meta WHERE key='version'")[0]["value"])

    def map_version(self) -> int:
        """Grows with every approved row (approvals are final): the map changes with it and only with it."""
        return int(self.query("SELECT COUNT(*) AS n FROM contributions WHERE status = 'approved'")[0]["n"])

    @staticmethod
    def bump(db: sqlite3.Connection) -> None:
        db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'version'")

    # -- students --------------------------------------------------------------------------------------------
    def join(self, pseudonym: str, group: str) -> str | None:
        """A new student's token, or None when the pseudonym is taken (case does not count)."""
        token = secrets.token_urlsafe(18)
        try:
            with self.tx() as db:
                db.execute("INSERT INTO students (token, pseudonym, grp, joined) VALUES (?, ?, ?, ?)", (token, pseudonym, group, time.time()))
        except sqlite3.IntegrityError:
            return None
        return token

    def joined_groups(self) -> list[str]:
        """The groups at least one student joined, in the order they first joined."""
        return [r["grp"] for r in self.query("SELECT grp, MIN(joined) AS first FROM students GROUP BY grp ORDER BY first, grp")]

    def student(self, token: str) -> sqlite3.Row | None:
        rows = self.query("SELECT * FROM students WHERE token = ?", (token,))
        return rows[0] if rows else None

    # -- contributions ---------------------------------------------------------------------------------------
    def contributions(self, status: str | None = None) -> list[sqlite3.Row]:
        if status is None:
            return self.query("SELECT * FROM contributions ORDER BY seq")
        order = "approved_order" if status == "approved" else "seq"
        return self.query(f"SELECT * FROM contributions WHERE status = ? ORDER BY {order}", (status,))

    def contribution(self, row_id: str) -> sqlite3.Row | None:
        rows = self.query("SELECT * FROM contributions WHERE row_id = ?", (row_id,))
        return rows[0] if rows else None

    def by_nonce(self, student: str, nonce: str) -> sqlite3.Row | None:
        rows = self.query("SELECT * FROM contributions WHERE student = ? AND nonce = ?", (student, nonce))
        return rows[0] if rows else None

    def next_id(self, grp: str) -> str:
        """The id the group's next contribution will probably get (for messages before it is sent)."""
        return f"G{grp.upper()}{self.query('SELECT COUNT(*) AS n FROM contributions WHERE grp = ?', (grp,))[0]['n'] + 1}"

    def add(self, student: sqlite3.Row, nonce: str, kind: str, row: dict[str, str], taken: set[str]) -> tuple[sqlite3.Row, bool]:
        """Store a contribution under the group's next free id; a second send of the same nonce returns the first, unchanged."""
        with self.tx() as db:
            old = db.execute("SELECT * FROM contributions WHERE student = ? AND nonce = ?", (student["token"], nonce)).fetchone()
            if old is not None:
                return old, False
            grp = student["grp"]
            n = db.execute("SELECT COUNT(*) FROM contributions WHERE grp = ?", (grp,)).fetchone()[0] + 1
            while (row_id := f"G{grp.upper()}{n}") in taken or db.execute("SELECT 1 FROM contributions WHERE row_id = ?", (row_id,)).fetchone():
                n += 1
            db.execute(
                "INSERT INTO contributions (row_id, student, nonce, grp, kind, type, text, parent, relation, same_as, quote, paragraph, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    row_id,
                    student["token"],
                    nonce,
                    grp,
                    kind,
                    row["type"],
                    row["text"],
                    row["parent"],
                    row["relation"],
                    row["same_as"],
                    row["quote"],
                    row["paragraph"],
                    time.time(),
                ),
            )
            self.bump(db)
            return db.execute("SELECT * FROM contributions WHERE row_id = ?", (row_id,)).fetchone(), True

    def decide(self, row_id: str, status: str, edits: dict[str, str] | None = None) -> bool:
        """Approve (with the teacher's edits) or reject a pending contribution; False if it is not pending."""
        with self.tx() as db:
            if not db.execute("SELECT 1 FROM contributions WHERE row_id = ? AND status = 'pending'", (row_id,)).fetchone():
                return False
            for column, value in (edits or {}).items():
                if column in ("type", "text", "parent", "relation", "same_as", "quote", "paragraph"):
                    db.execute(f"UPDATE contributions SET {column} = ? WHERE row_id = ?", (value, row_id))
            order = db.execute("SELECT COALESCE(MAX(approved_order), 0) + 1 FROM contributions").fetchone()[0] if status == "approved" else None
            db.execute("UPDATE contributions SET status = ?, decided = ?, approved_order = ? WHERE row_id = ?", (status, time.time(), order, row_id))
            self.bump(db)
        return True

    # -- rating rounds ---------------------------------------------------------------------------------------
    def open_round(self, rows: list[str]) -> int:
        with self.tx() as db:
            db.execute("UPDATE rounds SET closed = ? WHERE closed IS NULL", (time.time(),))
            cur = db.execute("INSERT INTO rounds (rows, opened) VALUES (?, ?)", (json.dumps(rows), time.time()))
            self.bump(db)
            return int(cur.lastrowid or 0)

    def close_round(self) -> bool:
        with self.tx() as db:
            n = db.execute("UPDATE rounds SET closed = ? WHERE closed IS NULL", (time.time(),)).rowcount
            self.bump(db)
        return n > 0

    def current_round(self) -> sqlite3.Row | None:
        """The open round, or else the last one (closed)."""
        rows = self.query("SELECT * FROM rounds ORDER BY closed IS NULL DESC, seq DESC LIMIT 1")
        return rows[0] if rows else None

    def rate(self, round_: int, student: str, row_id: str, verdict: str, strength: int | None, comment: str) -> bool:
        """Record or change a rating; False when the round is not open (any more)."""
        with self.tx() as db:
            if not db.execute("SELECT 1 FROM rounds WHERE seq = ? AND closed IS NULL", (round_,)).fetchone():
                return False
            db.execute(
                "INSERT INTO ratings (round, student, row_id, verdict, strength, comment, updated) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (round, student, row_id) DO UPDATE SET verdict = excluded.verdict, strength = excluded.strength,"
                " comment = excluded.comment, updated = excluded.updated",
                (round_, student, row_id, verdict, strength, comment, time.time()),
            )
            self.bump(db)
        return True

    def ratings(self, round_: int | None = None) -> list[sqlite3.Row]:
        """Ratings with the rater's pseudonym, of one round or all (round order)."""
        sql = "SELECT r.*, s.pseudonym FROM ratings r JOIN students s ON s.token = r.student"
        if round_ is None:
            return self.query(sql + " ORDER BY r.round, r.updated")
        return self.query(sql + " WHERE r.round = ? ORDER BY r.updated", (round_,))
