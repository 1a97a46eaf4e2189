"""The one "did you mean" hint, shared by every check."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import cached_property

__all__ = ["MAX_DIGITS", "Hints", "did_you_mean", "quoted", "whole"]

#: Near spellings are looked for only among this many options (ids of a big map are matched by case alone).
_SPELLING_LIMIT = 200


class Hints:
    """Suggestions from a fixed set of options: the same but for case and spaces, else (for short lists) a near spelling.

    >>> h = Hints(["supports", "attacks", "undercuts"])
    >>> h.closest("Attacks"), h.closest("attack"), h.closest("xyz")
    ('attacks', 'attacks', None)
    >>> h.hint("attack")
    "; did you mean 'attacks'?"

    The options are compared only when a hint is asked for:

    >>> ids = Hints(["T1", "C7"])
    >>> "_folded" in vars(ids), ids.closest("c7"), "_folded" in vars(ids)
    (False, 'C7', True)
    """

    def __init__(self, options: Iterable[str]) -> None:
        self.options = list(options)

    @cached_property
    def _folded(self) -> dict[str, str]:
        """Each option by its folded form (the first of several alike), made at the first question: a check builds
        its hints before it knows whether any cell needs one, and a clean 100,000-row map needs none."""
        folded: dict[str, str] = {}
        for option in self.options:
            folded.setdefault(_fold(option), option)
        return folded

    def closest(self, value: str) -> str | None:
        """The option ``value`` most likely meant, or None.

        >>> Hints(["borne out", "not borne out"]).closest("Not_Borne-Out")
        'not borne out'
        """
        folded = _fold(value)
        same = self._folded.get(folded)
        if same is not None:
            return same if same != value else None
        if len(self.options) > _SPELLING_LIMIT:
            return None
        near = difflib.get_close_matches(folded, list(self._folded), n=1, cutoff=0.8)
        return self._folded[near[0]] if near else None

    def hint(self, value: str) -> str:
        """``"; did you mean 'X'?"``, or ``""`` when no option is close."""
        near = self.closest(value)
        return f"; did you mean '{near}'?" if near else ""


def _fold(value: str) -> str:
    """Lower case, with runs of spaces, '_' and '-' read as one space."""
    return " ".join(re.sub(r"[\s_-]+", " ", value.casefold()).split())


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """The hint for one value among ``options``.

    >>> did_you_mean("c30", ["C30", "C3"]), did_you_mean("T9", ["T1", "C1"])
    ("; did you mean 'C30'?", '')
    """
    return Hints(options).hint(value)


#: The most digits a whole-number cell may have (Python refuses to read numbers of over 4,300 digits; none of ours needs 16).
MAX_DIGITS = 15


def whole(v: str) -> int | None:
    """The whole number ``v`` spells in ASCII digits, or None (not digits, or more than :data:`MAX_DIGITS` of them).

    >>> whole("007"), whole("x"), whole("9" * 5000)
    (7, None, None)
    """
    if not (v.isascii() and v.isdigit()) or len(v.lstrip("0")) > MAX_DIGITS:
        return None
    return int(v)


def quoted(value: object, n: int = 60) -> str:
    """``value`` as a message shows it: quoted, and cut to ``n`` characters with its length when longer (a message stays one line).

    >>> quoted("2024-13"), quoted(2024), quoted("9" * 5000)
    ("'2024-13'", '2024', "'999999999999999999999999999999999999999999999999999999999999…' (5,000 characters)")
    """
    if not isinstance(value, str):  # a number or a list from JSON, shown as it is, not as text
        text = repr(value)
        return text if len(text) <= n else f"{text[:n]}… ({len(text):,} characters)"
    return repr(value) if len(value) <= n else f"{value[:n] + '…'!r} ({len(value):,} characters)"
