"""What the reading site's browser tests share: Debian's Chromium (headless, via Selenium) and a person's click.

The tests are split over three modules (pages, the article's two panes, the other controls) so that the two test
workers share them; each module opens one browser and builds the site once (the ``site`` and ``browser`` fixtures of
conftest.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from argmap.site.chromium import DRIVER, FULL, SHELL

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "tests" / "vendor" / "axe.min.js"

needs_chromium = pytest.mark.skipif(
    not ((Path(FULL).exists() or Path(SHELL).exists()) and Path(DRIVER).exists()),
    reason="no Chromium on this machine: `make browser` installs Debian's chromium and chromium-driver (needs apt-get as root)",
)

#: Sizes a reader uses: a phone (iPhone 12-15, CSS pixels) and a laptop or projector window.
PHONE, DESKTOP = (390, 844), (1400, 1000)


def url(site: Path, page: str) -> str:
    name, _, fragment = page.partition("#")
    return (site / name).as_uri() + (f"#{fragment}" if fragment else "")


def open_page(browser, site: Path, page: str, size=DESKTOP) -> None:
    if tuple(browser.get_window_size().values()) != size:
        browser.set_window_size(*size)
    browser.get_log("browser"), browser.get_log("performance")  # start from an empty log
    browser.get(url(site, page) if not page.startswith("file:") else page)
    frame(browser)


def frame(browser) -> None:
    """Wait for the next drawn frame (svg-pan-zoom draws its state on an animation frame)."""
    browser.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def problems(browser) -> list[str]:
    """Console errors, failed requests, and any request that leaves the machine."""
    out = [f"console: {e['message']}" for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.loadingFailed":
            out.append(f"failed request: {msg['params'].get('errorText')}")
        elif msg["method"] == "Network.requestWillBeSent":
            address = msg["params"]["request"]["url"]
            if not address.startswith(("file:", "data:")):
                out.append(f"network request: {address}")
    return out


_AIM = """
const el = arguments[0], r = el.getClientRects()[0];
const x = r.left + r.width / 2, y = r.top + r.height / 2, hit = document.elementFromPoint(x, y);
return hit && (hit === el || el.contains(hit)) ? [x, y] : 'obscured by ' + (hit ? hit.outerHTML.slice(0, 80) : 'nothing');
"""


def click(browser, element) -> None:
    """A left click with the mouse, as WebDriver's element click makes it: moved to, pressed and released at the centre of
    the element's first box on screen, after checking that nothing covers that point. (The same input events through
    Chrome's DevTools protocol, without WebDriver's wait for a possible page load after every click.)"""
    aim = browser.execute_script(_AIM, element)
    assert isinstance(aim, list), f"cannot click {element.tag_name}: {aim}"
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        browser.execute_cdp_cmd("Input.dispatchMouseEvent", {"type": kind, "x": aim[0], "y": aim[1], "button": "left", "clickCount": 1})


def quoted_rows():
    """The article's map, and the ids of its rows with a quote, in the order of the article."""
    import argmap
    from argmap.analysis.reading import quote_spans

    amap = argmap.load(ROOT / "claims.csv")
    return amap, [s.id for s in quote_spans(amap)[0]]
