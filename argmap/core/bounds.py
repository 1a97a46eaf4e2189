"""Upper bounds of integer columns (a Table Schema's ``maximum``), read from the schemas and checked cell by cell."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from argmap.core.errors import Problem
from argmap.core.table import Table

__all__ = ["check_maximum", "maximum"]


@cache
def _maxima(name: str) -> dict[str, int]:
    text = resources.files("argmap").joinpath("schemas", f"{name}.json").read_text(encoding="utf-8")
    fields = json.loads(text)["fields"]
    return {f["name"]: f["constraints"]["maximum"] for f in fields if "maximum" in f.get("constraints", {})}


def maximum(name: str, column: str) -> int | None:
    """The largest value schema ``name`` allows in ``column``, or None.

    >>> maximum("ratings", "strength"), maximum("ratings", "rater")
    (5, None)
    """
    return _maxima(name).get(column)


def check_maximum(table: Table, name: str, key: str | None = None) -> list[Problem]:
    """A problem for every whole number above its column's maximum (other malformed cells are left to check_fields)."""
    out: list[Problem] = []
    for column, top in _maxima(name).items():
        if column not in table.header:
            continue
        for row, line in zip(table.rows, table.lines):
            v = row[column]
            if v.isascii() and v.isdigit() and int(v) > top:
                out.append(Problem(table.file, line, row.get(key, "") if key else None, column, f"{v} is more than {top}", "maximum"))
    return out
