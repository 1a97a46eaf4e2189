"""argmap: argument maps tied to verbatim quotes of their source, drawn with Graphviz."""

from .errors import ArgmapError, InvalidMap, Problem
from .load import load, read_rows
from .model import ArgumentMap
from .schema import Schema, schema
from .source import Source

__all__ = [
    "ArgmapError",
    "ArgumentMap",
    "InvalidMap",
    "Problem",
    "Schema",
    "Source",
    "load",
    "read_rows",
    "schema",
]

__version__ = "0.1.0"
