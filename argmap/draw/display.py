"""What a notebook shows as a picture or a page: SVG and HTML text with a short repr."""

from __future__ import annotations

__all__ = ["HTML", "SVG"]


class _Shown:
    """Text that Jupyter renders by its ``_repr_*_`` method; its plain repr gives only the size."""

    def __init__(self, data: str) -> None:
        self.data = data

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self.data):,} characters>"


class SVG(_Shown):
    """SVG text that a notebook shows as a picture.

    >>> SVG("<svg/>")
    <SVG: 6 characters>
    """

    def _repr_svg_(self) -> str:
        return self.data


class HTML(_Shown):
    """HTML text that a notebook shows rendered.

    >>> h = HTML("<b>x</b>")
    >>> h._repr_html_(), repr(h)
    ('<b>x</b>', '<HTML: 8 characters>')
    """

    def _repr_html_(self) -> str:
        return self.data
