"""The reading site built from the notebooks and figures.

May import every layer below it (core, draw, analysis, formats, classroom); never the CLI.
"""
