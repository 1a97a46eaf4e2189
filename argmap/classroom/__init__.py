"""The classroom: ratings and their report, the question bank, handouts.

May import core, draw, analysis and formats; never the site or the CLI.
"""
