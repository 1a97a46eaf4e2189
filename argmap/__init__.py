"""argmap: argument maps tied to verbatim quotes of their source, drawn with Graphviz.

The root re-exports the core (loading, the model, the schema) and drawing a map (:func:`show`, :func:`to_dot`, :func:`render`).
"""

from argmap.core.errors import ArgmapError, InvalidMap, Problem
from argmap.core.load import load
from argmap.core.model import ArgumentMap
from argmap.core.schema import Schema, schema
from argmap.core.source import Source
from argmap.core.table import read_rows
from argmap.draw.drawing import render, show, to_dot

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "InvalidMap",
    "Problem",
    "Schema",
    "Source",
    "load",
    "read_rows",
    "render",
    "schema",
    "show",
    "to_dot",
]

__version__ = "0.1.0"
