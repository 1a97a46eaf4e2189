"""A notebook, as committed with its outputs, as a page of the reader: prose, folded code, inline maps with alt text."""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.site.describe import chart_alt, map_alt
from argmap.site.page import inline_svg, map_figure

if TYPE_CHECKING:
    from argmap.core.model import ArgumentMap

__all__ = ["notebook_body", "notebook_summary", "notebook_title"]


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def notebook_title(path: Path) -> str:
    """The first Markdown heading of a notebook, or its file name."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in _text(cell.get("source", "")).splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return path.stem


def notebook_summary(path: Path) -> str:
    """The first paragraph of prose under the notebook's title, as plain text (for the list of notebooks)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for para in _text(cell.get("source", "")).split("\n\n"):
                para = para.strip()
                if para and not para.startswith(("#", "|", "-", "*", ">", "<")):
                    return re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", " ".join(para.split()))
    return ""


def _markdown(source: str) -> str:
    import mistune

    out = str(mistune.html(source))
    out = re.sub(r'href="([^":#]+)\.ipynb(#[^"]*)?"', lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', out)
    return re.sub(r'(href|src)="\.\./figures/', r'\1="figures/', out)


class _Figures:
    """Numbers the figures of one page, so their SVG ids do not collide."""

    def __init__(self, amap: ArgumentMap | None) -> None:
        self.amap = amap
        self.n = 0

    def svg(self, svg: str, source: str, heading: str) -> str:
        self.n += 1
        prefix = f"f{self.n}-"
        if 'class="node' in svg:
            alt = map_alt(svg, self.amap)
            ids = self.amap.ids if self.amap is not None else []
            return map_figure(inline_svg(svg, label=alt, prefix=prefix, rows=ids), label=alt, caption=escape(alt), fit_height=True)
        alt = chart_alt(source, heading)
        return f'<figure class="chart">{inline_svg(svg, label=alt, prefix=prefix)}<figcaption>{escape(alt)}</figcaption></figure>'

    def png(self, data: str, source: str, heading: str) -> str:
        alt = chart_alt(source, heading)
        return f'<figure class="chart"><img src="data:image/png;base64,{data.strip()}" alt="{escape(alt)}"><figcaption>{escape(alt)}</figcaption></figure>'


def _output(out: dict, figures: _Figures, source: str, heading: str) -> str:
    kind = out.get("output_type")
    if kind == "stream":
        cls = "err" if out.get("name") == "stderr" else "out"
        return f'<pre class="{cls}">{escape(_text(out.get("text", "")))}</pre>'
    if kind == "error":
        return f'<pre class="err">{escape(out.get("ename", ""))}: {escape(out.get("evalue", ""))}</pre>'
    data = out.get("data", {})
    if "image/svg+xml" in data:
        return figures.svg(_text(data["image/svg+xml"]), source, heading)
    if "image/png" in data:
        return figures.png(_text(data["image/png"]), source, heading)
    if "text/html" in data:
        return f"<div>{_text(data['text/html'])}</div>"
    if "text/markdown" in data:
        return _markdown(_text(data["text/markdown"]))
    if "text/plain" in data:
        return f"<pre>{escape(_text(data['text/plain']))}</pre>"
    return ""


def notebook_body(path: Path, amap: ArgumentMap | None) -> str:
    """The notebook's cells as HTML: Markdown rendered, each code cell folded with its outputs shown below it."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    figures = _Figures(amap)
    heading = ""
    toolbar = (
        '<div class="toolbar"><button type="button" id="toggle-code" aria-pressed="false">Show all code</button>'
        f"The notebook itself is <code>notebooks/{escape(path.name)}</code> in the repository (run it with <code>make lab</code>).</div>"
    )
    parts: list[str] = []
    for cell in nb.get("cells", []):
        if len(parts) == 1:
            parts.append(toolbar)
        source = _text(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            parts.append(_markdown(source))
            heads = re.findall(r"^#+\s*(.+)$", source, re.M)
            heading = heads[-1].strip() if heads else heading
        elif cell.get("cell_type") == "code":
            lines = source.count("\n") + 1
            if source.strip():
                parts.append(
                    f'<details class="code"><summary>Code ({lines} line{"s" if lines != 1 else ""})</summary><pre><code>{escape(source)}</code></pre></details>'
                )
            outs = "".join(_output(o, figures, source, heading) for o in cell.get("outputs", []))
            if outs:
                parts.append(f'<div class="output">{outs}</div>')
    if len(parts) < 2:
        parts.append(toolbar)
    return f'<article class="nb">{"".join(parts)}</article>'
