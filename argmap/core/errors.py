"""Problems found in input files, and the exceptions that carry them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ArgmapError", "InvalidMap", "Problem", "UsageError", "printable", "read_input"]

#: Characters a terminal may act on (C0/C1 controls, DEL, line and paragraph separators, bidi overrides): escaped in messages.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` with every control character shown escaped, so a message is one line and cannot drive the terminal.

    >>> print(printable("C1\x1b]0;title\x07\nX\u2028"))
    C1\x1b]0;title\x07\nX\u2028
    """
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match) -> str:
    c = m.group()
    return repr(c)[1:-1] if ord(c) < 0x100 else f"\\u{ord(c):04x}"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with an input file, located by file, line and id.

    >>> str(Problem("claims.csv", 5, "C4", "parent", "no row has id 'C99'"))
    "claims.csv:5: id C4: parent: no row has id 'C99'"
    >>> str(Problem("claims.csv", None, None, None, "file is empty"))
    'claims.csv: file is empty'
    """

    file: str
    line: int | None
    id: str | None
    column: str | None
    message: str
    #: A stable code for the kind of problem (e.g. ``enum``, ``parent-missing``), for tests and tools; not printed.
    code: str = ""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.id:
            parts.append(f"id {self.id}")
        if self.column:
            parts.append(self.column)
        parts.append(self.message)
        return printable(": ".join(parts))


class ArgmapError(Exception):
    """An input that argmap cannot use; the message says which file and why."""


class UsageError(ArgmapError):
    """A command line that asks for something impossible (an unknown id, format or file name); exit code 2."""


class InvalidMap(ArgmapError):
    """A map file with one or more problems, all listed in ``problems``."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def read_text(path: str | Path, kind: str, what: str, hint: str) -> str:
    """The UTF-8 text of an input file (a BOM is dropped); an :class:`ArgmapError` names the line of the first bad byte.

    ``kind`` names the file when it can't be read, ``what`` is said not to be UTF-8, and ``hint`` says how to fix it.
    """
    raw = read_input(path, kind)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ArgmapError(f"{path}:{line}: {what} is not UTF-8 (byte 0x{raw[e.start]:02x}); {hint}") from None


def read_input(path: str | Path, kind: str = "file") -> bytes:
    """The bytes of an input file, or an :class:`ArgmapError` that names it and says why it can't be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise ArgmapError(f"{path}: {kind} not found") from None
    except IsADirectoryError:
        raise ArgmapError(f"{path}: is a folder, not a {kind}") from None
    except OSError as e:
        raise ArgmapError(f"{path}: cannot read {kind} ({e.strerror})") from None
