"""The reading site's controls in a real browser (Debian's Chromium, headless, via Selenium), opened from file:// as from
a USB stick: pan and zoom, search, the overview, presenter mode, notebook pages, printing, and the SVG map's tooltips.
The pages' own checks are in test_browser_pages.py, the article's two panes in test_browser_article.py."""

from __future__ import annotations

import re

import pytest
from browser_support import DESKTOP, PHONE, ROOT, frame, needs_chromium, open_page, problems, quoted_rows, url

pytestmark = [needs_chromium, pytest.mark.browser]


def _zoom_and_pan(browser) -> tuple[float, float, float]:
    """The map's drawn scale and offset."""
    frame(browser)
    m = browser.execute_script("return document.querySelector('.map-pane .svg-pan-zoom_viewport').getCTM()")
    return round(m["a"], 4), round(m["e"], 1), round(m["f"], 1)


def test_the_map_pans_and_zooms_with_keyboard_mouse_and_touch(browser, site):
    from selenium.webdriver import ActionChains, Keys
    from selenium.webdriver.common.actions.wheel_input import ScrollOrigin

    open_page(browser, site, "article.html")
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
    assert problems(browser) == []


_GAP = """
const pane = arguments[0], svg = pane.querySelector('svg'), p = pane.getBoundingClientRect(), s = svg.getBoundingClientRect();
return [p.width, p.height, Math.abs(p.width - s.width) + Math.abs(p.height - s.height)];
"""


def test_the_map_is_drawn_at_its_panes_size_as_the_pane_changes(browser, site):
    """The map's SVG is sized in pixels (a percentage-sized one is laid out again at every click), so it must follow its
    pane: when a long description grows the info box, and when the window turns into a phone's."""
    amap, rows = quoted_rows()
    long = max(rows, key=lambda r: len(amap[r]["quote"]) + len(amap[r].get("note") or ""))
    open_page(browser, site, "article.html")
    pane = browser.find_element("css selector", ".map-pane")
    w, h, gap = browser.execute_script(_GAP, pane)
    assert gap < 1 and h > 300
    browser.execute_script(
        "arguments[0].focus(); arguments[0].dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}))",
        browser.find_element("css selector", f'g.node[data-row="{long}"]'),
    )
    frame(browser)
    w2, h2, gap = browser.execute_script(_GAP, pane)
    assert h2 < h and gap < 1, (long, h, h2, gap)  # the info box took height from the pane; the map followed
    open_page(browser, site, "article.html", PHONE)
    pane = browser.find_element("css selector", ".map-pane")  # the new page's
    w3, h3, gap = browser.execute_script(_GAP, pane)
    assert w3 < 390 and gap < 1
    browser.set_window_size(*DESKTOP)
    frame(browser)
    assert browser.execute_script(_GAP, pane)[2] < 1
    assert problems(browser) == []


def test_search_finds_a_row_by_a_word_of_its_quote_and_by_its_id(browser, site):
    from selenium.webdriver.support.ui import WebDriverWait

    amap, rows = quoted_rows()
    row = next(i for i in rows if amap[i]["type"] == "evidence")
    word = max(re.findall(r"[A-Za-z]{5,}", amap[row]["quote"]), key=len)
    open_page(browser, site, "overview.html")
    box = browser.find_element("css selector", ".site-header input[name=q]")
    box.send_keys(word)
    box.submit()
    WebDriverWait(browser, 10).until(lambda b: b.current_url.startswith(url(site, "search.html")) and b.find_elements("css selector", "#search-status"))
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
    frame(browser)
    assert "hl" in browser.find_element("css selector", f'g.node[data-row="{other}"]').get_attribute("class")
    assert other in browser.find_element("id", "info").text


def test_overview_shows_every_thesis_label_readably_at_1400(browser, site):
    import argmap

    amap = argmap.load(ROOT / "claims.csv")
    open_page(browser, site, "overview.html")
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
    open_page(browser, site, "overview.html")
    size = lambda: float(browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('.thesis-card h2')).fontSize)"))  # noqa: E731
    normal = size()
    browser.find_element("css selector", ".present-toggle").click()
    assert size() >= normal * 1.4
    open_page(browser, site, "overview.html")
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
    open_page(browser, site, f"article.html#{thesis}")
    frame(browser)
    assert round(browser.execute_script(_LABEL_PX, thesis)) >= 14  # the box's words at 14 px or more at 1400 px
    browser.find_element("css selector", ".present-toggle").click()
    assert round(browser.execute_script(_LABEL_PX, thesis)) >= 22  # presenter mode re-zooms the selected box
    try:
        open_page(browser, site, "index.html")
        open_page(browser, site, f"article.html#{thesis}", (1920, 1080))
        frame(browser)
        assert round(browser.execute_script(_LABEL_PX, thesis)) >= 22  # and at 22 px or more in presenter mode on 1920 x 1080
        base = float(browser.execute_script("return parseFloat(getComputedStyle(document.querySelector('.article p.para')).fontSize)"))
        assert base >= 25  # the article's type too
    finally:
        browser.find_element("css selector", ".present-toggle").click()


def test_notebook_pages_fold_code_and_navigate(browser, site):
    open_page(browser, site, "notebooks.html")
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

    open_page(browser, site, "article.html")
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

    amap, rows = quoted_rows()
    row = amap[rows[len(rows) // 2]]
    open_page(browser, site, "figures/map.svg")
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
