"""The article page's two panes in a real browser (Debian's Chromium, headless): every quoted passage and its box lead
to each other by a click, and a box that quotes nothing says so."""

from __future__ import annotations

import pytest
from browser_support import click, frame, needs_chromium, open_page, problems, quoted_rows

pytestmark = [needs_chromium, pytest.mark.browser]

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
    amap, rows = quoted_rows()
    assert len(rows) == sum(1 for r in amap.rows if r.get("origin") == "article" and r.get("quote"))
    open_page(browser, site, "article.html")
    failures = []
    for row in rows:
        click(browser, browser.execute_script(_PASSAGE, row))  # the passage (or, where inner quotes cover it all, its id label)
        shown, box = browser.execute_async_script(_BOX_SHOWN, row)
        if not shown:
            failures.append(f"{row}: passage click did not bring its box into view highlighted")
            continue
        click(browser, box)
        problem = browser.execute_script(_PASSAGE_SHOWN, row)
        if problem:
            failures.append(f"{row}: {problem}")
    assert failures == []
    assert problems(browser) == []


def test_rows_without_a_quote_say_so(browser, site):
    amap, _ = quoted_rows()
    others = [r["id"] for r in amap.rows if not r.get("quote")]
    assert others
    open_page(browser, site, "article.html")
    info = browser.find_element("id", "info")
    fit = browser.find_element("css selector", '.map-tools [data-act="fit"]')
    for row in others:
        click(browser, fit)
        frame(browser)
        click(browser, browser.find_element("css selector", f'g.node[data-row="{row}"]'))
        words = info.text
        assert row in words and ("quotes nothing" in words or "restates" in words), (row, words)
        assert browser.find_elements("css selector", ".article mark.hl") == [] or amap[row].get("same_as")
