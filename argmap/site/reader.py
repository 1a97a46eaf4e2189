"""The static HTML reader: the executed notebooks as HTML pages, an index, and the figures."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

from argmap.draw.render import write_if_changed

__all__ = ["build_reader", "notebook_title"]

#: Script tags that load from a CDN (require.js, MathJax): the reader works offline and the notebooks need neither.
_NO_ICON = '<link rel="icon" href="data:,">'  # no request for /favicon.ico
_OFFLINE = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\n?')


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, or its file name."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def build_reader(notebooks: Path, figures: Path, out: Path, title: str | None = None) -> int:
    """Convert every notebook (as committed, with its outputs) to HTML under ``out``; returns files written.

    The title defaults to the ``title`` of the ``datapackage.json`` beside the notebooks' folder.
    """
    from nbconvert import HTMLExporter

    if title is None:
        package = notebooks.parent / "datapackage.json"
        title = json.loads(package.read_text(encoding="utf-8")).get("title", "argmap reader") if package.exists() else "argmap reader"

    exporter = HTMLExporter()
    written = 0
    items = []
    for nb in sorted(notebooks.glob("[0-9]*.ipynb")):
        body, _ = exporter.from_filename(str(nb))
        body = _OFFLINE.sub("", body).replace("<head>", "<head>\n" + _NO_ICON, 1)
        page = out / f"{nb.stem}.html"
        written += write_if_changed(page, body.encode("utf-8"))
        items.append(f'<li><a href="{html.escape(page.name)}">{html.escape(notebook_title(nb))}</a></li>')
    figs = []
    if figures.is_dir():
        for f in sorted(figures.glob("*.svg")):
            written += write_if_changed(out / "figures" / f.name, f.read_bytes())
            figs.append(f'<li><a href="figures/{html.escape(f.name)}">{html.escape(f.stem)}</a></li>')
    index = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">{_NO_ICON}<title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
img{{max-width:100%;border:1px solid #ddd}}</style></head>
<body><h1>{html.escape(title)}</h1>
<p>The notebooks of this analysis as web pages, for reading and printing without Jupyter.</p>
<p><a href="figures/map.svg"><img src="figures/map.svg" alt="The whole argument map"></a></p>
<h2>Notebooks</h2><ol>{"".join(items)}</ol>
<h2>Figures</h2><ul>{"".join(figs)}</ul>
</body></html>
"""
    written += write_if_changed(out / "index.html", index.encode("utf-8"))
    written += write_if_changed(out / "favicon.ico", _favicon())
    for stale in out.glob("*.html"):
        if stale.name != "index.html" and not (notebooks / f"{stale.stem}.ipynb").exists():
            stale.unlink()
    if (out / "figures").is_dir():
        for stale in (out / "figures").iterdir():
            if not (figures / stale.name).exists():
                shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    return written


def _favicon() -> bytes:
    """A 16-pixel icon in the thesis colour, so a browser viewing a bare SVG finds /favicon.ico."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 114, 178)).save(buf, format="ICO", sizes=[(16, 16)])
    return buf.getvalue()
