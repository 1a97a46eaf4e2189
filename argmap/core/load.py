"""Loading a map: read its CSV (and overlays), validate it against the schema and its source, and build the model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmap.core.errors import ArgmapError, InvalidMap
from argmap.core.model import ArgumentMap
from argmap.core.overlay import merge
from argmap.core.source import Source, find_source, needs_source
from argmap.core.table import NO_ROWS, read_rows
from argmap.core.validate import validate

__all__ = ["known_ids", "load"]


def known_ids(claims) -> tuple[set[str] | None, str]:
    """The ids that references in another file must name, and the claims file's name for messages.

    ``claims`` is a claims CSV (read, and refused with its own problems if it is broken), an
    :class:`~argmap.model.ArgumentMap`, some ids, or None (references are then not checked).
    """
    if claims is None:
        return None, "claims.csv"
    if isinstance(claims, ArgumentMap):
        return set(claims.ids), claims.path.name if claims.path else "claims.csv"
    if isinstance(claims, (str, Path)):
        table = read_rows(claims)
        if table.problems:
            raise InvalidMap(table.problems)
        return {r["id"] for r in table.rows}, Path(claims).name
    return set(claims), "claims.csv"


def load(
    path: str | Path = "claims.csv",
    source: str | Path | None = None,
    *,
    check_quotes: bool = True,
    overlays: Sequence[str | Path] = (),
    notes: list[str] | None = None,
):
    """Read, validate and return an :class:`~argmap.model.ArgumentMap`.

    The source text is ``source`` or the one ``sources/*.txt`` beside the CSV. ``overlays`` are
    classroom files whose rows attach to the map's ids; one with a header and no rows yet is an empty
    overlay, said in ``notes`` (when given) rather than refused. Raises :class:`InvalidMap` listing every
    problem when the files do not make a valid map.
    """
    table = read_rows(path)
    extra = [read_rows(o) for o in overlays]
    for t in extra:
        if not t.rows and [p.message for p in t.problems] == [NO_ROWS]:
            t.problems = []
            if notes is not None:
                notes.append(f"{t.file}: no rows yet (only the header): an empty overlay, nothing to add")
    src = None
    if check_quotes and source is not None:
        src = Source.load(source)
    elif check_quotes:
        try:
            found = find_source(path)
        except ArgmapError:
            if needs_source(table.rows) or any(needs_source(t.rows) for t in extra):
                raise
            found = None  # no row quotes anything: the map needs no source text
        src = Source.load(found) if found is not None else None
    problems = table.problems + [p for t in extra for p in t.problems] + validate(table, src, overlays=extra)
    if problems:
        order = {str(path): 0, **{t.file: i for i, t in enumerate(extra, 1)}}
        raise InvalidMap(sorted(problems, key=lambda p: (order.get(p.file, 0), p.line or 0, p.message)))
    merged, _ = merge(table, extra)
    return ArgumentMap(merged.rows, path=Path(path), source=src, lines=merged.lines, copy=False)  # rows read here: no one else holds them
