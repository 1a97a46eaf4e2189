"""The reading site in a real browser (Debian's Chromium, headless, via Selenium), opened from file:// as from a USB stick.

One browser for the module. Every page is visited once per width; the checks that need a page (console, requests,
axe-core, sideways scrolling) share that visit.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
AXE = ROOT / "tests" / "vendor" / "axe.min.js"

pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(DRIVER).exists()),
    reason="no Chromium on this machine: `make browser` installs Debian's chromium and chromium-driver (needs apt-get as root)",
)

#: Sizes a reader uses: a phone (iPhone 12-15, CSS pixels) and a laptop or projector window.
PHONE, DESKTOP = (390, 844), (1400, 1000)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The site, built now from the repository's claims, figures and committed notebooks."""
    from argmap.site.reader import build_reader

    root = tmp_path_factory.mktemp("site")
    build_reader(ROOT / "notebooks", ROOT / "figures", root)
    return root


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from argmap.site.screenshot import chromium

    driver = chromium(*DESKTOP, profile=str(tmp_path_factory.mktemp("chromium")))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def _url(site: Path, page: str) -> str:
    name, _, fragment = page.partition("#")
    return (site / name).as_uri() + (f"#{fragment}" if fragment else "")


def _open(browser, site: Path, page: str, size=DESKTOP) -> None:
    if tuple(browser.get_window_size().values()) != size:
        browser.set_window_size(*size)
    browser.get_log("browser"), browser.get_log("performance")  # start from an empty log
    browser.get(_url(site, page) if not page.startswith("file:") else page)
    browser.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _problems(browser) -> list[str]:
    """Console errors, failed requests, and any request that leaves the machine."""
    out = [f"console: {e['message']}" for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    for entry in browser.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.loadingFailed":
            out.append(f"failed request: {msg['params'].get('errorText')}")
        elif msg["method"] == "Network.requestWillBeSent":
            url = msg["params"]["request"]["url"]
            if not url.startswith(("file:", "data:")):
                out.append(f"network request: {url}")
    return out


_SIDEWAYS = """
const doc = document.documentElement, out = [];
if (doc.scrollWidth > doc.clientWidth + 1) out.push('page is ' + doc.scrollWidth + ' px wide in ' + doc.clientWidth);
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('.map-pane')) continue;
  const s = getComputedStyle(el);
  if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1)
    out.push(el.tagName + '.' + el.className + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
}
return out;
"""

_AXE = """
const done = arguments[arguments.length - 1];
// the inside of an SVG with role="img" is presentational (one image, named by its aria-label), so it is not audited
axe.run({exclude: [['svg[role=img] > *']]}, {resultTypes: ['violations']}).then(r => done(r.violations
  .filter(v => v.impact === 'serious' || v.impact === 'critical')
  .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))));
"""


def _pages(site: Path) -> list[str]:
    return sorted(p.name for p in site.glob("*.html"))


@pytest.fixture(scope="module")
def visits(browser, site) -> dict[tuple[str, tuple[int, int]], dict[str, list[str]]]:
    """Every page at both widths: its console and network problems, sideways scrolling, and axe-core's serious findings."""
    out = {}
    axe = AXE.read_text(encoding="utf-8")
    browser.set_script_timeout(60)
    for size in (DESKTOP, PHONE):
        for page in _pages(site):
            _open(browser, site, page, size)
            seen = {"problems": _problems(browser), "sideways": browser.execute_script(_SIDEWAYS)}
            if size == DESKTOP:
                browser.execute_script(axe)
                seen["axe"] = browser.execute_async_script(_AXE)
            out[page, size] = seen
    return out


def test_every_page_loads_offline_without_errors_or_failed_requests(visits, site):
    assert len(_pages(site)) >= 25
    bad = {f"{p} at {s[0]} px": v["problems"] for (p, s), v in visits.items() if v["problems"]}
    assert bad == {}


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["390x844", "1400x1000"])
def test_no_page_scrolls_sideways_outside_the_map_pane(visits, size):
    bad = {p: v["sideways"] for (p, s), v in visits.items() if s == size and v["sideways"]}
    assert bad == {}


def test_axe_finds_no_serious_or_critical_violation_on_any_page(visits):
    assert AXE.read_text(encoding="utf-8")[:40].startswith("/*! axe v4.14.1")  # the pinned version
    bad = {p: v["axe"] for (p, s), v in visits.items() if v.get("axe")}
    assert bad == {}


def _quoted_rows():
    import argmap
    from argmap.analysis.reading import quote_spans

    amap = argmap.load(ROOT / "claims.csv")
    return amap, [s.id for s in quote_spans(amap)[0]]


_PASSAGE = """
const row = arguments[0];
const mark = [...document.querySelectorAll('.article mark[data-ids]')].find(m => m.dataset.ids.split(' ').pop() === row);
const el = mark || document.querySelector(`.article .badge[data-id="${row}"]`);
el.scrollIntoView({block: 'center'});
return el;
"""

_BOX_SHOWN = """
const [row, done] = [arguments[0], arguments[arguments.length - 1]];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const box = document.querySelector(`g.node[data-row="${row}"]`), pane = document.querySelector('.map-pane');
  const ok = box.classList.contains('hl') && inView(box, pane);
  const a = document.querySelector('.article');  // scroll the article away from the passage before the box is clicked
  a.scrollTop = a.scrollTop > a.scrollHeight / 2 ? 0 : a.scrollHeight;
  done([ok, box]);
}));
function inView(el, frame) {
  const b = frame.getBoundingClientRect(), r = el.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
  return x >= b.left && x <= b.right && y >= b.top && y <= b.bottom;
}
"""

_PASSAGE_SHOWN = """
const row = arguments[0], a = document.querySelector('.article'), b = a.getBoundingClientRect();
const marked = [...document.querySelectorAll('.article mark.hl')];
if (!marked.length || !marked.every(m => m.dataset.ids.split(' ').includes(row))) return 'box click did not mark its passage';
const r = marked[0].getBoundingClientRect();
return r.top >= b.top && r.bottom <= b.bottom ? '' : 'box click did not scroll its passage into view';
"""


def test_every_quoted_span_and_its_box_lead_to_each_other(browser, site):
    """For every article row: clicking its passage highlights its box in view; clicking the box brings back and marks the passage."""
    amap, rows = _quoted_rows()
    assert len(rows) == sum(1 for r in amap.rows if r.get("origin") == "article" and r.get("quote"))
    _open(browser, site, "article.html")
    failures = []
    for row in rows:
        browser.execute_script(_PASSAGE, row).click()  # the passage (or, where inner quotes cover it all, its id label)
        shown, box = browser.execute_async_script(_BOX_SHOWN, row)
        if not shown:
            failures.append(f"{row}: passage click did not bring its box into view highlighted")
            continue
        box.click()
        problem = browser.execute_script(_PASSAGE_SHOWN, row)
        if problem:
            failures.append(f"{row}: {problem}")
    assert failures == []
    assert _problems(browser) == []


def test_rows_without_a_quote_say_so(browser, site):
    amap, _ = _quoted_rows()
    others = [r["id"] for r in amap.rows if not r.get("quote")]
    assert others
    _open(browser, site, "article.html")
    info = browser.find_element("id", "info")
    for row in others:
        browser.find_element("css selector", '.map-tools [data-act="fit"]').click()
        _frame(browser)
        browser.find_element("css selector", f'g.node[data-row="{row}"]').click()
        words = info.text
        assert row in words and ("quotes nothing" in words or "restates" in words), (row, words)
        assert browser.find_elements("css selector", ".article mark.hl") == [] or amap[row].get("same_as")


def _frame(browser) -> None:
    """Wait for the next drawn frame (svg-pan-zoom draws its state on an animation frame)."""
    browser.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _zoom_and_pan(browser) -> tuple[float, float, float]:
    """The map's drawn scale and offset."""
    _frame(browser)
    m = browser.execute_script("return document.querySelector('.map-pane .svg-pan-zoom_viewport').getCTM()")
    return round(m["a"], 4), round(m["e"], 1), round(m["f"], 1)


def test_the_map_pans_and_zooms_with_keyboard_mouse_and_touch(browser, site):
    from selenium.webdriver import ActionChains, Keys
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin

    _open(browser, site, "article.html")
    pane = browser.find_element("css selector", ".map-pane")
    fit = _zoom_and_pan(browser)
    pane.send_keys("+")
    z1 = _zoom_and_pan(browser)
    assert z1[0] > fit[0]  # keyboard zoom in
    pane.send_keys(Keys.ARROW_LEFT)
    assert _zoom_and_pan(browser)[1] > z1[1]  # keyboard pan
    pane.send_keys("0")
    assert _zoom_and_pan(browser) == fit  # fit to screen
    ActionChains(browser).scroll_from_origin(ScrollOrigin.from_element(pane), 0, -300).perform()
    assert _zoom_and_pan(browser)[0] > fit[0]  # mouse wheel zooms
    before = _zoom_and_pan(browser)
    ActionChains(browser).move_to_element_with_offset(pane, -100, 0).click_and_hold().move_by_offset(150, 40).release().perform()
    after = _zoom_and_pan(browser)
    assert after[0] == before[0] and after[1] > before[1]  # mouse drag pans
    browser.find_element("css selector", '.map-tools [data-act="fit"]').click()
    assert _zoom_and_pan(browser) == fit
    r = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]", pane)

    def touch(kind, pts):
        return browser.execute_cdp_cmd("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i} for i, (x, y) in enumerate(pts)]})  # noqa: E731

    touch("touchStart", [(r[0] - 20, r[1]), (r[0] + 20, r[1])])
    for step in range(1, 6):
        touch("touchMove", [(r[0] - 20 - 20 * step, r[1]), (r[0] + 20 + 20 * step, r[1])])
    touch("touchEnd", [])
    assert _zoom_and_pan(browser)[0] > fit[0] * 2  # a two-finger pinch zooms in
    assert _problems(browser) == []


def test_search_finds_a_row_by_a_word_of_its_quote_and_by_its_id(browser, site):
    from selenium.webdriver.support.ui import WebDriverWait

    amap, rows = _quoted_rows()
    row = next(i for i in rows if amap[i]["type"] == "evidence")
    word = max(re.findall(r"[A-Za-z]{5,}", amap[row]["quote"]), key=len)
    _open(browser, site, "overview.html")
    box = browser.find_element("css selector", ".site-header input[name=q]")
    box.send_keys(word)
    box.submit()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.startswith(_url(site, "search.html")) and b.find_elements("css selector", "#search-status"))
    links = [a.get_attribute("href") for a in browser.find_elements("css selector", "#results a")]
    assert any(link.endswith(f"article.html#{row}") for link in links), (word, links)
    assert str(len(links)) in browser.find_element("id", "search-status").text
    field = browser.find_element("css selector", "#search-page input")
    field.clear()
    other = rows[-1]
    field.send_keys(other.lower())
    first = browser.find_element("css selector", "#results a")
    assert first.get_attribute("href").endswith(f"#{other}")
    first.click()  # the result opens the article with the row selected
    WebDriverWait(browser, 10).until(lambda b: "article.html" in b.current_url)
    _frame(browser)
    assert "hl" in browser.find_element("css selector", f'g.node[data-row="{other}"]').get_attribute("class")
    assert other in browser.find_element("id", "info").text


def test_overview_shows_every_thesis_label_readably_at_1400(browser, site):
    import argmap

    amap = argmap.load(ROOT / "claims.csv")
    _open(browser, site, "overview.html")
    png = browser.get_screenshot_as_png()
    assert png[:4] == b"\x89PNG"
    for t in amap.roots():
        h = browser.find_element("id", f"h-{t}")
        size = float(browser.execute_script("return parseFloat(getComputedStyle(arguments[0]).fontSize)", h))
        r = browser.execute_script("return arguments[0].getBoundingClientRect().toJSON()", h)
        assert amap[t]["text"] in h.text
        assert size >= 20, f"{t} label at {size}px"
        assert 0 <= r["left"] and r["right"] <= DESKTOP[0] and r["top"] < DESKTOP[1], f"{t} label not on the first screen: {r}"
    # a branch folds to one line and opens in place
    details = browser.find_element("css selector", ".reasons details")
    assert details.find_element("css selector", "ul").is_displayed() is False
    details.find_element("css selector", "summary").click()
    assert details.find_element("css selector", "ul").is_displayed()


def test_presenter_mode_enlarges_the_type_and_stays_on(browser, site):
    _open(browser, site, "overview.html")
    size = lambda: float(browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('.thesis-card h2')).fontSize)"))  # noqa: E731
    normal = size()
    browser.find_element("css selector", ".present-toggle").click()
    assert size() >= normal * 1.4
    _open(browser, site, "overview.html")
    assert size() >= normal * 1.4  # remembered from page to page
    browser.find_element("css selector", ".present-toggle").click()
    assert size() == normal


_LABEL_PX = """
const text = document.querySelector(`g.node[data-row="${arguments[0]}"] text`);
return text.getScreenCTM().a * parseFloat(text.getAttribute('font-size'));
"""


def test_a_selected_box_is_legible_on_a_screen_and_on_a_1080p_projector(browser, site):
    import argmap

    thesis = argmap.load(ROOT / "claims.csv").roots()[-1]
    _open(browser, site, f"article.html#{thesis}")
    _frame(browser)
    assert round(browser.execute_script(_LABEL_PX, thesis)) >= 14  # the box's words at 14 px or more at 1400 px
    browser.find_element("css selector", ".present-toggle").click()
    assert round(browser.execute_script(_LABEL_PX, thesis)) >= 22  # presenter mode re-zooms the selected box
    try:
        _open(browser, site, "index.html")
        _open(browser, site, f"article.html#{thesis}", (1920, 1080))
        _frame(browser)
        assert round(browser.execute_script(_LABEL_PX, thesis)) >= 22  # and at 22 px or more in presenter mode on 1920 x 1080
        base = float(browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('.article p.para')).fontSize)"))
        assert base >= 25  # the article's type too
    finally:
        browser.find_element("css selector", ".present-toggle").click()


def test_notebook_pages_fold_code_and_navigate(browser, site):
    _open(browser, site, "notebooks.html")
    first = browser.find_element("css selector", "main ol a")
    title = first.text
    first.click()
    assert title and browser.title.startswith(title)
    code = browser.find_elements("css selector", "details.code")
    assert code and not any(d.get_attribute("open") for d in code)
    assert not code[0].find_element("css selector", "pre").is_displayed()
    browser.find_element("id", "toggle-code").click()
    assert all(d.get_attribute("open") for d in code) and code[0].find_element("css selector", "pre").is_displayed()
    nxt = browser.find_element("css selector", 'a[rel="next"]')
    href = nxt.get_attribute("href")
    nxt.click()
    assert browser.current_url == href and browser.find_element("css selector", 'a[rel="prev"]')


def test_article_prints_as_pages_without_controls(browser, site):
    import base64
    import io

    from pypdf import PdfReader
    from selenium.webdriver.common.print_page_options import PrintOptions

    _open(browser, site, "article.html")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        hidden = browser.execute_script(
            "return ['.site-header', '.map-tools', '.mapside', '#info'].map(s => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none"] * 4
        figs = browser.find_elements("css selector", ".print-maps figure img")
        branches = len(list((ROOT / "figures").glob("branch-*.svg")))
        assert len(figs) == branches and all(browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", f) for f in figs)
        article = browser.execute_script("const a = document.querySelector('.article'); return [a.scrollHeight, a.clientHeight]")
        assert article[0] <= article[1] + 1  # no scrollbar: the article flows onto pages
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = PdfReader(io.BytesIO(base64.b64decode(browser.print_page(PrintOptions()))))
    assert len(pdf.pages) > branches  # the article's pages, then one page per branch


def test_hovering_a_node_of_the_svg_map_shows_its_quote(browser, site):
    from selenium.webdriver import ActionChains

    amap, rows = _quoted_rows()
    row = amap[rows[len(rows) // 2]]
    _open(browser, site, "figures/map.svg")
    node = browser.find_element("css selector", f"g#{row['id']} polygon, g#{row['id']} path")
    ActionChains(browser).move_to_element(node).perform()
    title = browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
        "const a = hit && hit.closest('a');"
        "return a && a.getAttributeNS('http://www.w3.org/1999/xlink', 'title');",
        node,
    )
    assert title == f"¶{row['paragraph']}: “{row['quote']}”"
