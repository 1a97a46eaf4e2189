"""The core: schema, tables, loading, validation, the map model, the source text and errors.

Modules here import only the standard library, each other, and ``argmap.schemas``; nothing from drawing,
analysis, formats, the classroom, the site or the CLI.
"""
