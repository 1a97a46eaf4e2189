"""A picture of a reader page as a person sees it, taken in headless Chromium (for the README's first screen).

Usage: ``python -m argmap.site.screenshot docs/article.html docs/screenshot.png``. The page is opened from
``file://`` with a row selected (the first thesis), so the picture shows a passage marked and its box highlighted.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from argmap.site.chromium import chromium

__all__ = ["main", "screenshot"]


def screenshot(page: Path, out: Path, row: str = "", width: int = 1400, height: int = 860) -> None:
    """Open ``page`` (with ``#row`` selected when given) and save a PNG of the window to ``out``."""
    with tempfile.TemporaryDirectory() as profile:
        driver = chromium(width, height, profile, logs=())
        try:
            driver.get(page.resolve().as_uri() + (f"#{row}" if row else ""))
            driver.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            png = driver.get_screenshot_as_png()
        finally:
            driver.quit()
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_bytes(png)
    tmp.replace(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: python -m argmap.site.screenshot PAGE.html OUT.png [ROW]", file=sys.stderr)
        return 2
    page, out = Path(args[0]), Path(args[1])
    if not page.is_file():
        print(f"{page}: page not found; run `make reader` first", file=sys.stderr)
        return 1
    screenshot(page, out, args[2] if len(args) == 3 else "T1")
    print(f"{out}: screenshot of {page}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
