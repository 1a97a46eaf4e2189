"""What an import brought in and what it left out, counted by kind, for the summary every import ends with."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Imported", "counts"]


def counts(counter: Counter[str] | dict[str, int]) -> str:
    """``{"I-node": 3, "RA node": 1}`` as ``3 I-nodes, 1 RA node`` (kinds in the order given, zeros left out).

    >>> counts({"I-node": 3, "RA node": 1, "CA node": 0})
    '3 I-nodes, 1 RA node'
    """
    parts = []
    for kind, n in counter.items():
        if n:
            head, _, tail = kind.partition(" (")
            plural = head if n == 1 else (head[:-1] + "ies" if head.endswith("y") and not head.endswith("ey") else head + "s")
            parts.append(f"{n} {plural}" + (f" ({tail}" if tail else ""))
    return ", ".join(parts)


@dataclass
class Imported:
    """Claims rows read from a file, with the counts of what came in and of what was left out (and why)."""

    rows: list[dict[str, str]]
    came_in: Counter[str] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)
    source_text: str | None = None
    notes: list[str] = field(default_factory=list)

    def summary(self, file: str) -> str:
        """One line for stderr.

        >>> Imported([{"id": "A"}, {"id": "A.r1", "same_as": "A"}], Counter({"I-node": 1, "RA node": 1}), Counter({"L node (dialogue)": 2})).summary("m.json")
        'm.json: 2 rows (1 statement, 1 restatement) from 1 I-node, 1 RA node; left out 2 L nodes (dialogue)'
        """
        restated = sum(1 for r in self.rows if r.get("same_as"))
        what = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}"
        if restated:
            what += f" ({counts({'statement': len(self.rows) - restated, 'restatement': restated})})"
        line = f"{file}: {what} from {counts(self.came_in) or 'nothing'}"
        if sum(self.left_out.values()):
            line += f"; left out {counts(self.left_out)}"
        return line + "".join(f"; {n}" for n in self.notes)
