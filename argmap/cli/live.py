"""``argmap class``: start a live class session, or export one as the overlay and ratings files the project reads."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from argmap.core.errors import ArgmapError, UsageError

__all__ = ["add_class"]

_GROUP = re.compile(r"[a-z0-9]{1,12}")


def _groups(value: str) -> list[str]:
    out = [g.strip().lower() for g in value.split(",") if g.strip()]
    bad = [g for g in out if not _GROUP.fullmatch(g)]
    if bad or not out or len(set(out)) != len(out):
        raise argparse.ArgumentTypeError(f"{value!r}: give distinct group names of 1–12 lower-case letters or digits, comma-separated (e.g. a,b,c)")
    return out


def _port(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port number (1–65535)")
    return int(value)


def add_class(sub: argparse._SubParsersAction) -> None:
    """Add ``argmap class start`` and ``argmap class export`` to the command line."""
    p = sub.add_parser(
        "class",
        help="run a live class session: students add rows and rate from their phones",
        description="A live class session on this computer: students join from their phones with a class code and a pseudonym, "
        "add objections, assumptions, reasons and restatements to the branch (checked as `argmap validate` checks), and rate "
        "the rows you open for rating; you approve what reaches the projector. Everything is kept in one SQLite file.",
    )
    cmds = p.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    s = cmds.add_parser(
        "start",
        help="start (or resume) a session and serve it",
        description="Start a session and serve it until Ctrl+C. Prints the join address, a QR code, the class code and the "
        "teacher's address (keep it to yourself). Listens on this computer only (127.0.0.1) unless --lan is given. "
        "With --db naming an existing session file, the session resumes as it was.",
    )
    s.add_argument("--claims", metavar="CLAIMS", default="claims.csv", help="the claims CSV (default: claims.csv)")
    s.add_argument("--branch", metavar="ID", help="the branch under discussion (default: the whole map)")
    s.add_argument("--groups", metavar="LIST", type=_groups, default=["a", "b", "c", "d"], help="the groups students choose from (default: a,b,c,d)")
    s.add_argument("--port", metavar="N", type=_port, default=8765, help="port to listen on (default: 8765)")
    s.add_argument("--lan", action="store_true", help="listen on the local network too, so phones on the same Wi-Fi can join")
    s.add_argument("--db", metavar="FILE", help="the session's database (default: a new class-sessions/session-DATE-TIME.sqlite)")
    s.set_defaults(func=_start)
    e = cmds.add_parser(
        "export",
        help="write a session's group overlay CSVs and ratings.csv",
        description="Write one overlay CSV per group (group-X.csv; header only for a group that joined but has no approved row) "
        "and ratings.csv into DIR, in the formats "
        "`argmap validate --with` and `argmap ratings` read. Files are written atomically and only when changed; cells a "
        "spreadsheet would run as formulas get a leading apostrophe.",
    )
    e.add_argument("session", metavar="SESSION", help="the session's database file")
    e.add_argument("-o", "--output", metavar="DIR", required=True, help="folder for the files")
    e.add_argument("-q", "--quiet", action="store_true", help="print nothing but problems")
    e.set_defaults(func=_export)


def _start(args: argparse.Namespace) -> int:
    from argmap.classroom.live.server import default_db, lan_address, open_session, serve

    db = Path(args.db) if args.db else default_db()
    started = open_session(db, claims=args.claims, branch=args.branch, groups=args.groups)  # an invalid map: main prints its problems
    session = started.session
    host = "0.0.0.0" if args.lan else "127.0.0.1"
    shown = lan_address() if args.lan else "127.0.0.1"
    base = f"http://{shown}:{args.port}"
    join = f"{base}/?code={session.code}"
    import segno

    print(f"{'Resumed' if started.resumed else 'New'} class session: {db}  (branch {session.branch or 'whole map'}; groups {', '.join(session.groups)})")
    segno.make(join, error="m").terminal(compact=True)
    print(f"Students open:   {join}")
    print(f"Class code:      {session.code}")
    print(f"Teacher (keep this to yourself): {base}/t/{session.secret}")
    if not args.lan:
        print("Listening on this computer only; add --lan so phones on the same network can join.")
    print("Stop with Ctrl+C; `argmap class start --db " + str(db) + "` resumes it.", flush=True)
    try:
        serve(session, host, args.port, base)
    except OSError as err:
        raise UsageError(f"cannot listen on {host}:{args.port} ({err.strerror}); try another --port") from None
    return 0


def _export(args: argparse.Namespace) -> int:
    from argmap.classroom.live.export import export
    from argmap.classroom.live.server import open_session

    path = Path(args.session)
    if not path.is_file():
        raise ArgmapError(f"{path}: session database not found")
    session = open_session(path, claims="", branch=None, groups=[]).session
    counts = export(session, args.output)
    if not args.quiet:
        parts = ", ".join(
            f"{name} ({n} row{'s' if n != 1 else ''})" if n or name == "ratings.csv" else f"{name} (header only: no approved rows)"
            for name, n in counts.items()
        )
        print(f"{args.output}: {parts}")
    return 0
