"""Exporting a session as the files the rest of the project reads: one overlay CSV per group and ``ratings.csv``.

Cells that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return) get a leading apostrophe, the guard spreadsheets themselves use.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from argmap.classroom.live.session import Session, origin
from argmap.core.atomic import write_all
from argmap.core.schema import schema

__all__ = ["csv_text", "export", "guard", "ratings_rows"]

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def guard(value: str) -> str:
    """``value`` made safe to open in a spreadsheet.

    >>> guard("=HYPERLINK(1)"), guard("-5% in a year"), guard("plain")
    ("'=HYPERLINK(1)", "'-5% in a year", 'plain')
    """
    return "'" + value if value.startswith(_FORMULA) else value


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: guard(str(row.get(k, "") or "")) for k in header})
    return out.getvalue()


def ratings_rows(session: Session) -> list[dict[str, str]]:
    """One rating per pseudonym and row: the latest, when a row was rated in several rounds; in the order given."""
    latest: dict[tuple[str, str], dict[str, str]] = {}
    for r in session.store.ratings():
        latest.pop((r["pseudonym"], r["row_id"]), None)
        strength = "" if r["strength"] is None else str(r["strength"])
        latest[r["pseudonym"], r["row_id"]] = {
            "rater": r["pseudonym"],
            "id": r["row_id"],
            "verdict": r["verdict"],
            "strength": strength,
            "comment": r["comment"],
        }
    return list(latest.values())


def export(session: Session, folder: str | Path) -> dict[str, int]:
    """Write ``group-X.csv`` for every group that joined or has approved rows, and ``ratings.csv``, into ``folder``;
    rows written per file.

    A group that joined but has no approved row gets a header-only overlay: an empty overlay, which
    ``argmap validate --with`` reads as a note, so the teacher's ``--with group-*.csv`` runs as given.
    """
    folder = Path(folder)
    files: dict[Path, str] = {}
    counts: dict[str, int] = {}
    for table in session.overlays():
        files[folder / table.file] = csv_text(session.header, table.rows)
        counts[table.file] = len(table.rows)
    for g in session.store.joined_groups():
        name = f"{origin(g)}.csv"
        if name not in counts:
            files[folder / name] = csv_text(session.header, [])
            counts[name] = 0
    ratings = ratings_rows(session)
    files[folder / "ratings.csv"] = csv_text(list(schema("ratings").names), ratings)
    counts["ratings.csv"] = len(ratings)
    write_all({path: text.encode("utf-8") for path, text in files.items()})  # every file or none
    return counts
