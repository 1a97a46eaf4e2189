"""``argmap draft``: every sentence of the text with its paragraph and a row type suggested by cue words.

A mapping aid, not an oracle: it writes a separate CSV for the analyst to read, never rows into ``claims.csv``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from argmap.core.source import Source

__all__ = ["CUES", "Suggestion", "draft_csv", "sentences", "suggest"]

#: Suggested type → cue patterns, tried in this order; the first type with a cue wins.
CUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("recommendation", (r"\bshould\b", r"\bmust\b", r"\bought to\b", r"\bneeds? to\b", r"\bit is time to\b", r"\blet us\b", r"\bwe call on\b")),
    ("prediction", (r"\bwill\b", r"\bwould\b", r"\bgoing to\b", r"\bis (?:highly )?likely\b", r"\bis expected to\b", r"\bsoon\b")),
    ("evidence", (r"\baccording to\b", r"\breported\b", r"\bannounced\b", r"\bsurvey\b", r"\bfor (?:example|instance)\b", r"\b(?:19|20)[0-9]{2}\b",
                  r"\b[0-9][0-9,.]*\s?(?:%|percent|per cent)\b", r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")),
    ("claim", (r"\btherefore\b", r"\bthus\b", r"\bhence\b", r"\bconsequently\b", r"\bas a result\b", r"\bbecause\b", r"\bsince\b",
               r"\bmay\b", r"\bmight\b", r"\bcould\b", r"\bhowever\b", r"\bbut\b", r"\balthough\b")),
)  # fmt: skip
_NOTES = {
    "recommendation": "says what should be done: a recommendation (or a thesis, if it is the text's main point)",
    "prediction": "says what will or would happen: a prediction; keep its hedge in certainty",
    "evidence": "reports a fact, a figure or a dated event: evidence, if it is offered as a reason",
    "claim": "a reason, a conclusion, a hedge or a contrast: read which way it bears before choosing the parent and relation",
    "": "no cue word: read it; it may be background rather than a row",
}
_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@dataclass(frozen=True)
class Suggestion:
    """One sentence of the text, where it is, and the type its cue words suggest."""

    paragraph: int
    sentence: int
    text: str
    suggested_type: str
    cues: tuple[str, ...]

    @property
    def note(self) -> str:
        return _NOTES[self.suggested_type]


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences.

    >>> sentences("The city should act. It will cost $5 million. Critics disagree.")
    ['The city should act.', 'It will cost $5 million.', 'Critics disagree.']
    """
    return [s.strip() for s in _SPLIT.split(" ".join(paragraph.split())) if s.strip()]


def suggest(text: str) -> tuple[str, tuple[str, ...]]:
    """The type suggested for a sentence and the cue words found (empty when there is no cue).

    >>> suggest("Armenia should refuse the framework.")
    ('recommendation', ('should',))
    >>> suggest("In May 2024 the talks resumed.")
    ('evidence', ('2024', 'May'))
    >>> suggest("The sky is blue.")
    ('', ())
    """
    for kind, patterns in CUES:
        found = tuple(m.group(0) for p in patterns for m in [re.search(p, text, flags=re.IGNORECASE if kind != "evidence" else 0)] if m)
        if found:
            return kind, found
    return "", ()


def draft(source: Source) -> list[Suggestion]:
    """A suggestion for every sentence of every body paragraph."""
    out = []
    for p, paragraph in enumerate(source.paragraphs, 1):
        for s, text in enumerate(sentences(paragraph), 1):
            kind, cues = suggest(text)
            out.append(Suggestion(p, s, text, kind, cues))
    return out


def draft_csv(source: Source) -> str:
    """The suggestions as CSV: paragraph, sentence, suggested_type, cues, note, text (the sentence, verbatim)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["paragraph", "sentence", "suggested_type", "cues", "note", "text"])
    for s in draft(source):
        writer.writerow([s.paragraph, s.sentence, s.suggested_type, "; ".join(s.cues), s.note, s.text])
    return out.getvalue()
