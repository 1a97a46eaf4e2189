"""The teacher's routes, all under ``/t/SECRET/``: the start page, the projector, moderation, rounds and the outcome.

A wrong secret gets the same 404 as a page that does not exist.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from argmap.classroom.live import pages
from argmap.classroom.live.drawing import branch_svg, outcome_view, tally, tally_svg
from argmap.classroom.live.session import Session, clean
from argmap.classroom.live.web import Refused, body
from argmap.draw.style import BLACK, WHITE

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

__all__ = ["qr_svg", "teacher_routes"]


def qr_svg(url: str) -> str:
    """The join address as a QR code, an inline SVG element (segno, pure Python)."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=6, dark=BLACK, light=WHITE, title="QR code: " + url, omitsize=True)


def _row(session: Session, c) -> dict:
    return {
        "id": c["row_id"],
        "group": c["grp"],
        "kind": c["kind"],
        "type": c["type"],
        "text": c["text"],
        "parent": c["parent"],
        "relation": c["relation"],
        "same_as": c["same_as"],
        "quote": c["quote"],
        "paragraph": c["paragraph"],
        "status": c["status"],
    }


def teacher_routes(session: Session, join_url: str | None = None) -> list[Route]:
    """The routes; ``join_url`` is the address students open (default: this server's address as the teacher sees it)."""
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    store = session.store

    def allowed(request: Request) -> None:
        given = request.path_params.get("secret", "")
        if not secrets.compare_digest(given.encode(), session.secret.encode()):
            raise Refused(404, "not found")

    def address(request: Request) -> str:
        base = join_url or str(request.base_url).rstrip("/")
        return f"{base}/?code={session.code}"

    def home(request: Request) -> Response:
        allowed(request)
        url = address(request)
        return HTMLResponse(pages.teacher_page(session, url, qr_svg(url)))

    def projector(request: Request) -> Response:
        allowed(request)
        url = address(request)
        return HTMLResponse(pages.projector_page(session, url, qr_svg(url)))

    def moderate(request: Request) -> Response:
        allowed(request)
        return HTMLResponse(pages.moderation_page(session))

    def state(request: Request) -> Response:
        allowed(request)
        rows = [_row(session, c) for c in store.contributions()]
        amap = session.current_map()
        boxes = [{"id": i, "text": amap[i].get("text", ""), "origin": amap[i].get("origin", "")} for i in session.boxes()]
        students = store.query("SELECT grp, COUNT(*) AS n FROM students GROUP BY grp")
        return JSONResponse(
            {
                "version": store.version(),
                "pending": [r for r in rows if r["status"] == "pending"],
                "approved": [r for r in rows if r["status"] == "approved"],
                "rejected": sum(r["status"] == "rejected" for r in rows),
                "students": {r["grp"]: r["n"] for r in students},
                "boxes": boxes,
                "tally": tally(session),
            }
        )

    def version(request: Request) -> Response:
        allowed(request)
        return JSONResponse({"version": store.version(), "map": store.map_version()})

    def map_svg(request: Request) -> Response:
        allowed(request)
        return Response(branch_svg(session), media_type="image/svg+xml")

    def chart(request: Request) -> Response:
        allowed(request)
        return Response(tally_svg(tally(session)), media_type="image/svg+xml")

    def outcome(request: Request) -> Response:
        allowed(request)
        return JSONResponse(outcome_view(session))

    async def decide(request: Request) -> Response:
        allowed(request)
        data = await body(request)
        row_id, action = clean(data.get("id"), "id"), clean(data.get("action"), "id")
        c = store.contribution(row_id)
        if c is None or c["status"] != "pending":
            raise Refused(409, f"{row_id} is not waiting for a decision")
        if action == "reject":
            store.decide(row_id, "rejected")
            return JSONResponse({"ok": True, "id": row_id, "status": "rejected"})
        if action != "approve":
            raise Refused(422, "action is approve or reject")
        given = data.get("edits")
        edits: dict = given if isinstance(given, dict) else {}
        wanted = {k: edits.get(k, c[k]) for k in ("kind", "parent", "relation", "text", "same_as", "quote")}
        checked = session.check(c["grp"], wanted, row_id=row_id)
        if checked.problems:
            return JSONResponse({"ok": False, "problems": checked.messages()}, status_code=422)
        row = checked.row
        store.decide(row_id, "approved", {k: row[k] for k in ("type", "text", "parent", "relation", "same_as", "quote", "paragraph")})
        return JSONResponse({"ok": True, "id": row_id, "status": "approved"})

    async def round_(request: Request) -> Response:
        allowed(request)
        data = await body(request)
        action = clean(data.get("action"), "id")
        if action == "close":
            return JSONResponse({"ok": store.close_round()})
        if action != "open":
            raise Refused(422, "action is open or close")
        boxes = session.boxes()
        asked = data.get("rows")
        rows = [r for r in asked if r in boxes] if isinstance(asked, list) else boxes
        if not rows:
            raise Refused(422, "choose at least one row of the branch to rate")
        return JSONResponse({"ok": True, "round": store.open_round(rows), "rows": rows})

    prefix = "/t/{secret}"
    return [
        Route(prefix, home),
        Route(prefix + "/projector", projector),
        Route(prefix + "/moderate", moderate),
        Route(prefix + "/api/state", state),
        Route(prefix + "/api/version", version),
        Route(prefix + "/map.svg", map_svg),
        Route(prefix + "/tally.svg", chart),
        Route(prefix + "/api/outcome", outcome),
        Route(prefix + "/api/decide", decide, methods=["POST"]),
        Route(prefix + "/api/round", round_, methods=["POST"]),
    ]
