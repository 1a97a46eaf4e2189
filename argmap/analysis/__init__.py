"""Analysis: structure counts, grounded semantics, critical questions, the reading view, tables for the notebooks,
the events of what happened next and the predictions scorecard.

May import :mod:`argmap.core` and :mod:`argmap.draw`; never formats, classroom, site or the CLI.
"""
