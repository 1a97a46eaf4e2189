"""Drawing: DOT built as data, Graphviz rendering, the palette and node styles, fonts, figure plans, matplotlib charts
and the timeline.

May import :mod:`argmap.core`; never analysis, formats, classroom, site or the CLI. Drawing a map takes the map:
``argmap.draw.show(amap, root="C2")``, :func:`to_dot` and :func:`render` (re-exported as ``argmap.show`` and so on).
"""

from argmap.draw.drawing import render, show, to_dot

__all__ = ["render", "show", "to_dot"]
