"""Dates as the CSVs write them: ISO days, months or years, and START/END spans; checked, parsed and put in words.

The schemas name which form a column takes with ``format``: ``iso-partial`` (YYYY, YYYY-MM or YYYY-MM-DD),
``iso-span`` (a day or month, or START/END), or a column of ``type: date`` (one YYYY-MM-DD day).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from argmap.core.text import quoted

__all__ = ["FORMATS", "date_problem", "date_span", "format_date", "parse_date"]

#: Schema ``format`` (or ``type: date``) → what the message asks for.
FORMATS = {
    "iso-partial": "use YYYY-MM-DD, YYYY-MM or YYYY",
    "iso-span": "write YYYY-MM-DD or YYYY-MM, or a span START/END such as 2023-09-19/2023-09-20",
    "date": "write YYYY-MM-DD",
}
_PART = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _bounds(part: str, hint: str) -> tuple[dt.date, dt.date]:
    """First and last day of one ISO year, month or day."""
    m = _PART.fullmatch(part)
    if not m:
        raise ValueError(f"{quoted(part)} is not a date; {hint}")
    try:
        year = int(m[1])
        if m[2] is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(m[2])
        if m[3] is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date(year, month, int(m[3]))
    except ValueError:
        raise ValueError(f"{quoted(part)} is not a real date") from None
    return day, day


def parse_date(value: str, form: str = "iso-span") -> tuple[dt.date, dt.date]:
    """The first and last day of an ISO day, month or year, or of a START/END span.

    >>> parse_date("2023-09-19/2023-09-20")
    (datetime.date(2023, 9, 19), datetime.date(2023, 9, 20))
    >>> parse_date("2024-06")
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    >>> parse_date("2024-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2024-02-30' is not a real date
    """
    hint = FORMATS.get(form, FORMATS["iso-span"])
    parts = value.split("/") if form == "iso-span" else [value]
    if len(parts) > 2 or not all(parts):
        raise ValueError(f"{quoted(value)} is not a date; {hint}")
    start, end = _bounds(parts[0], hint)[0], _bounds(parts[-1], hint)[1]
    if end < start:
        raise ValueError(f"the span ends ({parts[-1]}) before it starts ({parts[0]})")
    return start, end


def date_span(value: str, until: dt.date | None = None) -> tuple[dt.date, dt.date, dt.date]:
    """First day, middle and last day of a ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` date, the last at most ``until``
    (where to draw a date known only to its month or year, and the line across its period).

    >>> date_span("2023-12-07")[1]
    datetime.date(2023, 12, 7)
    >>> [d.isoformat() for d in date_span("2023-10")]
    ['2023-10-01', '2023-10-16', '2023-10-31']
    >>> [d.isoformat() for d in date_span("2024", until=dt.date(2024, 6, 30))]
    ['2024-01-01', '2024-04-01', '2024-06-30']
    """
    start, last = parse_date(value, "iso-partial")
    if until is not None and start <= until < last:
        last = until
    return start, start + (last + dt.timedelta(days=1) - start) // 2, last


def date_problem(value: str, form: str) -> str | None:
    """Why ``value`` is not a real date of the column's form, or None (its shape is the schema pattern's job).

    >>> date_problem("2024-13", "iso-partial"), date_problem("2024-06", "iso-partial")
    ("'2024-13' is not a real date (use YYYY-MM-DD, YYYY-MM or YYYY)", None)
    >>> date_problem("2024-02-30", "date")
    "'2024-02-30' is not a real date; write YYYY-MM-DD"
    """
    try:
        parse_date(value, form)
    except ValueError as e:
        message = str(e)
        if form == "iso-partial" and message.endswith("is not a real date"):
            return f"{message} ({FORMATS[form]})"
        if form == "date" and message.endswith("is not a real date"):
            return f"{message}; {FORMATS[form]}"
        return message
    return None


def format_date(value: str, *, long: bool = False) -> str:
    """A date or span in words, without the locale; ``long`` spells the month out.

    >>> format_date("2023-10-05"), format_date("2025-08"), format_date("2023-09-19/2023-09-20")
    ('5 Oct 2023', 'Aug 2025', '19–20 Sep 2023')
    >>> format_date("2025-09-01/2025-11-30"), format_date("2024")
    ('1 Sep – 30 Nov 2025', '2024')
    >>> format_date("2024-06", long=True), format_date("2024-06-30", long=True)
    ('June 2024', '30 June 2024')
    """
    words = [p.split("-") for p in value.split("/")]

    def one(w: list[str], year: bool = True) -> str:
        if len(w) == 1:
            return w[0]
        month = _MONTHS[int(w[1]) - 1]
        text = " ".join(([str(int(w[2]))] if len(w) == 3 else []) + [month if long else month[:3]])
        return f"{text} {w[0]}" if year else text

    if len(words) == 1:
        return one(words[0])
    a, b = words
    if a[0] != b[0] or len(a) == 1 or len(b) == 1:
        return f"{one(a)} – {one(b)}"
    if a[1] == b[1] and len(a) == len(b) == 3:
        return f"{int(a[2])}–{int(b[2])} {_MONTHS[int(a[1]) - 1][:3]} {a[0]}"
    return f"{one(a, False)} – {one(b)}"
