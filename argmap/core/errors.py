"""Problems found in input files, and the exceptions that carry them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["ArgmapError", "InvalidMap", "Problem", "UsageError", "read_input"]


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
        return ": ".join(parts)


class ArgmapError(Exception):
    """An input that argmap cannot use; the message says which file and why."""


class UsageError(ArgmapError):
    """A command line that asks for something impossible (an unknown id, format or file name); exit code 2."""


class InvalidMap(ArgmapError):
    """A map file with one or more problems, all listed in ``problems``."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


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
