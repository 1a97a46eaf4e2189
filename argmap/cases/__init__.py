"""Cases: starting a new article's case folder (``argmap new``), the generic notebooks that run on any case, and the
mapping aid (``argmap draft``) that suggests rows from cue words without ever writing them.

May import every layer below it (core, draw, analysis, formats, classroom); never the site or the CLI.
"""
