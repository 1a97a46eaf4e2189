"""The HTML reader and the SVG maps in a real browser: Debian's Chromium, driven by Selenium."""

from __future__ import annotations

import functools
import http.server
import io
import shutil
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="no Chromium on this machine: `make browser` installs Debian's chromium and chromium-driver (needs apt-get as root)",
)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The reader, built from the committed notebooks and figures, served on localhost."""
    from argmap.site.reader import build_reader

    root = tmp_path_factory.mktemp("site")
    build_reader(ROOT / "notebooks", ROOT / "figures", root)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _errors(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]


def _not_blank(png: bytes) -> float:
    import matplotlib.image

    pixels = matplotlib.image.imread(io.BytesIO(png), format="png")
    return float(pixels[..., :3].std())


def test_index_loads_without_console_errors_and_shows_the_map(browser, site):
    browser.get(f"{site}/index.html")
    assert "Armenia–Azerbaijan" in browser.title
    img = browser.find_element("css selector", "img")
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img) > 1000
    assert _errors(browser) == []
    assert _not_blank(browser.get_screenshot_as_png()) > 0.05


def test_every_notebook_page_loads_without_console_errors(browser, site):
    browser.get(f"{site}/index.html")
    pages = [a.get_attribute("href") for a in browser.find_elements("css selector", "ol a")]
    assert len(pages) == len(list((ROOT / "notebooks").glob("[0-9]*.ipynb")))
    for page in pages:
        browser.get(page)
        assert browser.find_elements("css selector", ".jp-Cell"), page
        assert _errors(browser) == [], page


def test_hovering_a_node_of_the_svg_map_shows_its_quote(browser, site):
    from selenium.webdriver import ActionChains

    import argmap

    row = argmap.load(ROOT / "claims.csv")["R3"]
    browser.get(f"{site}/figures/map.svg")
    node = browser.find_element("css selector", "g#R3 polygon, g#R3 path")
    ActionChains(browser).move_to_element(node).perform()
    title = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
        "const a = hit && hit.closest('a');"
        "return a && a.getAttributeNS('http://www.w3.org/1999/xlink', 'title');",
        node,
    )
    assert title == f"¶{row['paragraph']}: “{row['quote']}”"
    assert _errors(browser) == []
    assert _not_blank(browser.get_screenshot_as_png()) > 0.05
