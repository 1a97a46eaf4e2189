"""Every page of the reading site in a real browser (Debian's Chromium, headless, via Selenium), opened from file:// as
from a USB stick, at a phone's width and a laptop's: no console error, no failed or outside request, no sideways
scrolling, and no serious finding of axe-core. Every page is visited once per width; the checks share that visit."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import AXE, DESKTOP, PHONE, needs_chromium, open_page, problems

pytestmark = [needs_chromium, pytest.mark.browser]

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
            open_page(browser, site, page, size)
            seen = {"problems": problems(browser), "sideways": browser.execute_script(_SIDEWAYS)}
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
