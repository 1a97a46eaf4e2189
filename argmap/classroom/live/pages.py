"""The HTML pages: join, student, teacher, projector and moderation. Every value from the session or a student is escaped;
scripts and styles are served from ``static/`` (the pages' Content-Security-Policy allows no inline script).
"""

from __future__ import annotations

from html import escape
from importlib import resources
from typing import TYPE_CHECKING

from argmap.classroom.live.session import KINDS, LIMITS, Session

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

__all__ = ["join_page", "moderation_page", "projector_page", "static", "student_page", "teacher_page"]

_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
_NAMES = {"live.css", "student.js", "teacher.js"}


def static(request: Request) -> Response:
    from starlette.responses import Response

    name = request.path_params["name"]
    if name not in _NAMES:
        return Response("not found", status_code=404, media_type="text/plain")
    text = resources.files("argmap.classroom.live").joinpath("static", name).read_text(encoding="utf-8")
    return Response(text, media_type=_TYPES["." + name.rsplit(".", 1)[1]], headers={"Cache-Control": "no-cache"})


def _page(title: str, body: str, script: str = "", data: dict[str, str] | None = None) -> str:
    attrs = "".join(f' data-{k}="{escape(v)}"' for k, v in (data or {}).items())
    tag = f'<script src="/static/{script}" defer></script>' if script else ""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{escape(title)}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/static/live.css">{tag}</head>'
        f"<body{attrs}>{body}</body></html>"
    )


def _title(session: Session) -> str:
    amap = session.current_map()
    what = f"branch {session.branch}: {amap[session.branch].get('text', '')}" if session.branch in amap else "the whole map"
    return f"{session.source.title} — {what}"


def join_page(session: Session, code: str = "") -> str:
    groups = "".join(f'<option value="{escape(g)}">group {escape(g)}</option>' for g in session.groups)
    body = f"""<main class="narrow"><h1>Join the class</h1><p class="muted">{escape(_title(session))}</p>
<form id="join" autocomplete="off">
<label>Class code (on the projector)<input name="code" value="{escape(code)}" maxlength="{LIMITS["code"]}" required autocapitalize="characters"></label>
<label>A pseudonym: not your name, nothing that tells who you are (e.g. heron, r07)
<input name="pseudonym" maxlength="{LIMITS["pseudonym"]}" required pattern="[A-Za-z0-9][A-Za-z0-9 _.\\-]{{0,23}}"></label>
<label>Your group<select name="group">{groups}</select></label>
<p class="err" data-for="form" role="alert"></p>
<button type="submit">Join</button></form>
<p class="muted">No account, no personal data: the teacher sees only your pseudonym.</p></main>"""
    return _page("Join the class", body, "student.js", {"page": "join"})


def student_page(session: Session, student) -> str:
    kinds = "".join(
        f'<option value="{k}">{"a supporting reason" if k == "reason" else "a restatement" if k == "restatement" else "an " + k}</option>' for k in KINDS
    )
    body = f"""<header><b>{escape(student["pseudonym"])}</b> · group {escape(student["grp"])}
<span class="muted">{escape(_title(session))}</span></header>
<main>
<section><h2>The map</h2><div id="map" class="map" aria-live="polite"></div></section>
<section><h2>The boxes and the author's words</h2><ul id="boxes" class="boxes"></ul></section>
<section id="rate"><h2>Rate</h2><div id="round"><p class="muted">No rating round is open yet.</p></div></section>
<section><h2>Add to the map (as group {escape(student["grp"])})</h2>
<form id="add" autocomplete="off" novalidate>
<label>To the box<select name="parent" id="parent"></select></label><p class="err" data-for="parent"></p>
<label>Add<select name="kind">{kinds}</select></label><p class="err" data-for="kind"></p>
<label>How it bears on the box<select name="relation"></select></label><p class="err" data-for="relation"></p>
<label class="for-text">In your words<textarea name="text" maxlength="{LIMITS["text"]}" rows="3"></textarea></label><p class="err" data-for="text"></p>
<label class="for-same" hidden>It restates the box<select name="same_as"></select></label><p class="err" data-for="same_as"></p>
<label>Optional: the article's words it rests on (copied exactly)<textarea name="quote" maxlength="{LIMITS["quote"]}" rows="2"></textarea></label>
<p class="err" data-for="quote"></p><p class="err" data-for="form" role="alert"></p>
<button type="submit">Send to the teacher</button> <span id="sent" role="status"></span></form></section>
<section><h2>What you sent</h2><ul id="mine"></ul></section>
</main>"""
    return _page("Class session", body, "student.js", {"page": "student"})


def _links(secret: str) -> str:
    base = f"/t/{escape(secret)}"
    return f'<nav><a href="{base}">Start</a> · <a href="{base}/projector">Projector</a> · <a href="{base}/moderate">Moderation</a></nav>'


def teacher_page(session: Session, url: str, qr: str) -> str:
    body = f"""<header>{_links(session.secret)}</header><main>
<h1>Class session: {escape(_title(session))}</h1>
<div class="join"><div class="qr">{qr}</div><div><p>Students open</p><p class="url"><a href="{escape(url)}">{escape(url)}</a></p>
<p>Class code</p><p class="code" id="code">{escape(session.code)}</p></div></div>
<p>Keep this page's address to yourself: it is the teacher's key. Project the <a href="/t/{escape(session.secret)}/projector">projector page</a>;
approve rows on the <a href="/t/{escape(session.secret)}/moderate">moderation page</a> (on your own screen).</p>
<p>After class: <code>.venv/bin/argmap class export {escape(str(session.store.path))} -o classroom</code> writes one overlay CSV per group that joined (header only when none of its rows was approved) and
<code>ratings.csv</code>, for <code>argmap validate --with</code>, <code>argmap ratings</code> and notebook 90.</p></main>"""
    return _page("Class session (teacher)", body)


def projector_page(session: Session, url: str, qr: str) -> str:
    body = f"""<header class="proj">{_links(session.secret)}<span class="code">Code <b>{escape(session.code)}</b></span>
<span class="url">{escape(url)}</span><span class="qr small">{qr}</span></header>
<main class="wide"><h1>{escape(_title(session))}</h1>
<div id="map" class="map big" aria-live="polite"></div>
<section><h2>Ratings</h2><div id="tally"></div></section>
<section><button id="show-outcome" type="button">Show the outcome with the class's rows</button><div id="outcome"></div></section></main>"""
    return _page("Projector", body, "teacher.js", {"page": "projector", "base": f"/t/{session.secret}"})


def moderation_page(session: Session) -> str:
    body = f"""<header>{_links(session.secret)}</header><main>
<h1>Moderation <span class="muted" id="counts"></span></h1>
<p class="muted">Nothing appears on the projector until you approve it. Edit the wording or the link first if you like: it is checked again.</p>
<section><h2>Waiting</h2><ul id="pending" class="cards"></ul></section>
<section><h2>Rating round</h2><div id="round-state"></div>
<details><summary>Rows to rate</summary><div id="round-rows"></div></details>
<button id="open-round" type="button">Open a new round</button> <button id="close-round" type="button">Close the round</button>
<div id="tally"></div></section>
<section><h2>Approved</h2><ul id="approved"></ul></section></main>"""
    return _page("Moderation", body, "teacher.js", {"page": "moderate", "base": f"/t/{session.secret}"})
