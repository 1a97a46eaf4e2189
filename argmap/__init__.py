"""argmap: argument maps tied to verbatim quotes of their source, drawn with Graphviz."""

from argmap.core.errors import ArgmapError, InvalidMap, Problem
from argmap.core.load import load
from argmap.core.model import ArgumentMap
from argmap.core.schema import Schema, schema
from argmap.core.source import Source
from argmap.core.table import read_rows

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
