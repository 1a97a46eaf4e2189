"""Drawing: DOT built as data, Graphviz rendering, the palette and node styles, fonts, figure plans, matplotlib charts
and the timeline.

May import :mod:`argmap.core`; never analysis, formats, classroom, site or the CLI.
"""
