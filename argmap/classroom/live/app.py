"""The class session's web application (Starlette): the students' routes, and the app that mounts the teacher's.

Students join with the class code and a pseudonym and get a cookie; every answer that says "sent" or "saved"
leaves after the row is committed to the session's SQLite file.
"""

from __future__ import annotations

import json
import re
import secrets
from html import escape
from typing import TYPE_CHECKING

from argmap.classroom.live import pages
from argmap.classroom.live.drawing import branch_svg, tally
from argmap.classroom.live.limits import Limiter
from argmap.classroom.live.session import LIMITS, Session, clean
from argmap.classroom.live.web import Refused, SafetyHeaders, body, client_ip
from argmap.core.schema import schema

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["COOKIE", "create_app"]

COOKIE = "argmap_student"
PSEUDONYM = re.compile(r"[A-Za-z0-9][A-Za-z0-9 _.-]{0,23}")
NONCE = re.compile(r"[A-Za-z0-9_-]{8,64}")


def create_app(session: Session, limiter: Limiter | None = None, join_url: str | None = None) -> Starlette:
    """The application for ``session``; ``limiter`` sets the per-client rate limits (default: :data:`DEFAULT_LIMITS`),
    ``join_url`` the address students open (default: the one the teacher's browser uses)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
    from starlette.routing import Route

    limits = limiter or Limiter()
    store = session.store

    def limit(action: str, client: str) -> None:
        wait = limits.wait(action, client)
        if wait:
            raise Refused(429, f"too many requests; try again in {wait:.0f} s", retry_after=round(wait, 1))

    def student(request: Request, action: str = "read"):
        token = request.cookies.get(COOKIE, "")
        s = store.student(token) if 0 < len(token) <= 64 else None
        if s is None:
            raise Refused(401, "join the class first (the class code is on the projector)")
        limit(action, token)
        return s

    def join_page(request: Request) -> Response:
        code = clean(request.query_params.get("code", ""), "code").upper()
        return HTMLResponse(pages.join_page(session, code))

    async def join(request: Request) -> Response:
        limit("join", client_ip(request))
        data = await body(request)
        code = clean(data.get("code"), "code").upper()
        name = clean(data.get("pseudonym"), "pseudonym")
        group = clean(data.get("group"), "group")
        if not secrets.compare_digest(code.encode(), session.code.encode()):
            raise Refused(403, "that is not this class's code; check the projector", field="code")
        if not PSEUDONYM.fullmatch(name):
            raise Refused(
                422, "a pseudonym is 1–24 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit; not your real name", field="pseudonym"
            )
        if group not in session.groups:
            raise Refused(422, f"choose one of the groups: {', '.join(session.groups)}", field="group")
        token = store.join(name, group)
        if token is None:
            raise Refused(409, f"the pseudonym '{name}' is taken in this class; choose another", field="pseudonym")
        response = JSONResponse({"ok": True, "pseudonym": name, "group": group})
        response.set_cookie(COOKIE, token, max_age=12 * 3600, httponly=True, samesite="strict")
        return response

    def student_page(request: Request) -> Response:
        try:
            s = student(request)
        except Refused:
            return RedirectResponse("/", status_code=303)
        return HTMLResponse(pages.student_page(session, s))

    def state(request: Request) -> Response:
        s = student(request)
        amap = session.current_map()
        boxes = [{k: amap[i].get(k, "") for k in ("id", "type", "text", "quote", "paragraph", "origin", "same_as")} for i in session.boxes() if i in amap]
        mine = [
            {"id": c["row_id"], "status": c["status"], "text": c["text"] or f"restates {c['same_as']}"}
            for c in store.contributions()
            if c["student"] == s["token"]
        ]
        t = tally(session)
        rated = {}
        if t["round"] is not None:
            rated = {
                r["row_id"]: {"verdict": r["verdict"], "strength": r["strength"], "comment": r["comment"]}
                for r in store.ratings(t["round"])
                if r["student"] == s["token"]
            }
        rows = [{"id": r["id"], "text": r["text"]} for r in t["rows"]]
        return JSONResponse(
            {
                "version": store.version(),
                "map": store.map_version(),
                "boxes": boxes,
                "mine": mine,
                "round": {"seq": t["round"], "open": t["open"], "rows": rows, "mine": rated, "strength_required": strength_required},
            }
        )

    strength_required = bool(schema("ratings").field("strength").required)

    def map_svg(request: Request) -> Response:
        student(request)
        return Response(branch_svg(session), media_type="image/svg+xml")

    async def check(request: Request) -> Response:
        s = student(request, "check")
        checked = session.check(s["grp"], await body(request))
        return JSONResponse({"ok": not checked.problems, "problems": checked.messages()})

    async def contribute(request: Request) -> Response:
        s = student(request, "check")
        data = await body(request)
        nonce = str(data.get("nonce", ""))
        if not NONCE.fullmatch(nonce):
            raise Refused(422, "missing or malformed nonce (8–64 letters, digits, '_' or '-')", field="nonce")
        old = store.by_nonce(s["token"], nonce)
        if old is not None:  # the same form sent again (a retry): the first one stands
            return JSONResponse({"ok": True, "id": old["row_id"], "status": old["status"], "repeat": True})
        checked = session.check(s["grp"], data)
        if checked.problems:
            return JSONResponse({"ok": False, "problems": checked.messages()}, status_code=422)
        limit("send", s["token"])
        row, _ = store.add(s, nonce, clean(data.get("kind"), "id"), checked.row, set(session.current_map().ids))
        return JSONResponse({"ok": True, "id": row["row_id"], "status": row["status"]})

    async def rate(request: Request) -> Response:
        s = student(request, "rate")
        data = await body(request)
        rnd = store.current_round()
        row_id, verdict = clean(data.get("id"), "id"), clean(data.get("verdict"), "id")
        if rnd is None or rnd["closed"] is not None:
            raise Refused(409, "no rating round is open; the teacher opens one")
        if row_id not in json.loads(rnd["rows"]):
            raise Refused(422, f"'{row_id}' is not a row of this round", field="id")
        if verdict not in ("accept", "reject", "unsure"):
            raise Refused(422, "choose accept, reject or unsure", field="verdict")
        raw = data.get("strength")
        strength = None if raw in (None, "") else raw
        if strength is not None and not (isinstance(strength, int | str) and str(strength).isdigit() and 1 <= int(strength) <= 5):
            raise Refused(422, "strength is a whole number from 1 (barely) to 5 (decisively)", field="strength")
        if strength is None and (verdict != "unsure" or strength_required):
            raise Refused(422, "give a strength from 1 (barely) to 5 (decisively)", field="strength")
        if len(str(data.get("comment") or "")) > LIMITS["comment"]:
            raise Refused(422, f"keep the comment under {LIMITS['comment']} characters", field="comment")
        if not store.rate(rnd["seq"], s["token"], row_id, verdict, None if strength is None else int(strength), clean(data.get("comment"), "comment")):
            raise Refused(409, "the round has just closed; your earlier answers stand")
        return JSONResponse({"ok": True})

    from argmap.classroom.live.teacher import teacher_routes

    routes = [
        Route("/", join_page),
        Route("/api/join", join, methods=["POST"]),
        Route("/s", student_page),
        Route("/api/state", state),
        Route("/api/map.svg", map_svg),
        Route("/api/check", check, methods=["POST"]),
        Route("/api/contribute", contribute, methods=["POST"]),
        Route("/api/rate", rate, methods=["POST"]),
        Route("/static/{name}", pages.static),
        *teacher_routes(session, join_url),
    ]

    async def refused(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Refused)
        headers = {"Retry-After": str(max(1, round(exc.extra.get("retry_after", 1))))} if exc.status == 429 else None
        return JSONResponse(exc.extra, status_code=exc.status, headers=headers)

    async def not_found(request: Request, exc: Exception) -> Response:
        return HTMLResponse(f"<!doctype html><title>Not found</title><p>Nothing at {escape(request.url.path)}.</p>", status_code=404)

    app = Starlette(routes=routes, exception_handlers={Refused: refused, 404: not_found}, middleware=[Middleware(SafetyHeaders)])
    app.state.session = session
    return app
