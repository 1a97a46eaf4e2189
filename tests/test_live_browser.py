"""``argmap class`` in Debian's Chromium: one teacher and three students, each in a browser of their own, on a real uvicorn server."""

from __future__ import annotations

import csv
import socket
import threading
import time
from pathlib import Path

import pytest

from tests.browser_support import needs_chromium
from tests.helpers import ROOT

for _module in ("starlette", "uvicorn", "segno"):
    pytest.importorskip(_module, reason=f"{_module} is not installed: run make setup (it is in requirements.txt)")

pytestmark = [needs_chromium, pytest.mark.browser]
WAIT = 20
POLL = 0.05  # seconds between two looks at the page (WebDriverWait looks every 0.5 s unless told)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A class session on branch R3 with groups a and b, served by uvicorn on 127.0.0.1."""
    import uvicorn

    from argmap.classroom.live.app import create_app
    from argmap.classroom.live.server import open_session

    session = open_session(tmp_path_factory.mktemp("live") / "s.sqlite", claims=ROOT / "claims.csv", branch="R3", groups=["a", "b"]).session
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(session), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + WAIT
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield session, f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


def _chromium(profile: Path):
    from argmap.site.chromium import chromium

    driver = chromium(420, 900, str(profile), logs=("browser",))  # a phone's width; its own profile: its own cookies
    driver.set_page_load_timeout(30)
    return driver


@pytest.fixture(scope="module")
def browsers(tmp_path_factory):
    drivers = {}
    try:
        for name in ("teacher", "heron", "otter", "wren"):
            drivers[name] = _chromium(tmp_path_factory.mktemp(f"chromium-{name}"))
        yield drivers
    finally:
        for d in drivers.values():
            d.quit()


def _wait(driver, condition, message: str):
    """Wait for ``condition``; the pages redraw by polling, so an element found a moment ago may be gone (stale) or not yet there."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT, poll_frequency=POLL, ignored_exceptions=(StaleElementReferenceException, IndexError)).until(condition, message)


def _now(driver, act, message: str = "the page kept redrawing under the test"):
    """``act(driver)`` (a click, a read), done again if a redraw made its element stale; its value, even a falsy one."""
    return _wait(driver, lambda d: (act(d),), message)[0]


def _css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _join(driver, url: str, name: str, group: str) -> None:
    from selenium.webdriver.support.ui import Select

    driver.get(url)
    _css(driver, 'input[name="pseudonym"]')[0].send_keys(name)
    Select(_css(driver, 'select[name="group"]')[0]).select_by_value(group)
    _css(driver, '#join button[type="submit"]')[0].click()
    _wait(driver, lambda d: d.current_url.endswith("/s") and _css(d, "#map svg"), f"{name} did not reach the student page with its map")


def _send(driver, parent: str, kind: str, text: str, quote: str = "") -> str:
    from selenium.webdriver.support.ui import Select

    _now(driver, lambda d: Select(_css(d, "#parent")[0]).select_by_value(parent))
    _now(driver, lambda d: Select(_css(d, 'select[name="kind"]')[0]).select_by_value(kind))
    _css(driver, 'textarea[name="text"]')[0].send_keys(text)
    if quote:
        _css(driver, 'textarea[name="quote"]')[0].send_keys(quote)
    _now(driver, lambda d: _css(d, '#add button[type="submit"]')[0].click())
    return _wait(driver, lambda d: "sent (" in _css(d, "#sent")[0].text and _css(d, "#sent")[0].text, "the student never saw 'sent'")


def _rate(driver, row: str, verdict: str, strength: str) -> None:
    from selenium.webdriver.support.ui import Select

    _wait(driver, lambda d: _css(d, f'.rate-row[data-id="{row}"] input[value="{verdict}"]'), f"row {row} is not offered for rating")
    _now(driver, lambda d: _css(d, f'.rate-row[data-id="{row}"] input[value="{verdict}"]')[0].click())
    _now(driver, lambda d: Select(_css(d, f'.rate-row[data-id="{row}"] select')[0]).select_by_value(strength))
    _wait(driver, lambda d: _css(d, f'.rate-row[data-id="{row}"] .saved')[0].text == "saved", f"the rating of {row} was not saved")


def test_two_students_send_the_teacher_moderates_the_projector_shows_only_the_approved_row(server, browsers, tmp_path):
    session, base = server
    teacher = browsers["teacher"]
    teacher.set_window_size(1400, 1000)
    teacher.get(f"{base}/t/{session.secret}/projector")
    _wait(teacher, lambda d: _css(d, "#map svg g.node"), "the projector shows no map")
    teacher.execute_script("window.notReloaded = true")
    projector = teacher.current_window_handle
    teacher.switch_to.new_window("tab")
    teacher.get(f"{base}/t/{session.secret}/moderate")
    moderation = teacher.current_window_handle

    join = f"{base}/?code={session.code}"
    _join(browsers["heron"], join, "heron", "a")
    _join(browsers["otter"], join, "otter", "b")
    _join(browsers["wren"], join, "wren", "a")

    heron = browsers["heron"]  # the live check: a quote that is not the article's words is flagged next to the field
    heron.find_element("css selector", 'textarea[name="quote"]').send_keys("Armenia should refuse to sign a vague deal")
    _wait(heron, lambda d: "is not verbatim in the source" in _css(d, '.err[data-for="quote"]')[0].text, "no live check next to the quote")
    heron.find_element("css selector", 'textarea[name="quote"]').clear()
    assert "sent (GA1" in _send(heron, "R3", "objection", "Refusing may let Baku call Armenia the side blocking peace")
    assert "sent (GB1" in _send(browsers["otter"], "E17", "assumption", "Signing in 2022 bound nobody <b>bold</b>")

    teacher.switch_to.window(moderation)
    _wait(teacher, lambda d: len(_css(d, "#pending li[data-id]")) == 2, "the moderation page does not list both contributions")
    _now(teacher, lambda d: _css(d, '#pending li[data-id="GA1"] button.approve')[0].click())
    _wait(teacher, lambda d: _css(d, '#approved li[data-id="GA1"]'), "GA1 was not approved")
    _now(teacher, lambda d: _css(d, '#pending li[data-id="GB1"] button.reject')[0].click())
    _wait(teacher, lambda d: not _css(d, '#pending li[data-id="GB1"]'), "GB1 was not rejected")

    teacher.switch_to.window(projector)
    _wait(teacher, lambda d: _css(d, "#map svg g#GA1"), "the projector did not redraw with the approved row")
    class_rows = _now(teacher, lambda d: [g.get_attribute("id") for g in _css(d, "#map svg g.node") if "group-" in (g.get_attribute("class") or "")])
    assert class_rows == ["GA1"]
    drawn = _now(teacher, lambda d: " ".join(_css(d, "#map svg g#GA1")[0].get_attribute("textContent").split()))
    assert "Refusing may let Baku call Armenia the side blocking peace" in drawn
    assert teacher.execute_script("return window.notReloaded") is True

    teacher.switch_to.window(moderation)
    _now(teacher, lambda d: _css(d, "#open-round")[0].click())
    _wait(teacher, lambda d: "Round 1 is open" in _css(d, "#round-state")[0].text, "the round did not open")
    for name, verdict, strength in (("heron", "accept", "4"), ("otter", "reject", "2"), ("wren", "unsure", "3")):
        _rate(browsers[name], "R3", verdict, strength)
    _rate(browsers["wren"], "GA1", "accept", "5")
    assert _now(browsers["otter"], lambda d: [e.get_attribute("data-status") for e in _css(d, "#mine li")]) == ["rejected"]

    teacher.switch_to.window(projector)
    _wait(teacher, lambda d: "3 raters" in _css(d, "#tally svg")[0].get_attribute("textContent"), "the projector's tally does not count three raters")
    bar = _now(teacher, lambda d: _css(d, '#tally g.bar[data-id="R3"]')[0].get_attribute("innerHTML"))
    assert all(f"<title>{v}: 1</title>" in bar for v in ("accept", "reject", "unsure"))
    assert teacher.execute_script("return window.notReloaded") is True
    severe = [e["message"] for d in browsers.values() for e in d.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe

    from argmap.classroom.live.export import export

    export(session, tmp_path)
    with open(tmp_path / "ratings.csv", encoding="utf-8") as fh:
        rows = {(r["rater"], r["id"], r["verdict"], r["strength"]) for r in csv.DictReader(fh)}
    assert rows == {("heron", "R3", "accept", "4"), ("otter", "R3", "reject", "2"), ("wren", "R3", "unsure", "3"), ("wren", "GA1", "accept", "5")}
    assert (tmp_path / "group-a.csv").read_text(encoding="utf-8").count("\nGA1,") == 1
    assert len((tmp_path / "group-b.csv").read_text(encoding="utf-8").splitlines()) == 1  # otter's row was rejected: header only
