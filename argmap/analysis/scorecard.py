"""The author's forecasts set against later events: the editorial statuses of scorecard.csv, checked and joined for display."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from argmap.core.dates import format_date
from argmap.core.errors import InvalidMap, Problem
from argmap.core.load import load
from argmap.core.model import ArgumentMap
from argmap.core.schema import schema
from argmap.core.table import Table, read_table
from argmap.core.text import Hints
from argmap.core.validate import check_fields

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "STATUSES",
    "check_scorecard",
    "eligible",
    "headline",
    "latest_date",
    "load_scorecard",
    "reading_notes",
    "scorecard",
    "scorecard_markdown",
    "what_followed",
]

#: The statuses a forecast can have, in the order the schema lists them.
STATUSES: tuple[str, ...] = schema("scorecard").field("status").enum or ()
_SLIP = "Factual slip"


def eligible(row: Mapping[str, str], bearing: Iterable[str] | None = None) -> bool:
    """Whether a claims row can be scored: a prediction, or a claim of the article that a later event bears on.

    ``bearing`` holds the ids that later events name; without it, any claim of the article may be scored.

    >>> eligible({"id": "P1", "type": "prediction", "origin": "article"})
    True
    >>> eligible({"id": "C22", "type": "claim", "origin": "article"}, {"C22"}), eligible({"id": "C1", "type": "claim", "origin": "article"}, {"C22"})
    (True, False)
    >>> eligible({"id": "E7", "type": "evidence", "origin": "article"})
    False
    """
    if row.get("type") == "prediction":
        return True
    return row.get("type") == "claim" and row.get("origin") == "article" and (bearing is None or row.get("id") in set(bearing))


def headline(event: str) -> str:
    """The part of an event's wording before its first ';'.

    >>> headline("COP29 in Baku; no peace or framework agreement was signed")
    'COP29 in Baku'
    """
    return " ".join(event.split(";")[0].split())


def latest_date(events: pd.DataFrame) -> dt.date:
    """The last day of the latest event: the date the scorecard is judged as of.

    >>> import pandas as pd
    >>> latest_date(pd.DataFrame({"end": pd.to_datetime(["2025-08-31", "2026-01-14", "2025-11-30"])}))
    datetime.date(2026, 1, 14)
    """
    return events["end"].max().date()


def _later(events: pd.DataFrame | None) -> dict[str, list[dict]]:
    """The later events under each id their claim_ids name, ordered by their midpoints, as on the timeline."""
    out: dict[str, list[dict]] = {}
    if events is None:
        return out
    rows = sorted(events[events["kind"] == "later"].to_dict("records"), key=lambda e: (e["start"] + (e["end"] - e["start"]) / 2, e["start"]))
    for e in rows:
        for cid in filter(None, e["claim_ids"].split(";")):
            out.setdefault(cid, []).append(e)
    return out


def check_scorecard(table: Table, claims: ArgumentMap, events: pd.DataFrame | None = None, *, claims_name: str = "claims.csv") -> list[Problem]:
    """Every problem beyond the schema's cell checks: unknown or unscorable ids, judgements older than their events, unscored predictions."""
    later = _later(events)
    bearing = set(later) if events is not None else None
    hints = Hints(claims.ids)
    out: list[Problem] = []
    seen: set[str] = set()
    for row, line in zip(table.rows, table.lines):
        rid, as_of = row["id"], row["as_of"]
        seen.add(rid)
        if rid and rid not in claims:
            out.append(Problem(table.file, line, rid, "id", f"no row of {claims_name} has id '{rid}'{hints.hint(rid)}", "id-missing"))
        elif rid and not eligible(claims[rid], bearing):
            kind = claims[rid].get("type", "")
            out.append(
                Problem(
                    table.file,
                    line,
                    rid,
                    "id",
                    f"is a row of type '{kind}'; the scorecard takes predictions, and claims of the article that a later event in events.csv bears on (like C22)",
                    "type-not-scorable",
                )
            )
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            continue  # empty, malformed or not a real day: reported by check_fields from the schema
        last = max(later.get(rid, []), key=lambda e: e["end"], default=None)
        if last is not None and day < last["end"].date():
            out.append(
                Problem(
                    table.file,
                    line,
                    rid,
                    "as_of",
                    f"is {as_of}, before the later event of {last['date']} that bears on {rid}; judge as of a date on or after every event weighed",
                    "as-of-early",
                )
            )
    for r in claims.rows:
        if r.get("type") == "prediction" and r["id"] not in seen and not claims.is_restatement(r["id"]):
            out.append(
                Problem(
                    table.file,
                    None,
                    r["id"],
                    "id",
                    f"prediction {r['id']} of {claims_name} has no row; give it a status ('still open' if nothing bears on it yet)",
                    "prediction-unscored",
                )
            )
    return out


def load_scorecard(path: str | Path = "scorecard.csv", claims: str | Path | ArgumentMap = "claims.csv", events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and check a scorecard CSV against the map (and the events, if given); a DataFrame indexed by id.

    Raises :class:`InvalidMap` listing every problem, each with its file and line, when the file is not valid.
    """
    sch = schema("scorecard")
    table = read_table(path, sch)
    if isinstance(claims, ArgumentMap):
        amap, name = claims, claims.path.name if claims.path else "claims.csv"
    else:  # a broken claims file is refused with its own problems
        amap, name = load(claims, check_quotes=False), Path(claims).name
    problems = table.problems + check_fields(table, sch) + check_scorecard(table, amap, events, claims_name=name)
    if problems:
        raise InvalidMap(sorted(problems, key=lambda p: (p.line or 0, p.column or "", p.message)))
    import pandas as pd  # only once the file is known to be good: a bad file is refused sooner

    df = pd.DataFrame([{n: r.get(n, "") for n in sch.names} for r in table.rows], columns=list(sch.names)).set_index("id")
    df.index.name = None
    return df


def what_followed(events: pd.DataFrame, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """One row per later event under each id its claim_ids name (ids in the order given; events in timeline order), with its source."""
    import pandas as pd

    later = _later(events)
    records = [
        {"id": rid, "date": e["date"], "when": format_date(e["date"]), "event": e["event"], "source_title": e["source_title"], "source_url": e["source_url"]}
        for rid in (later if ids is None else ids)
        for e in later.get(rid, [])
    ]
    return pd.DataFrame(records, columns=["id", "date", "when", "event", "source_title", "source_url"])


def scorecard(claims: ArgumentMap, events: pd.DataFrame, judgements: pd.DataFrame) -> pd.DataFrame:
    """The scored rows in map order: the forecast, the author's hedge, the status and date, and the later events, with the reasoning."""
    import pandas as pd

    followed = what_followed(events, judgements.index)
    records = []
    for rid in (i for i in claims.ids if i in judgements.index):
        row, j = claims[rid], judgements.loc[rid]
        mine = followed[followed["id"] == rid]
        records.append(
            {
                "id": rid,
                "forecast": row["text"],
                "¶": int(row["paragraph"]) if row.get("paragraph") else pd.NA,
                "author's hedge": row.get("certainty") or "—",
                "status": j["status"],
                "qualifier": j.get("qualifier") or "",
                "as of": j["as_of"],
                "later events": len(mine),
                "what followed": "; ".join(f"{w}: {headline(e)}" for w, e in zip(mine["when"], mine["event"])) or "no event in events.csv",
                "reasoning": j["reasoning"],
            }
        )
    df = pd.DataFrame(records).set_index("id")
    df.index.name = None
    df["¶"] = df["¶"].astype("Int64")
    return df


def _qualified(status: str, qualifier: str | None) -> str:
    """The status with its qualifier, if any.

    >>> _qualified("borne out", "as worded; contested"), _qualified("still open", "")
    ('borne out (as worded; contested)', 'still open')
    """
    return f"{status} ({qualifier})" if qualifier else status


def _md(text: str) -> str:
    r"""Text with Markdown's inline markers escaped.

    >>> _md("a *b* [c]")
    'a \\*b\\* \\[c\\]'
    """
    return re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)


def scorecard_markdown(claims: ArgumentMap, events: pd.DataFrame, judgements: pd.DataFrame) -> str:
    """Markdown with one section per scored row: the author's words, what followed with linked sources, the status and reasoning."""
    card = scorecard(claims, events, judgements)
    followed = what_followed(events, card.index)
    parts = []
    for rid, c in card.iterrows():
        rid = str(rid)
        row = claims[rid]
        hedge = f"; the author's word: *{_md(row['certainty'])}*" if row.get("certainty") else ""
        lines = [
            f"### {rid} · {_qualified(c['status'], c['qualifier'])} (as of {format_date(c['as of'])})",
            "",
            f"{_md(str(c['forecast']))}",
            "",
            f"> “{_md(row.get('quote', ''))}” (¶{c['¶']}{hedge})",
            "",
            "**What followed** (later events in events.csv whose `claim_ids` name this row):",
            "",
        ]
        mine = followed[followed["id"] == rid]
        lines += [f"- **{e.when}**: {_md(str(e.event))} — source: [{_md(str(e.source_title))}]({e.source_url})" for e in mine.itertuples()]
        lines += [] if len(mine) else ["- none: no later event in events.csv bears on this row."]
        lines += ["", f"**Status: {_qualified(c['status'], c['qualifier'])}.** {_md(c['reasoning'])}"]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def reading_notes(events: pd.DataFrame, claims: ArgumentMap) -> pd.DataFrame:
    """Every event with a reading note, marked as a factual slip of the article or another note, with the rows it touches."""
    import pandas as pd

    records = []
    for e in events[events["note"] != ""].to_dict("records"):
        ids = [i for i in e["claim_ids"].split(";") if i]
        records.append(
            {
                "kind": "factual slip" if e["note"].startswith(_SLIP) else "other note",
                "when": format_date(e["date"]),
                "event": headline(e["event"]),
                "rows": ", ".join(ids),
                "rows in the map": " / ".join(f"{i}: {claims[i]['text']}" for i in ids if i in claims),
                "¶": e["paragraph"],
                "the article's words": e["quote"],
                "note": e["note"],
            }
        )
    columns = ["kind", "when", "event", "rows", "rows in the map", "¶", "the article's words", "note"]
    df = pd.DataFrame(records, columns=columns)
    return df.sort_values("kind", key=lambda k: k != "factual slip", kind="stable").reset_index(drop=True)
