"""HTTP pieces shared by the students' and the teacher's routes: refusals as JSON, reading a bounded JSON body, safety headers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from argmap.core.errors import ArgmapError
from argmap.core.jsontext import parse_json

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["HEADERS", "MAX_BODY", "Refused", "SafetyHeaders", "body", "client_ip"]

MAX_BODY = 8192
#: A request is a flat object (a contribution, a rating, a decision): anything deeper is refused.
MAX_DEPTH = 8
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class Refused(Exception):
    """An answer other than 200, as JSON: ``{"error": message}`` plus extra fields."""

    def __init__(self, status: int, message: str, **extra) -> None:
        super().__init__(message)
        self.status, self.extra = status, {"error": message, **extra}


class SafetyHeaders:
    """ASGI middleware adding :data:`HEADERS` to every answer (no referrer: the teacher's secret is in the URL)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        from starlette.datastructures import MutableHeaders

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for k, v in HEADERS.items():
                    headers.setdefault(k, v)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "?"


async def body(request: Request) -> dict:
    """The JSON object sent, refusing bodies over ``MAX_BODY`` bytes."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY:
        raise Refused(413, f"request too large (over {MAX_BODY} bytes)")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise Refused(413, f"request too large (over {MAX_BODY} bytes)")
    try:
        data = parse_json(raw or b"{}", "request", max_depth=MAX_DEPTH)
    except ArgmapError as e:
        raise Refused(400, f"send a JSON object ({str(e).removeprefix('request: ')})") from None
    if not isinstance(data, dict):
        raise Refused(400, "send a JSON object")
    return data
