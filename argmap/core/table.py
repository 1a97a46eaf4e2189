"""Reading map CSVs into tables of strings: encodings, line ends, headers and ragged rows, each problem located by line."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from argmap.core.errors import InvalidMap, Problem, read_input
from argmap.core.schema import Schema, schema
from argmap.core.text import did_you_mean

__all__ = ["NO_ROWS", "Table", "read_rows", "read_table"]

#: The problem of a file with a header and no rows: an error for a map, an empty file (a note) for a group's overlay.
NO_ROWS = "file has a header but no rows"

csv.field_size_limit(2**31 - 1)


@dataclass
class Table:
    """The rows of one CSV file as strings, with the line each row starts on."""

    file: str
    #: The file's columns, then the schema's optional columns it left out (read as empty).
    header: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: The file of each row, when the table merges several files (a map with overlays); None for one file.
    files: list[str] | None = None


#: How to get UTF-8 out of the usual spreadsheets, for a file saved as UTF-16 ("Unicode text").
_SAVE_UTF8 = "save it as UTF-8: in Excel, File > Save As > 'CSV UTF-8 (Comma delimited)'; in LibreOffice, Save As CSV with character set 'Unicode (UTF-8)'"


def _utf16(raw: bytes) -> str | None:
    """What kind of UTF-16 ``raw`` is, when it looks like UTF-16 text (a byte-order mark, or every other byte NUL)."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "UTF-16 text (with a byte-order mark)"
    head = raw[:400]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) == 0:
            return "UTF-16 text (little-endian)"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) == 0:
            return "UTF-16 text (big-endian)"
    return None


def _decode(raw: bytes, file: str) -> str:
    if (enc := _utf16(raw)) is not None:
        raise InvalidMap([Problem(file, None, None, None, f"is {enc}, not UTF-8; {_SAVE_UTF8}")])
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise InvalidMap([Problem(file, line, None, None, "contains a NUL byte; is this a spreadsheet or binary file rather than CSV?", "nul-byte")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        msg = f"not UTF-8 (byte 0x{raw[e.start]:02x}); save the file as 'CSV UTF-8'"
        raise InvalidMap([Problem(file, line, None, None, msg, "encoding")]) from None


#: A line as ``io.StringIO(text, newline="")`` reads it: ending in \r\n, \r or \n (or at the end of the text).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
#: What ``str.splitlines`` also takes for a line end, and a CSV reader does not.
_OTHER_ENDS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _lines(text: str) -> Iterator[str]:
    r"""The lines of ``text``, line ends kept, split where ``io.StringIO(text, newline="")`` splits them (a ``StringIO``
    of a big file would hold a second copy of it, at four bytes a character).

    >>> list(_lines("a,b\r\nc\rd\n\ne")), list(_lines("a\u2028b\n"))
    (['a,b\r\n', 'c\r', 'd\n', '\n', 'e'], ['a\u2028b\n'])
    """
    if any(c in text for c in _OTHER_ENDS):
        return (m.group() for m in _LINE.finditer(text))
    return iter(text.splitlines(keepends=True))


def read_table(path: str | Path, table_schema: Schema) -> Table:
    """Read a CSV into string rows, checking the header and the field counts against the schema.

    Raises :class:`ArgmapError` when the file can't be read or its header is unusable;
    row-level problems are collected in ``Table.problems``.
    """
    file = str(path)
    text = _decode(read_input(path, "file"), file)  # the bytes are not kept beside the text
    if not text.strip():
        raise InvalidMap(
            [Problem(file, None, None, None, "file is empty; the first line must be the header: " + ",".join(table_schema.required), "empty-file")]
        )
    reader = csv.reader(_lines(text), strict=True)
    del text  # the reader holds the lines
    try:
        header = next(reader)
    except csv.Error as e:
        raise InvalidMap([Problem(file, 1, None, None, f"header is not valid CSV ({e})", "header-csv")]) from None
    problems: list[Problem] = []
    if len(header) == 1 and ";" in header[0] and set(header[0].split(";")) & set(table_schema.names):
        msg = (
            "looks semicolon-separated (a spreadsheet set to a European language saves CSV with ';'); "
            "save it again as 'CSV UTF-8 (comma delimited)' (LibreOffice: File › Save As, Text CSV, field delimiter ',')"
        )
        raise InvalidMap([Problem(file, 1, None, None, msg, "semicolon")])
    seen: set[str] = set()
    for name in header:
        if name in seen:
            problems.append(Problem(file, 1, None, None, f"column '{name}' appears twice in the header", "header-duplicate"))
        seen.add(name)
    known = set(table_schema.names)
    for name in header:
        if name not in known:
            problems.append(Problem(file, 1, None, None, f"unknown column '{name}'{did_you_mean(name, table_schema.names)}", "header-unknown"))
    for name in table_schema.required:
        if name not in seen:
            problems.append(Problem(file, 1, None, None, f"missing column '{name}'", "header-missing"))
    if problems:
        raise InvalidMap(problems)
    table = Table(file, header)
    width = len(header)
    absent = {name: "" for name in table_schema.names if name not in seen}  # optional columns left out read as empty
    start = reader.line_num + 1
    try:
        for record in reader:
            line = start
            start = reader.line_num + 1
            if not "".join(record).strip():  # no field, or spaces alone
                continue
            if len(record) != width:
                table.problems.append(Problem(file, line, record[0] or None, None, f"row has {len(record)} fields but the header has {width}", "row-width"))
                continue
            row = dict(zip(header, record))
            if absent:
                row.update(absent)
            table.rows.append(row)
            table.lines.append(line)
    except csv.Error as e:
        table.problems.append(Problem(file, start, None, None, f"not valid CSV ({e}); check for an unclosed quote", "csv"))
    if not table.rows and not table.problems:
        table.problems.append(Problem(file, None, None, None, NO_ROWS, "no-rows"))
    table.header = header + list(absent)  # the rows hold them too, so a table written back has every column it holds
    return table


def read_rows(path: str | Path, name: str = "claims") -> Table:
    """Read a CSV described by the package's schema ``name``."""
    return read_table(path, schema(name))
