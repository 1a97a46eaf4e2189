"""Interchange: one module per format (AIF, Argdown, GraphML, Markdown), import and export side by side.

May import :mod:`argmap.core`, :mod:`argmap.draw` and :mod:`argmap.analysis`; never classroom, site or the CLI.
"""
