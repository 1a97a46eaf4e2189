"""Starting a class session: the database (new or resumed), the addresses to print, and uvicorn on them."""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from pathlib import Path

from argmap.classroom.live.session import Session
from argmap.classroom.live.store import Store
from argmap.core.errors import ArgmapError

__all__ = ["Started", "default_db", "lan_address", "open_session", "serve"]


def default_db(folder: str | Path = "class-sessions") -> Path:
    """A new database file per session, named by the time it starts: ``class-sessions/session-YYYYMMDD-HHMMSS.sqlite``."""
    return Path(folder) / time.strftime("session-%Y%m%d-%H%M%S.sqlite")


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent: connecting a UDP socket only picks a route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


@dataclass
class Started:
    session: Session
    resumed: bool


def open_session(db: str | Path, *, claims: str | Path, branch: str | None, groups: list[str]) -> Started:
    """The session in ``db``: resumed as it was when the file holds one (its claims, branch and groups win), else new."""
    path = Path(db)
    if path.exists() and path.is_dir():
        raise ArgmapError(f"{path}: is a folder, not a session database")
    if path.exists():
        if not Store.is_session(path):
            raise ArgmapError(f"{path}: not a class session database; name a new file or one `argmap class start` made")
        store, resumed = Store(path), True
    else:
        from argmap.core.load import load

        amap = load(claims)  # a broken map or a wrong branch leaves no database file behind
        if branch and branch not in amap:
            raise ArgmapError(f"--branch {branch}: no row has this id in {claims}")
        store, resumed = Store(path), False
    try:
        if not resumed:
            store.create(branch=branch or "", claims=str(Path(claims).resolve()), groups=groups)
        session = Session(store)
    except BaseException:
        store.close()  # a map or source that no longer loads: the database is left as it was, with no -wal or -shm beside it
        raise
    if branch and resumed and branch != session.branch:
        raise ArgmapError(f"{path}: this session is about branch {session.branch or '(whole map)'}; start a new session (another --db) for {branch}")
    if session.branch and session.branch not in session.current_map():
        raise ArgmapError(f"--branch {session.branch}: no row has this id in {session.claims}")
    return Started(session, resumed)


def serve(session: Session, host: str, port: int, join_url: str) -> None:
    """Run the application under uvicorn until interrupted."""
    import uvicorn

    from argmap.classroom.live.app import create_app
    from argmap.classroom.live.drawing import branch_svg

    branch_svg(session)  # start the drawing worker and draw the branch now, so the first pages open at once
    app = create_app(session, join_url=join_url)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, server_header=False, timeout_keep_alive=30)  # phones poll every 3 s
